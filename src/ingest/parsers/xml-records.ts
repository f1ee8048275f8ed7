import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { setField } from './fields.js';
import { badRow, FileError, RAW_LIMIT, tooLarge, type ParsedItem } from './types.js';

interface OpenRecord {
  line: number;
  fields: Record<string, unknown>;
  /** Elements open inside the record, the record's own included: 2 means in a field. */
  level: number;
  /** The field (child element) being read, and its text so far. */
  field: string | undefined;
  text: string;
  size: number;
  tooLarge: boolean;
  duplicate: string | undefined;
  /** A re-serialisation of the record, for bad rows (saxes does not give the source text). */
  raw: string;
}

/**
 * Collects records from saxes events. A record is an element named `element` that is not
 * inside another one; its fields are its attributes and the text of its child elements
 * (their whole text content; attributes of children are not read).
 *
 * saxes parses synchronously within `write`, so rows are queued there and taken afterwards.
 */
export class XmlRecords {
  private readonly parser = new SaxesParser<{ xmlns: false }>({ xmlns: false });
  private record: OpenRecord | undefined;
  private tagLine = 1;
  private items: ParsedItem[] = [];
  private sawContent = false;
  /** The first error; events after it are ignored (saxes goes on parsing). */
  failure: FileError | undefined;

  constructor(
    private readonly element: string,
    private readonly maxBytes: number,
  ) {
    const parser = this.parser;
    // saxes reports a tag once it has read the character after the name: if that was a line
    // break, the tag began on the line before.
    parser.on('opentagstart', () => {
      this.tagLine = parser.column === 0 ? parser.line - 1 : parser.line;
    });
    parser.on('opentag', (tag) => this.open(tag));
    parser.on('text', (text) => this.text(text));
    parser.on('cdata', (text) => this.text(text));
    parser.on('closetag', (tag) => this.close(tag));
    parser.on('error', (error) => {
      this.fail(new FileError('xml_not_well_formed', error.message, parser.line));
    });
  }

  write(text: string): void {
    if (this.failure) return;
    if (!this.sawContent) this.sawContent = text.trim() !== '';
    this.parser.write(text);
  }

  /** The node being read was cut short by the size guard. */
  cut(): void {
    if (this.record) this.markTooLarge(this.record);
  }

  fail(error: FileError): void {
    this.failure ??= error;
  }

  /** Ends the document; an input with nothing but white space is an empty file, not an error. */
  end(): void {
    if (!this.failure && this.sawContent) this.parser.close();
  }

  take(): ParsedItem[] {
    const items = this.items;
    this.items = [];
    return items;
  }

  private open(tag: SaxesTagPlain): void {
    if (this.failure) return;
    const record = this.record;
    if (record === undefined) {
      if (tag.name === this.element) this.startRecord(tag);
      return;
    }
    record.level++;
    this.grow(record, `<${tag.name}>`);
    if (record.level === 2) {
      record.field = tag.name;
      record.text = '';
    }
  }

  private startRecord(tag: SaxesTagPlain): void {
    const record: OpenRecord = {
      line: this.tagLine,
      fields: {},
      level: 1,
      field: undefined,
      text: '',
      size: 0,
      tooLarge: false,
      duplicate: undefined,
      raw: '',
    };
    this.record = record;
    const attributes = Object.entries(tag.attributes);
    const open = attributes.map(([name, value]) => ` ${name}="${value}"`).join('');
    this.grow(record, `<${tag.name}${open}>`);
    for (const [name, value] of attributes) this.addField(record, name, value);
  }

  private text(text: string): void {
    const record = this.record;
    if (this.failure || record === undefined) return;
    this.grow(record, text);
    if (record.level >= 2 && !record.tooLarge) record.text += text;
  }

  private close(tag: SaxesTagPlain): void {
    const record = this.record;
    if (this.failure || record === undefined) return;
    if (record.level === 2 && record.field !== undefined) {
      this.addField(record, record.field, record.text);
      record.field = undefined;
      record.text = '';
    }
    record.level--;
    this.grow(record, `</${tag.name}>`);
    if (record.level === 0) {
      this.items.push(this.finish(record));
      this.record = undefined;
    }
  }

  private addField(record: OpenRecord, name: string, value: string): void {
    if (record.tooLarge) return;
    if (Object.hasOwn(record.fields, name)) record.duplicate ??= name;
    else setField(record.fields, name, value);
  }

  /** Counts a piece of the record towards its size, and keeps the start of it for `raw`. */
  private grow(record: OpenRecord, piece: string): void {
    record.size += Buffer.byteLength(piece);
    if (record.raw.length < RAW_LIMIT) record.raw += piece.slice(0, RAW_LIMIT);
    if (record.size > this.maxBytes) this.markTooLarge(record);
  }

  private markTooLarge(record: OpenRecord): void {
    record.tooLarge = true;
    // Nothing collected so far will be used: let it go rather than hold up to the limit.
    record.fields = {};
    record.text = '';
  }

  private finish(record: OpenRecord): ParsedItem {
    if (record.tooLarge) return tooLarge(record.line, this.maxBytes, record.raw);
    if (record.duplicate !== undefined) {
      const detail = `the field "${record.duplicate}" appears more than once`;
      return badRow(record.line, 'duplicate_field', detail, record.raw);
    }
    return { kind: 'row', line: record.line, fields: record.fields };
  }
}
