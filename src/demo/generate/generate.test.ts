import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RECORD_CATEGORY_CODES } from '../../ingest/categories.js';
import { schemaOf } from '../../ingest/schemas.js';
import { parseResidentId, parseUscc } from '../../registry/identifiers.js';
import { BAD_KINDS } from './bad-records.js';
import { generateDemoData, type GenerateOptions } from './generate.js';
import type { Manifest, ManifestFile } from './manifest.js';

const directories: string[] = [];
function temporaryDirectory(): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'xinyi-demo-generate-'));
  directories.push(directory);
  return directory;
}
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true });
});

const options = (outDir: string, overrides: Partial<GenerateOptions> = {}): GenerateOptions => ({
  enterprises: 1000,
  persons: 3000,
  seed: 'unit-test',
  outDir,
  months: 24,
  badShare: 0.02,
  asOf: '2026-10',
  ...overrides,
});

interface FileRow {
  readonly line: number;
  /** Their columns; undefined when the line is not a readable record. */
  readonly fields: Record<string, unknown> | undefined;
  readonly text: string;
}

function fileText(directory: string, file: ManifestFile): string {
  const bytes = readFileSync(path.join(directory, file.file));
  const text =
    file.encoding === 'gb18030' ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8');
  return text.replace(/^\uFEFF/u, '');
}

