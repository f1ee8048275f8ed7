/**
 * The shapes shared by the provider-file readers: what a caller asks for, what comes back,
 * and the one error that means "this whole file is unusable".
 */
export type FileFormat = 'csv' | 'jsonl' | 'json' | 'xml';

export interface ReadOptions {
  format: FileFormat;
  /**
   * `auto` (the default): UTF-8 unless the first 64 KiB are not valid UTF-8, then GB18030
   * (a superset of GBK and GB2312). A UTF-8 BOM is stripped.
   */
  encoding?: 'utf-8' | 'gb18030' | 'auto';
  /** CSV only: one character; default `,`. */
  delimiter?: string;
  /** XML only: the element holding one record; default `record`. */
  xmlRecordElement?: string;
  /**
   * The largest record (a CSV record, a JSON Lines line, a JSON array element, an XML
   * record) accepted, in UTF-8 bytes of its decoded text; default 1 MiB. A longer one is
   * refused on its own (`record_too_large`) without being buffered whole.
   */
  maxRecordBytes?: number;
}

/**
 * One record of the file, or one refused record. `line` is 1-based: for CSV the line the
 * record starts on, for JSON Lines the line, for XML the line of the record's start tag, for
 * a JSON array the element's index + 1.
 */
export type ParsedItem = RowItem | BadRowItem;

export interface RowItem {
  kind: 'row';
  line: number;
  fields: Record<string, unknown>;
}

export interface BadRowItem {
  kind: 'bad_row';
  line: number;
  code: BadRowCode;
  detail: string;
  /** The offending text, cut to {@link RAW_LIMIT} characters. */
  raw: string;
}

/** Why one record was refused; the rest of the file is still read. */
export type BadRowCode =
  /** Over `maxRecordBytes` (any format). */
  | 'record_too_large'
  /** CSV: not as many fields as the header has columns. */
  | 'column_count'
  /** CSV: bad quoting, e.g. text after a closing quote. */
  | 'malformed_csv'
  /** CSV: the file ends inside a quoted field. */
  | 'truncated'
  /** JSON Lines line or JSON array element that JSON.parse refuses. */
  | 'malformed_json'
  /** JSON Lines line or JSON array element that is valid JSON but not an object. */
  | 'not_an_object'
  /** XML: two child elements (or an attribute and a child) with the same name. */
  | 'duplicate_field';

/** Why a whole file was refused. */
export type FileErrorCode =
  /** Not valid UTF-8 where UTF-8 was declared or detected, or UTF-16. */
  | 'invalid_encoding'
  /** CSV: the header did not split, and holds another likely delimiter (named in the message). */
  | 'wrong_delimiter'
  /** CSV: the header is too large, not valid CSV, or ends inside a quoted field. */
  | 'bad_header'
  /** CSV: the header names a column twice (after trimming). */
  | 'duplicate_column'
  /** JSON: the top-level value is not an array. */
  | 'not_a_json_array'
  /** JSON: the file ends inside the array. */
  | 'truncated'
  /** JSON: something other than white space follows the array. */
  | 'trailing_data'
  /** XML: saxes found the document not well-formed (`line` is where). */
  | 'xml_not_well_formed'
  /** XML: a single tag, DOCTYPE or processing instruction over `maxRecordBytes`. */
  | 'xml_markup_too_large';

/**
 * A problem with the whole file. Readers stream, so rows read before the problem was found
 * have already been yielded: a consumer must treat a FileError as "the batch fails" and
 * discard (or roll back) whatever it did with those rows.
 */
export class FileError extends Error {
  readonly code: FileErrorCode;
  readonly line?: number;

  constructor(code: FileErrorCode, message: string, line?: number) {
    super(message);
    this.name = 'FileError';
    this.code = code;
    if (line !== undefined) this.line = line;
  }
}

export const DEFAULT_MAX_RECORD_BYTES = 1024 * 1024;

/** Bad rows carry at most this many characters of the offending text. */
export const RAW_LIMIT = 2000;

export function badRow(line: number, code: BadRowCode, detail: string, raw: string): BadRowItem {
  return { kind: 'bad_row', line, code, detail, raw: raw.slice(0, RAW_LIMIT) };
}

export function tooLarge(line: number, maxRecordBytes: number, head: string): BadRowItem {
  return badRow(line, 'record_too_large', `longer than ${maxRecordBytes} bytes`, head);
}
