import { jsonObjectItem } from './json-object.js';
import { RecordSplitter, type Framed } from './record-splitter.js';
import { tooLarge, type ParsedItem } from './types.js';

/** Reads JSON Lines: one object per line; blank lines are skipped. */
export async function* readJsonLines(
  chunks: AsyncIterable<string>,
  maxRecordBytes: number,
): AsyncGenerator<ParsedItem> {
  const splitter = new RecordSplitter(maxRecordBytes);
  const read = (framed: Framed): ParsedItem | undefined => {
    // Without quote tracking the splitter never reports a truncated record.
    if (framed.kind === 'too_large') return tooLarge(framed.line, maxRecordBytes, framed.head);
    if (framed.kind === 'record' && framed.text.trim() !== '') {
      return jsonObjectItem(framed.line, framed.text);
    }
    return undefined;
  };
  for await (const chunk of chunks) {
    for (const framed of splitter.push(chunk)) {
      const item = read(framed);
      if (item) yield item;
    }
  }
  for (const framed of splitter.end()) {
    const item = read(framed);
    if (item) yield item;
  }
}
