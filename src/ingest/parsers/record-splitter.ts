import { RecordBuffer } from './record-buffer.js';

/** One record's text cut out of the stream, or the reason it could not be. */
export type Framed =
  | { kind: 'record'; line: number; text: string }
  /** Longer than the limit: only its first characters were kept. */
  | { kind: 'too_large'; line: number; head: string }
  /** The input ended inside a quoted field. */
  | { kind: 'truncated'; line: number; text: string };

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;

/**
 * Where the scanner is within a CSV field; only quoted fields may hold line breaks.
 * `quote_in_quoted`: just after a quote inside a quoted field, either its end or half of `""`.
 */
type Field = 'start' | 'unquoted' | 'quoted' | 'quote_in_quoted';

/**
 * Splits text into records at line breaks (LF, CRLF or a lone CR), counting lines, before
 * any parser sees the text. Doing it here keeps line numbers right across quoted line breaks
 * and CRLF, and lets a record over the size limit be dropped as it streams past instead of
 * being buffered by the parser.
 *
 * With `csvDelimiter`, a line break inside a quoted field (a quote at the start of a field,
 * RFC 4180) belongs to the record; without it, every line break ends one (JSON Lines).
 * Empty records (blank lines) are not returned.
 */
export class RecordSplitter {
  private line = 1;
  private recordLine = 1;
  private readonly record: RecordBuffer;
  private field: Field = 'start';
  /** The previous character was a CR: a following LF completes the same line break. */
  private afterCr = false;
  /** ...and that CR ended a record, so the LF is not part of the next one. */
  private crEndedRecord = false;
  private readonly delimiter: number;

  constructor(maxBytes: number, csvDelimiter?: string) {
    this.record = new RecordBuffer(maxBytes);
    this.delimiter = csvDelimiter === undefined ? -1 : csvDelimiter.charCodeAt(0);
  }

  push(chunk: string): Framed[] {
    const out: Framed[] = [];
    const csv = this.delimiter !== -1;
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (code === LF && this.afterCr) {
        this.afterCr = false;
        if (this.crEndedRecord) start = i + 1;
        else this.record.count(code);
        continue;
      }
      this.afterCr = code === CR;
      if (code === LF || code === CR) {
        if (this.field === 'quoted') {
          this.line++;
          this.crEndedRecord = false;
          this.record.count(code);
          continue;
        }
        this.crEndedRecord = true;
        this.finish(chunk, start, i, out);
        this.line++;
        this.recordLine = this.line;
        start = i + 1;
        continue;
      }
      if (csv) this.field = this.nextField(code);
      this.record.count(code);
    }
    this.record.keep(chunk, start, chunk.length);
    return out;
  }

  /** The record the input ended in, if any: a last line without a line break. */
  end(): Framed[] {
    const out: Framed[] = [];
    if (this.field === 'quoted' && !this.record.tooLarge) {
      out.push({ kind: 'truncated', line: this.recordLine, text: this.record.take('', 0, 0) });
      this.field = 'start';
      return out;
    }
    this.finish('', 0, 0, out);
    return out;
  }

  private nextField(code: number): Field {
    switch (this.field) {
      case 'start':
        if (code === QUOTE) return 'quoted';
        return code === this.delimiter ? 'start' : 'unquoted';
      case 'unquoted':
        return code === this.delimiter ? 'start' : 'unquoted';
      case 'quoted':
        return code === QUOTE ? 'quote_in_quoted' : 'quoted';
      case 'quote_in_quoted':
        if (code === QUOTE) return 'quoted';
        // Anything else closes the field; text after the closing quote is the parser's to refuse.
        return code === this.delimiter ? 'start' : 'unquoted';
    }
  }

  private finish(chunk: string, start: number, end: number, out: Framed[]): void {
    const tooLarge = this.record.tooLarge;
    const text = this.record.take(chunk, start, end);
    if (tooLarge) out.push({ kind: 'too_large', line: this.recordLine, head: text });
    else if (text !== '') out.push({ kind: 'record', line: this.recordLine, text });
    this.field = 'start';
  }
}
