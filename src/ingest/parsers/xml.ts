import { XmlSizeGuard } from './xml-guard.js';
import { XmlRecords } from './xml-records.js';
import type { ParsedItem } from './types.js';

export interface XmlOptions {
  recordElement: string;
  maxRecordBytes: number;
}

/**
 * Reads XML records with saxes. A document that is not well-formed fails with a FileError
 * once the fault is reached, after the rows before it have been yielded.
 */
export async function* readXml(
  chunks: AsyncIterable<string>,
  options: XmlOptions,
): AsyncGenerator<ParsedItem> {
  const guard = new XmlSizeGuard(options.maxRecordBytes);
  const records = new XmlRecords(options.recordElement, options.maxRecordBytes);
  for await (const chunk of chunks) {
    for (const piece of guard.push(chunk)) {
      if (piece.kind === 'text') records.write(piece.text);
      else if (piece.kind === 'cut') records.cut();
      else records.fail(piece.error);
    }
    yield* records.take();
    if (records.failure) throw records.failure;
  }
  records.end();
  yield* records.take();
  if (records.failure) throw records.failure;
}
