import { RAW_LIMIT } from './types.js';
import { utf8Size } from './utf8.js';

/**
 * The text of the record being cut out of a stream, gathered chunk by chunk. Once the record
 * passes the size limit only its first {@link RAW_LIMIT} characters are kept (for the bad
 * row), so a record of any length costs bounded memory.
 */
export class RecordBuffer {
  private pieces: string[] = [];
  private kept = 0;
  private bytes = 0;
  tooLarge = false;

  constructor(private readonly maxBytes: number) {}

  /** Counts one character of the record towards the limit. */
  count(code: number): void {
    this.bytes += utf8Size(code);
    if (this.tooLarge || this.bytes <= this.maxBytes) return;
    this.tooLarge = true;
    const head = this.pieces.join('').slice(0, RAW_LIMIT);
    this.pieces = [head];
    this.kept = head.length;
  }

  /** Keeps `chunk[start, end)`, whose characters have been counted. */
  keep(chunk: string, start: number, end: number): void {
    const to = this.tooLarge ? Math.min(end, start + RAW_LIMIT - this.kept) : end;
    if (to <= start) return;
    this.pieces.push(chunk.slice(start, to));
    this.kept += to - start;
  }

  /** The record's text (its head if too large) ending with `chunk[start, end)`; then resets. */
  take(chunk: string, start: number, end: number): string {
    this.keep(chunk, start, end);
    const text = this.pieces.length === 1 ? (this.pieces[0] ?? '') : this.pieces.join('');
    this.pieces = [];
    this.kept = 0;
    this.bytes = 0;
    this.tooLarge = false;
    return text;
  }
}
