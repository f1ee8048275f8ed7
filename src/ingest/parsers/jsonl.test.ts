import { describe, expect, it } from 'vitest';
import { readRecords } from './index.js';
import { collect, rows, streamOf } from './testing.js';

const readJsonl = (content: string, chunkSize?: number) =>
  collect(readRecords(streamOf(content, chunkSize), { format: 'jsonl' }));

describe('reading JSON Lines', () => {
  it('reads one object per line, numbered by line', async () => {
    const content = '{"uscc":"9111","name":"甲公司"}\n{"uscc":"9122","amount":12.5}\n';
    for (const chunkSize of [1, 1024]) {
      expect(rows(await readJsonl(content, chunkSize))).toEqual([
        [1, { uscc: '9111', name: '甲公司' }],
        [2, { uscc: '9122', amount: 12.5 }],
      ]);
    }
  });

  it('skips blank lines, reads CRLF and a last line without a line break', async () => {
    const content = '\r\n{"a":1}\r\n   \r\n\t\r\n{"a":2}';
    expect(rows(await readJsonl(content))).toEqual([
      [2, { a: 1 }],
      [5, { a: 2 }],
    ]);
  });

  it('refuses a line that is not JSON and goes on', async () => {
    const items = await readJsonl('{"a":1}\n{"a":\n{"a":3}\n');
    expect(items[1]).toMatchObject({
      kind: 'bad_row',
      line: 2,
      code: 'malformed_json',
      raw: '{"a":',
    });
    expect(rows(items)).toEqual([
      [1, { a: 1 }],
      [3, { a: 3 }],
    ]);
  });

  it('refuses a JSON value that is not an object', async () => {
    const items = await readJsonl('[1,2]\n42\nnull\n"text"\n{"ok":true}\n');
    expect(items.map((item) => [item.line, item.kind === 'bad_row' ? item.code : 'row'])).toEqual([
      [1, 'not_an_object'],
      [2, 'not_an_object'],
      [3, 'not_an_object'],
      [4, 'not_an_object'],
      [5, 'row'],
    ]);
    expect(items[0]).toMatchObject({ detail: 'expected an object, found an array' });
  });

  it('keeps a "__proto__" key as data', async () => {
    const [item] = await readJsonl('{"__proto__":{"admin":true}}\n');
    const fields = item?.kind === 'row' ? item.fields : {};
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(Object.keys(fields)).toEqual(['__proto__']);
  });

  it('reads an empty file as no rows', async () => {
    expect(await readJsonl('')).toEqual([]);
  });
});
