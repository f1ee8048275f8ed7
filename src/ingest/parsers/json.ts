import { JsonArraySplitter } from './json-array-splitter.js';
import { jsonObjectItem } from './json-object.js';
import { tooLarge, type ParsedItem } from './types.js';

/** Reads a JSON file holding one top-level array of objects, element by element. */
export async function* readJsonArray(
  chunks: AsyncIterable<string>,
  maxRecordBytes: number,
): AsyncGenerator<ParsedItem> {
  const splitter = new JsonArraySplitter(maxRecordBytes);
  for await (const chunk of chunks) {
    for (const element of splitter.push(chunk)) {
      if (element.kind === 'too_large') yield tooLarge(element.line, maxRecordBytes, element.head);
      else yield jsonObjectItem(element.line, element.text);
    }
    if (splitter.failure) throw splitter.failure;
  }
  splitter.end();
  if (splitter.failure) throw splitter.failure;
}
