import { describe, expect, it } from 'vitest';
import { FileError, readRecords } from './index.js';
import { collect, collectUntilError, rows, streamOf } from './testing.js';

const readCsv = (content: string, chunkSize?: number, delimiter?: string) =>
  collect(readRecords(streamOf(content, chunkSize), { format: 'csv', delimiter }));

async function csvError(content: string): Promise<FileError> {
  const { error } = await collectUntilError(
    readRecords(streamOf(content), { format: 'csv', delimiter: ',' }),
  );
  expect(error).toBeInstanceOf(FileError);
  return error as FileError;
}

describe('reading CSV', () => {
  it('takes field names from the header row, trimmed and without a BOM', async () => {
    const items = await readCsv('\uFEFF uscc , name \n91110000100000000A,Acme\n');
    expect(items).toEqual([
      { kind: 'row', line: 2, fields: { uscc: '91110000100000000A', name: 'Acme' } },
    ]);
  });

  it('reads quoted fields holding delimiters, doubled quotes and line breaks', async () => {
    const content = 'id,note\n1,"a, b"\n2,"say ""hi"""\n3,"two\nlines"\n';
    expect(rows(await readCsv(content))).toEqual([
      [2, { id: '1', note: 'a, b' }],
      [3, { id: '2', note: 'say "hi"' }],
      [4, { id: '3', note: 'two\nlines' }],
    ]);
  });

  it('numbers each record by its first line, across quoted line breaks and CRLF', async () => {
    const content = 'id,note\r\n1,"x\r\ny\r\nz"\r\n\r\n2,plain\r\n3,"\r\n"\r\n4,last';
    // One-byte chunks put a boundary inside every CRLF and every quoted field.
    for (const chunkSize of [1, 3, 1024]) {
      expect(rows(await readCsv(content, chunkSize))).toEqual([
        [2, { id: '1', note: 'x\r\ny\r\nz' }],
        [6, { id: '2', note: 'plain' }],
        [7, { id: '3', note: '\r\n' }],
        [9, { id: '4', note: 'last' }],
      ]);
    }
  });

  it('counts a lone CR as a line break', async () => {
    expect(rows(await readCsv('a,b\r1,2\r3,4'))).toEqual([
      [2, { a: '1', b: '2' }],
      [3, { a: '3', b: '4' }],
    ]);
  });

  it('refuses a row with the wrong number of columns and goes on with the next', async () => {
    const items = await readCsv('a,b\n1,2,3\n4\n5,6\n');
    expect(items).toEqual([
      {
        kind: 'bad_row',
        line: 2,
        code: 'column_count',
        detail: 'expected 2 columns, found 3',
        raw: '1,2,3',
      },
      {
        kind: 'bad_row',
        line: 3,
        code: 'column_count',
        detail: 'expected 2 columns, found 1',
        raw: '4',
      },
      { kind: 'row', line: 4, fields: { a: '5', b: '6' } },
    ]);
  });

  it('skips empty lines but still counts them', async () => {
    expect(rows(await readCsv('\n\na,b\n\n1,2\n\n\n3,4\n\n'))).toEqual([
      [5, { a: '1', b: '2' }],
      [8, { a: '3', b: '4' }],
    ]);
  });

  it('reads a last line that has no line break', async () => {
    expect(rows(await readCsv('a,b\n1,2'))).toEqual([[2, { a: '1', b: '2' }]]);
  });

  it('reports a quote left open at the end of the file as a truncated row', async () => {
    const items = await readCsv('a,b\n1,2\n3,"unfinished\nstill open');
    expect(items).toEqual([
      { kind: 'row', line: 2, fields: { a: '1', b: '2' } },
      {
        kind: 'bad_row',
        line: 3,
        code: 'truncated',
        detail: 'the file ends inside a quoted field',
        raw: '3,"unfinished\nstill open',
      },
    ]);
  });

  it('refuses text after a closing quote as malformed CSV, and goes on', async () => {
    const items = await readCsv('a,b\n1,"x"y\n2,3\n');
    expect(items[0]).toMatchObject({ kind: 'bad_row', line: 2, code: 'malformed_csv' });
    expect(items[0]?.kind === 'bad_row' && items[0].detail).not.toMatch(/line/);
    expect(rows(items)).toEqual([[3, { a: '2', b: '3' }]]);
  });

  it.each([
    [';', 'semicolon'],
    ['\t', 'tab'],
    ['|', '"|"'],
  ])('fails the file when the header is %j-separated but "," was declared', async (sep, name) => {
    const error = await csvError(`uscc${sep}name${sep}amount\n1${sep}2${sep}3\n`);
    expect(error.code).toBe('wrong_delimiter');
    expect(error.line).toBe(1);
    expect(error.message).toContain(name);
  });

  it('names the likely delimiter even when the quoted header is not valid CSV with ","', async () => {
    const error = await csvError('"uscc";"name"\n"1";"2"\n');
    expect(error.code).toBe('wrong_delimiter');
    expect(error.message).toContain('semicolon');
  });

  it('fails the file when the header is not valid CSV', async () => {
    expect(await csvError('"a"b,c\n1,2\n')).toMatchObject({ code: 'bad_header', line: 1 });
    expect(await csvError('a,"b\n')).toMatchObject({ code: 'bad_header', line: 1 });
  });

  it('reads a file with the delimiter it declares', async () => {
    expect(rows(await readCsv('a;b\n"1;x";2\n', undefined, ';'))).toEqual([
      [2, { a: '1;x', b: '2' }],
    ]);
    expect(rows(await readCsv('a\tb\n1\t2\n', undefined, '\t'))).toEqual([[2, { a: '1', b: '2' }]]);
  });

  it('reads an empty file or a header alone as no rows', async () => {
    expect(await readCsv('')).toEqual([]);
    expect(await readCsv('\n\n')).toEqual([]);
    expect(await readCsv('a,b\n')).toEqual([]);
    expect(await readCsv('a,b')).toEqual([]);
  });

  it('fails the file when the header names a column twice', async () => {
    const error = await csvError('a,b, a\n1,2,3\n');
    expect(error.code).toBe('duplicate_column');
  });

  it('keeps a __proto__ column as data', async () => {
    const [item] = await readCsv('__proto__,b\nx,y\n');
    const fields = item?.kind === 'row' ? item.fields : {};
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
    expect(Object.keys(fields)).toEqual(['__proto__', 'b']);
  });

  it('refuses a delimiter that is not one character', () => {
    expect(() => readRecords(streamOf(''), { format: 'csv', delimiter: ';;' })).toThrow(TypeError);
  });
});
