import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { FileError, readRecords } from './index.js';
import { collect, collectUntilError, rows, streamOf } from './testing.js';

const readJson = (content: string, chunkSize?: number) =>
  collect(readRecords(streamOf(content, chunkSize), { format: 'json' }));

const readJsonUntilError = (content: string) =>
  collectUntilError(readRecords(streamOf(content), { format: 'json' }));

describe('reading a JSON array', () => {
  it('reads each element, numbered by its index + 1', async () => {
    const content = ' [ {"a": "x,]}"}, {"b": "quote \\" and \\\\", "c": [1, {"d": 2}]},\n{} ]\n';
    for (const chunkSize of [1, 7, 1024]) {
      expect(rows(await readJson(content, chunkSize))).toEqual([
        [1, { a: 'x,]}' }],
        [2, { b: 'quote " and \\', c: [1, { d: 2 }] }],
        [3, {}],
      ]);
    }
  });

  it('yields an element before the rest of the array has arrived', async () => {
    const input = new PassThrough();
    // Declared UTF-8: with `auto`, the first 64 KiB are held back to sniff the encoding.
    const items = readRecords(input, { format: 'json', encoding: 'utf-8' })[Symbol.asyncIterator]();
    input.write('[{"first": 1}, {"second"');
    await expect(items.next()).resolves.toEqual({
      done: false,
      value: { kind: 'row', line: 1, fields: { first: 1 } },
    });
    input.end(': 2}]');
    expect((await items.next()).value).toEqual({ kind: 'row', line: 2, fields: { second: 2 } });
    expect((await items.next()).done).toBe(true);
  });

  it('refuses a bad element and goes on', async () => {
    const items = await readJson('[{"a":1}, {"a":}, 7, {"a":1} {"b":2}, {"a":4}]');
    expect(items.map((item) => [item.line, item.kind === 'bad_row' ? item.code : 'row'])).toEqual([
      [1, 'row'],
      [2, 'malformed_json'],
      [3, 'not_an_object'],
      [4, 'malformed_json'],
      [5, 'row'],
    ]);
    expect(items[1]).toMatchObject({ raw: '{"a":}' });
  });

  it('refuses an empty element left by a stray comma', async () => {
    const items = await readJson('[{"a":1},]');
    expect(items[1]).toMatchObject({ kind: 'bad_row', line: 2, code: 'malformed_json' });
  });

  it('reads an empty array or an empty file as no rows', async () => {
    expect(await readJson('[]')).toEqual([]);
    expect(await readJson(' [ \n ] ')).toEqual([]);
    expect(await readJson('')).toEqual([]);
  });

  it('fails a file that is not an array', async () => {
    const { error } = await readJsonUntilError('\n{"rows": []}');
    expect(error).toBeInstanceOf(FileError);
    expect(error).toMatchObject({ code: 'not_a_json_array', line: 2 });
  });

  it('fails a file whose array is not closed, after yielding the elements before', async () => {
    const { items, error } = await readJsonUntilError('[{"a":1},{"a":2},{"a"');
    expect(rows(items)).toEqual([
      [1, { a: 1 }],
      [2, { a: 2 }],
    ]);
    expect(error).toMatchObject({ code: 'truncated' });
  });

  it('fails a file with text after the array', async () => {
    const { items, error } = await readJsonUntilError('[{"a":1}] [{"a":2}]');
    expect(rows(items)).toEqual([[1, { a: 1 }]]);
    expect(error).toMatchObject({ code: 'trailing_data' });
  });
});
