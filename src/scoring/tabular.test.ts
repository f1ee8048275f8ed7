import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { detectDelimiter, detectHeader, parseNumber, splitLine } from './tabular-fields.js';
import { readTableFile, readTableText, TableError, type TableColumn } from './tabular.js';

const values = (column: TableColumn | undefined): (number | string | null)[] =>
  Array.from<number | string | null>(column?.values ?? []);

describe('splitLine', () => {
  it('unquotes fields, keeping delimiters and doubled quotes inside quotes', () => {
    expect(splitLine('"a, b",2,"say ""hi""" , x ', ',', 1)).toEqual(['a, b', '2', 'say "hi"', 'x']);
    expect(splitLine('a;;b', ';', 1)).toEqual(['a', '', 'b']);
  });

  it('treats runs of whitespace as one delimiter, with quoted fields holding spaces', () => {
    expect(splitLine('  A11   6\t"two words"  ', 'whitespace', 1)).toEqual([
      'A11',
      '6',
      'two words',
    ]);
  });

  it('refuses an unclosed quote, naming the line', () => {
    expect(() => splitLine('1,"open', ',', 7)).toThrow(/line 7: a quoted field is not closed/);
  });
});

describe('parseNumber', () => {
  it('reads decimals and exponents but not hex, infinities or blanks', () => {
    expect(parseNumber('5e+05')).toBe(500000);
    expect(parseNumber('-1.5')).toBe(-1.5);
    expect(parseNumber('.5')).toBe(0.5);
    expect(parseNumber('7.')).toBe(7);
    for (const text of ['0x1F', 'Infinity', ' ', '', '1,234', '1e999', 'A11']) {
      expect(parseNumber(text), text).toBeNaN();
    }
  });
});

describe('detectDelimiter and detectHeader', () => {
  it('prefers the delimiter that cuts every line alike', () => {
    expect(detectDelimiter(['a,b;c', 'd,e;f'])).toBe(',');
    expect(detectDelimiter(['a;b,c', 'd;e'])).toBe(';');
    expect(detectDelimiter(['a\tb c', 'd\te f'])).toBe('\t');
    expect(detectDelimiter(['A11 6 A34', 'A12 48 A32'])).toBe('whitespace');
  });

  it('sees a header above numbers, and none in an all-text data row', () => {
    expect(
      detectHeader([
        ['age', 'city'],
        ['31', 'x'],
      ]),
    ).toBe(true);
    expect(
      detectHeader([
        ['A11', '6'],
        ['A12', '48'],
      ]),
    ).toBe(false);
    expect(
      detectHeader([
        ['a', 'b'],
        ['a', 'c'],
        ['d', 'b'],
      ]),
    ).toBe(false);
    expect(
      detectHeader([
        ['city', 'sector'],
        ['x', 'y'],
        ['z', 'y'],
      ]),
    ).toBe(true);
    expect(
      detectHeader([
        ['NA', 'b'],
        ['1', '2'],
      ]),
    ).toBe(false);
  });
});

describe('readTableText', () => {
  it('infers numeric and categorical columns, with NA and empty cells missing', async () => {
    const table = await readTableText(
      '"income","region",score\n5e+05,north,1\nNA,"south",2\n-1.5,,N/A\n',
    );
    expect(table.header).toBe(true);
    expect(table.delimiter).toBe(',');
    expect(table.rows).toBe(3);
    const [income, region, score] = table.columns;
    expect(income?.kind).toBe('numeric');
    expect(values(income)).toEqual([500000, NaN, -1.5]);
    expect(region?.kind).toBe('categorical');
    expect(values(region)).toEqual(['north', 'south', null]);
    expect(values(score)).toEqual([1, 2, NaN]);
  });

  it('names the columns of a headerless file V1..Vn and keeps labels as written', async () => {
    const table = await readTableText('A11 6 007\r\n\r\nA12 48 x\r\n');
    expect(table.header).toBe(false);
    expect(table.columns.map((c) => `${c.name}:${c.kind}`)).toEqual([
      'V1:categorical',
      'V2:numeric',
      'V3:categorical',
    ]);
    expect(values(table.columns[2])).toEqual(['007', 'x']);
  });

  it('follows explicit header, delimiter, kinds and kept columns', async () => {
    const table = await readTableText('1;2;3\n4;5;6\n', {
      header: true,
      delimiter: ';',
      kinds: new Map([['2', 'categorical']]),
      keep: new Set(['2', '3']),
    });
    expect(table.names).toEqual(['1', '2', '3']);
    expect(table.columns.map((c) => c.name)).toEqual(['2', '3']);
    expect(values(table.columns[0])).toEqual(['5']);
  });

  it('refuses rows of the wrong width, a text in an imposed numeric column and duplicate names', async () => {
    await expect(readTableText('a,b\n1,2\n3\n')).rejects.toThrow('line 3 has 1 fields, expected 2');
    await expect(
      readTableText('a,b\n1,2\nx,3\n', { kinds: new Map([['a', 'numeric']]) }),
    ).rejects.toThrow('line 3: column a must be numeric, but holds "x"');
    await expect(readTableText('a,a\n1,2\n', { header: true })).rejects.toThrow(TableError);
  });

  it('reads a file of names only, or nothing, as no rows', async () => {
    expect((await readTableText('income,region\n')).rows).toBe(0);
    expect((await readTableText('\n\n')).rows).toBe(0);
  });
});

describe('readTableFile', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-tabular-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('streams a file twice, reporting progress, and strips a byte-order mark', async () => {
    const file = path.join(dir, 'data.tsv');
    const lines = Array.from(
      { length: 5000 },
      (_, i) => `${i}\t${i % 3 === 0 ? 'NA' : 'c' + (i % 4)}`,
    );
    writeFileSync(file, `\uFEFFid\tgroup\n${lines.join('\n')}\n`);
    const passes = new Set<number>();
    const table = await readTableFile(file, { onProgress: (pass) => passes.add(pass) });
    expect(table.rows).toBe(5000);
    expect(table.names).toEqual(['id', 'group']);
    expect(table.columns[0]?.values[4999]).toBe(4999);
    expect(table.columns[1]?.values[0]).toBeNull();
    expect([...passes]).toEqual([1, 2]);
  });

  it('says so when the file cannot be read', async () => {
    await expect(readTableFile(path.join(dir, 'absent.csv'))).rejects.toThrow(/cannot read/);
  });
});
