/**
 * Helpers for this folder's tests: fixtures are built in the test, as streams, so chunk
 * boundaries and large inputs can be exercised without committed files.
 */
import { Readable } from 'node:stream';
import type { ParsedItem } from './types.js';

/** `content` as a stream of `chunkSize`-byte chunks (1 puts a boundary everywhere). */
export function streamOf(content: string | Buffer, chunkSize = 64 * 1024): Readable {
  const bytes = typeof content === 'string' ? Buffer.from(content) : content;
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += chunkSize) chunks.push(bytes.subarray(i, i + chunkSize));
  return Readable.from(chunks);
}

/** A stream whose chunks are made only when read, so its size never has to fit in memory. */
export function lazyStream(chunks: () => Generator<string>): Readable {
  return Readable.from(
    (function* () {
      for (const chunk of chunks()) yield Buffer.from(chunk);
    })(),
  );
}

export async function collect(items: AsyncIterable<ParsedItem>): Promise<ParsedItem[]> {
  const out: ParsedItem[] = [];
  for await (const item of items) out.push(item);
  return out;
}

/** The items read before the iteration threw, and what it threw. */
export async function collectUntilError(
  items: AsyncIterable<ParsedItem>,
): Promise<{ items: ParsedItem[]; error: unknown }> {
  const out: ParsedItem[] = [];
  try {
    for await (const item of items) out.push(item);
  } catch (error) {
    return { items: out, error };
  }
  return { items: out, error: undefined };
}

/** Rows only, as `[line, fields]`, for compact expectations. */
export function rows(items: ParsedItem[]): [number, Record<string, unknown>][] {
  return items.flatMap((item) => (item.kind === 'row' ? [[item.line, item.fields]] : []));
}

/** Tracks the largest resident set size seen since creation. */
export class RssWatch {
  private readonly start = process.memoryUsage.rss();
  private peak = this.start;

  sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
  }

  /** Growth of the peak over the start, in MiB. */
  growthMiB(): number {
    this.sample();
    return (this.peak - this.start) / (1024 * 1024);
  }
}
