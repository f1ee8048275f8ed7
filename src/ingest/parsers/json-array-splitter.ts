import type { Framed } from './record-splitter.js';
import { RecordBuffer } from './record-buffer.js';
import { FileError } from './types.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;

function isJsonWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

/**
 * Cuts a top-level JSON array into the texts of its elements as the text streams in, so
 * that a large file is never parsed whole. It only tracks strings, escapes and nesting
 * depth; each element's text is then given to JSON.parse, which judges it. `line` of an
 * element is its index + 1.
 */
export class JsonArraySplitter {
  private phase: 'before' | 'inside' | 'after' = 'before';
  private depth = 0;
  private inString = false;
  private escaped = false;
  private index = 0;
  private readonly element: RecordBuffer;
  /** Whether the array has a comma, so that `[]` has no elements but `[1,]` an empty one. */
  private sawComma = false;
  /** Line in the file, only for errors about the file's shape. */
  private line = 1;
  /**
   * Set when the file is not one JSON array. The elements cut before it are still returned,
   * so a reader can hand them on before failing, as the other formats do.
   */
  failure: FileError | undefined;

  constructor(maxBytes: number) {
    this.element = new RecordBuffer(maxBytes);
  }

  push(chunk: string): Framed[] {
    const out: Framed[] = [];
    if (this.failure) return out;
    let start = 0;
    for (let i = 0; i < chunk.length; i++) {
      const code = chunk.charCodeAt(i);
      if (code === 0x0a) this.line++;
      if (this.phase === 'before') {
        if (code === OPEN_ARRAY) {
          this.phase = 'inside';
          this.depth = 1;
          start = i + 1;
        } else if (!isJsonWhitespace(code)) {
          this.failure = new FileError(
            'not_a_json_array',
            'the file is not a JSON array',
            this.line,
          );
          return out;
        }
        continue;
      }
      if (this.phase === 'after') {
        if (!isJsonWhitespace(code)) {
          this.failure = new FileError('trailing_data', 'text follows the JSON array', this.line);
          return out;
        }
        continue;
      }
      if (!this.inString && this.depth === 1 && (code === COMMA || code === CLOSE_ARRAY)) {
        this.finish(chunk, start, i, out, code === CLOSE_ARRAY);
        if (code === CLOSE_ARRAY) this.phase = 'after';
        start = i + 1;
        continue;
      }
      this.track(code);
      this.element.count(code);
    }
    if (this.phase === 'inside') this.element.keep(chunk, start, chunk.length);
    return out;
  }

  /** Checks that the array was closed; an empty input is taken as an empty array. */
  end(): void {
    if (this.phase === 'inside' && !this.failure) {
      this.failure = new FileError('truncated', 'the file ends inside the JSON array', this.line);
    }
  }

  private track(code: number): void {
    if (this.inString) {
      if (this.escaped) this.escaped = false;
      else if (code === BACKSLASH) this.escaped = true;
      else if (code === QUOTE) this.inString = false;
    } else if (code === QUOTE) {
      this.inString = true;
    } else if (code === OPEN_ARRAY || code === OPEN_OBJECT) {
      this.depth++;
    } else if ((code === CLOSE_ARRAY || code === CLOSE_OBJECT) && this.depth > 1) {
      // A stray closer at depth 1 stays in the element, for JSON.parse to refuse.
      this.depth--;
    }
  }

  private finish(chunk: string, start: number, end: number, out: Framed[], closing: boolean): void {
    const line = this.index + 1;
    const tooLarge = this.element.tooLarge;
    const text = this.element.take(chunk, start, end).trim();
    if (tooLarge) out.push({ kind: 'too_large', line, head: text });
    // `[]` has no element; `[1,]` has an empty last one, which JSON.parse will refuse.
    else if (text !== '' || !closing || this.sawComma) out.push({ kind: 'record', line, text });
    if (!closing) this.sawComma = true;
    this.index++;
  }
}