function csvCells(line: string): string[] {
  if (!line.includes('"')) return line.split(',');
  const records: string[][] = parseCsv(line, { relax_column_count: true });
  const [cells] = records;
  return cells ?? [];
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

const unescapeXml = (text: string) =>
  text.replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

const rowCache = new Map<string, FileRow[]>();

/** Reads the records of a generated file back, with their 1-based lines (cached). */
function readRows(directory: string, file: ManifestFile): FileRow[] {
  const key = path.join(directory, file.file);
  let rows = rowCache.get(key);
  if (rows === undefined) {
    rows = parseRows(directory, file);
    rowCache.set(key, rows);
  }
  return rows;
}

function parseRows(directory: string, file: ManifestFile): FileRow[] {
  const lines = fileText(directory, file).split(/\r?\n/u);
  if (lines.at(-1) === '') lines.pop();
  switch (file.format) {
    case 'csv': {
      const header = csvCells(lines[0] ?? '');
      return lines.slice(1).map((text, i) => {
        const cells = csvCells(text);
        const fields =
          cells.length === header.length
            ? Object.fromEntries(header.map((column, j) => [column, cells[j]]))
            : undefined;
        return { line: i + 2, fields, text };
      });
    }
    case 'jsonl':
      return lines.map((text, i) => ({ line: i + 1, fields: jsonObject(text), text }));
    case 'json':
      return lines.map((text, i) => ({
        line: i + 1,
        fields: jsonObject(text.replace(/^\[/u, '').replace(/[,\]]$/u, '')),
        text: text.replace(/^\[/u, '').replace(/[,\]]$/u, ''),
      }));
    case 'xml':
      return lines.slice(2, -1).map((text, i) => ({
        line: i + 3,
        fields: Object.fromEntries(
          [...text.matchAll(/<([^<>/]+)>([^<]*)<\/\1>/gu)].map((match) => [
            match[1] ?? '',
            unescapeXml(match[2] ?? ''),
          ]),
        ),
        text,
      }));
  }
}

function hashes(directory: string): Map<string, string> {
  return new Map(
    readdirSync(directory)
      .sort()
      .map((name) => [
        name,
        createHash('sha256')
          .update(readFileSync(path.join(directory, name)))
          .digest('hex'),
      ]),
  );
}

describe('generateDemoData', { timeout: 120_000 }, () => {
  let directory: string;
  let manifest: Manifest;

  beforeAll(async () => {
    directory = temporaryDirectory();
    ({ manifest } = await generateDemoData(options(directory)));
  }, 120_000);

  it('writes one provider file per category, the labels and the manifest', () => {
    expect(manifest.files.map((file) => file.category).sort()).toEqual(
      [...RECORD_CATEGORY_CODES].sort(),
    );
    expect(manifest.files.map((file) => file.file)).not.toContain('outcomes.csv');
    expect(manifest.labels.file).toBe('outcomes.csv');
    expect(readdirSync(directory).sort()).toEqual(
      [...manifest.files.map((file) => file.file), 'manifest.json', 'outcomes.csv'].sort(),
    );
    expect(new Set(manifest.files.map((file) => file.format))).toEqual(
      new Set(['csv', 'jsonl', 'json', 'xml']),
    );
    expect(manifest.files.some((file) => file.encoding === 'gb18030')).toBe(true);
    expect(new Set(manifest.files.map((file) => file.moneyUnit))).toEqual(
      new Set(['fen', 'yuan', 'wan_yuan']),
    );
    expect(manifest.window).toEqual({ from: '2024-10', to: '2026-09' });
  });

  it('maps every column to a field of the category, each field at most once', () => {
    for (const file of manifest.files) {
      const fields = schemaOf(file.category).fields.map((field) => field.name);
      const targets = Object.values(file.mapping);
      expect(new Set(targets).size).toBe(targets.length);
      for (const target of targets) expect(fields).toContain(target);
      for (const theirs of Object.keys(file.mapping)) expect(fields).not.toContain(theirs);
      for (const field of Object.keys(file.valueMaps)) expect(targets).toContain(field);
    }
  });

  it('counts in the manifest exactly the data rows of each file', () => {
    for (const file of manifest.files) {
      expect(readRows(directory, file).length, file.file).toBe(file.rows);
      expect(file.rows, file.file).toBeGreaterThan(0);
    }
  });

  it('lists every kind of bad record at least once, each on its own line', () => {
    const codes = new Set(
      manifest.files.flatMap((file) => file.expectedBad.map((bad) => bad.code)),
    );
    expect([...codes].sort()).toEqual([...BAD_KINDS].sort());
    for (const file of manifest.files) {
      const lines = file.expectedBad.map((bad) => bad.line);
      expect(new Set(lines).size, file.file).toBe(lines.length);
      for (const line of lines) {
        expect(line).toBeGreaterThanOrEqual(1);
        expect(file.expectedDuplicates).not.toContain(line);
      }
    }
    const bad = manifest.files.reduce((sum, file) => sum + file.expectedBad.length, 0);
    const rows = manifest.files.reduce((sum, file) => sum + file.rows, 0);
    expect(bad / rows).toBeGreaterThan(0.015);
    expect(bad / rows).toBeLessThan(0.03);
  });

  it('breaks the format only where the manifest says so', () => {
    const wrong: string[] = [];
    for (const file of manifest.files) {
      const parseLevel = new Set(
        file.expectedBad.filter((bad) => bad.field === null).map((bad) => bad.line),
      );
      for (const row of readRows(directory, file)) {
        if ((row.fields === undefined) !== parseLevel.has(row.line)) {
          wrong.push(`${file.file}:${row.line}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('writes valid USCCs and resident IDs in every good row', () => {
    let checked = 0;
    const invalid: string[] = [];
    for (const file of manifest.files) {
      const bad = new Set(file.expectedBad.map((entry) => entry.line));
      const kinds = new Map(schemaOf(file.category).fields.map((f) => [f.name, f.type.kind]));
      const identifiers = Object.entries(file.mapping).filter(([, ours]) =>
        ['uscc', 'resident_id', 'subject_id'].includes(kinds.get(ours) ?? ''),
      );
      for (const row of readRows(directory, file)) {
        if (bad.has(row.line)) continue;
        for (const [theirs, ours] of identifiers) {
          const value = row.fields?.[theirs];
          if (typeof value !== 'string' || value.trim() === '') continue;
          const kind = kinds.get(ours);
          const valid =
            (kind !== 'uscc' || parseUscc(value).ok) &&
            (kind !== 'resident_id' || parseResidentId(value).ok) &&
            (kind !== 'subject_id' || parseResidentId(value).ok || parseUscc(value).ok);
          if (!valid) invalid.push(`${file.file}:${row.line} ${ours}=${value}`);
          checked += 1;
        }
      }
    }
    expect(invalid).toEqual([]);
    expect(checked).toBeGreaterThan(200_000);
  });

  it('repeats a few records exactly, after their first appearance', () => {
    let repeats = 0;
    for (const file of manifest.files) {
      const rows = readRows(directory, file);
      const byLine = new Map(rows.map((row) => [row.line, row.text]));
      for (const line of file.expectedDuplicates) {
        const text = byLine.get(line);
        const earlier = rows.filter((row) => row.line < line && row.text === text);
        expect(earlier.length, `${file.file}:${line}`).toBe(1);
        repeats += 1;
      }
    }
    expect(repeats).toBeGreaterThanOrEqual(manifest.files.length);
    expect(repeats).toBeLessThan(50);
  });

  describe('the hidden default process', () => {
    const outcomes = () => {
      const lines = readFileSync(path.join(directory, 'outcomes.csv'), 'utf8').trim().split('\n');
      expect(lines[0]).toBe('uscc,person_id,defaulted');
      const enterprises = new Map<string, boolean>();
      const persons = new Map<string, boolean>();
      for (const line of lines.slice(1)) {
        const [uscc = '', person = '', defaulted] = line.split(',');
        expect(['0', '1']).toContain(defaulted);
        if (uscc !== '') enterprises.set(uscc, defaulted === '1');
        else persons.set(person, defaulted === '1');
      }
      return { enterprises, persons };
    };

    /** Default rates of subjects with and without a signal. */
    const split = (labels: Map<string, boolean>, flagged: Set<string>) => {
      const rate = (inside: boolean) => {
        const group = [...labels].filter(([id]) => flagged.has(id) === inside);
        return group.filter(([, defaulted]) => defaulted).length / Math.max(1, group.length);
      };
      return { flagged: rate(true), others: rate(false) };
    };

    const rowsOf = (category: string) => {
      const file = manifest.files.find((entry) => entry.category === category);
      if (file === undefined) throw new Error(`no ${category} file`);
      const bad = new Set(file.expectedBad.map((entry) => entry.line));
      const theirs = Object.fromEntries(Object.entries(file.mapping).map(([t, o]) => [o, t]));
      return readRows(directory, file)
        .filter((row) => !bad.has(row.line) && row.fields !== undefined)
        .map((row) => (field: string) => {
          const value = row.fields?.[theirs[field] ?? ''];
          return typeof value === 'string' ? value.normalize('NFKC').replace(/\s+/gu, '') : value;
        });
    };

    it('has one label per subject and an overall default rate of about 10 %', () => {
      const { enterprises, persons } = outcomes();
      expect(enterprises.size).toBe(1000);
      expect(persons.size).toBe(3000);
      const rate = [...enterprises.values()].filter(Boolean).length / enterprises.size;
      expect(rate).toBeGreaterThanOrEqual(0.08);
      expect(rate).toBeLessThanOrEqual(0.12);
      const personRate = [...persons.values()].filter(Boolean).length / persons.size;
      expect(personRate).toBeGreaterThanOrEqual(0.05);
      expect(personRate).toBeLessThanOrEqual(0.11);
      expect(manifest.labels.enterpriseDefaultRate).toBeCloseTo(rate, 3);
    });

    it('lets enterprises with tax arrears default more often', () => {
      const arrears = new Set<string>();
      for (const get of rowsOf('tax')) {
        if (Number(get('arrears') ?? 0) > 0) arrears.add(String(get('uscc')));
      }
      const rates = split(outcomes().enterprises, arrears);
      expect(arrears.size).toBeGreaterThan(50);
      expect(rates.flagged).toBeGreaterThan(2 * rates.others);
    });

    it('lets enterprises paying utilities late or short of contributions default more often', () => {
      const late = new Set<string>();
      for (const get of rowsOf('utilities'))
        if (get('paid_on_time') === 'N') late.add(String(get('uscc')));
      const short = new Set<string>();
      for (const get of rowsOf('social_security')) {
        if (get('status') === '欠费') short.add(String(get('employer_uscc')));
      }
      const { enterprises } = outcomes();
      for (const flagged of [late, short]) {
        const rates = split(enterprises, flagged);
        expect(rates.flagged).toBeGreaterThan(1.5 * rates.others);
      }
    });

    it('lets persons with court cases or overdue credit default more often', () => {
      const defendants = new Set<string>();
      for (const get of rowsOf('judicial')) {
        if (get('role') !== '原告' && get('role') !== '申请执行人')
          defendants.add(String(get('subject_id')));
      }
      const overdue = new Set<string>();
      for (const get of rowsOf('credit_bureau')) {
        if (Number(get('max_overdue_days')) >= 30) overdue.add(String(get('subject_id')));
      }
      const { persons } = outcomes();
      for (const flagged of [defendants, overdue]) {
        const rates = split(persons, flagged);
        expect(rates.flagged).toBeGreaterThan(1.5 * rates.others);
      }
    });
  });
});

describe('generateDemoData determinism', { timeout: 120_000 }, () => {
  it('gives byte-identical files for the same seed and different ones for another', async () => {
    const small = { enterprises: 150, persons: 400 };
    const first = temporaryDirectory();
    const second = temporaryDirectory();
    const other = temporaryDirectory();
    await generateDemoData(options(first, { ...small, seed: 'same' }));
    await generateDemoData(options(second, { ...small, seed: 'same' }));
    await generateDemoData(options(other, { ...small, seed: 'different' }));
    const a = hashes(first);
    expect(a.size).toBe(14);
    expect(hashes(second)).toEqual(a);
    const b = hashes(other);
    for (const [name, hash] of a) expect(b.get(name), name).not.toBe(hash);
  });

  it('writes clean files without bad records or repeats when the bad share is 0', async () => {
    const directory = temporaryDirectory();
    const { manifest } = await generateDemoData(
      options(directory, { enterprises: 80, persons: 200, badShare: 0 }),
    );
    for (const file of manifest.files) {
      expect(file.expectedBad).toEqual([]);
      expect(file.expectedDuplicates).toEqual([]);
    }
  });
});
