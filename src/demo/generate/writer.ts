import { open, type FileHandle } from 'node:fs/promises';
import iconv from 'iconv-lite';
import type { TextEncoding } from './providers.js';

/** Characters buffered before a write: large enough to be fast, small enough to stream. */
const FLUSH_AT = 1 << 17;

/**
 * A file written in chunks, in UTF-8 or GB18030: text is collected and encoded a chunk at a
 * time, so a large file never exists as one string.
 *
 * @example
 * const sink = await FileSink.create('/tmp/out.csv', 'gb18030');
 * sink.push('证件号码,缴存年月\n');
 * if (sink.full) await sink.flush();
 * await sink.close();
 */
export class FileSink {
  private parts: string[] = [];
  private size = 0;
  private bytes = 0;

  private constructor(
    private readonly handle: FileHandle,
    private readonly encoding: TextEncoding,
  ) {}

  static async create(path: string, encoding: TextEncoding): Promise<FileSink> {
    return new FileSink(await open(path, 'w'), encoding);
  }

  push(text: string): void {
    this.parts.push(text);
    this.size += text.length;
  }

  get full(): boolean {
    return this.size >= FLUSH_AT;
  }

  /** Bytes written so far. */
  get written(): number {
    return this.bytes;
  }

  async flush(): Promise<void> {
    if (this.parts.length === 0) return;
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    const buffer =
      this.encoding === 'utf-8' ? Buffer.from(text, 'utf8') : iconv.encode(text, 'gb18030');
    this.bytes += buffer.length;
    await this.handle.write(buffer);
  }

  async close(): Promise<void> {
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
  }
}
