import type { Readable } from 'node:stream';
import { readCsv } from './csv.js';
import { decodeText } from './decode.js';
import { readJsonArray } from './json.js';
import { readJsonLines } from './jsonl.js';
import {
  DEFAULT_MAX_RECORD_BYTES,
  type FileFormat,
  type ParsedItem,
  type ReadOptions,
} from './types.js';
import { readXml } from './xml.js';

export {
  FileError,
  type BadRowCode,
  type BadRowItem,
  type FileErrorCode,
  type FileFormat,
  type ParsedItem,
  type ReadOptions,
  type RowItem,
} from './types.js';

/**
 * Streams the records of a provider file. Memory stays flat whatever the file's size: text
 * is decoded and split as it arrives, and a record over `maxRecordBytes` is dropped as it
 * streams past (a `record_too_large` bad row) rather than buffered.
 *
 * A bad record gives a `bad_row` item and reading goes on. A problem with the whole file
 * throws a {@link FileError} from the iteration, possibly after rows were yielded: the
 * consumer must then fail the batch. Errors of the input stream itself are rethrown as they
 * are. Stopping the iteration early destroys the input stream.
 *
 * Options are checked at once: a bad option is a programming error (TypeError), not a file
 * problem.
 */
export function readRecords(input: Readable, options: ReadOptions): AsyncIterable<ParsedItem> {
  const maxRecordBytes = options.maxRecordBytes ?? DEFAULT_MAX_RECORD_BYTES;
  if (!Number.isSafeInteger(maxRecordBytes) || maxRecordBytes < 1) {
    throw new TypeError('maxRecordBytes must be a positive integer');
  }
  const text = (): AsyncGenerator<string> =>
    decodeText(input as AsyncIterable<Buffer | string>, options.encoding ?? 'auto');
  switch (options.format) {
    case 'csv': {
      const delimiter = options.delimiter ?? ',';
      if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\n' || delimiter === '\r') {
        throw new TypeError(
          'the CSV delimiter must be one character other than a quote or line break',
        );
      }
      return readCsv(text(), { delimiter, maxRecordBytes });
    }
    case 'jsonl':
      return readJsonLines(text(), maxRecordBytes);
    case 'json':
      return readJsonArray(text(), maxRecordBytes);
    case 'xml':
      return readXml(text(), {
        recordElement: options.xmlRecordElement ?? 'record',
        maxRecordBytes,
      });
  }
}

const FORMAT_BY_EXTENSION: Record<string, FileFormat> = {
  csv: 'csv',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  json: 'json',
  xml: 'xml',
};

/** The format a file name's extension implies (case-insensitive), or null if none. */
export function detectFormat(fileName: string): FileFormat | null {
  const match = /\.([a-z0-9]+)$/i.exec(fileName.trim());
  const extension = match?.[1]?.toLowerCase();
  return (extension !== undefined && FORMAT_BY_EXTENSION[extension]) || null;
}
