import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tryCli } from '../helpers/cli-target.js';

const root = path.resolve(import.meta.dirname, '../..');
const german = path.resolve(root, '../shared/data/german.data');
const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-model-cli-'));
const file = (name: string) => path.join(dir, name);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The model commands need no database; progress as plain lines keeps stderr predictable.
const env = { ...process.env, LOG_LEVEL: 'silent', XINYI_PROGRESS: 'lines' };

async function xinyi(...args: string[]) {
  const result = await tryCli(env, 'model', ...args);
  return { ...result, errors: errorLines(result.stderr) };
}

/** stderr without the progress lines and notes: what the user is told went wrong. */
function errorLines(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !/^(progress|note:) /.test(line));
}

function testAuc(stdout: string): number {
  const match = /^test: AUC (\d\.\d{4})/m.exec(stdout);
  if (!match?.[1]) throw new Error(`no test AUC in:\n${stdout}`);
  return Number(match[1]);
}

const haveGerman = existsSync(german);
if (!haveGerman) {
  if (process.env.CI === 'true') throw new Error(`${german} is missing`);
  console.warn(`model-cli: ${german} not found; the German credit tests are skipped`);
}

describe.skipIf(!haveGerman)('xinyi model on the German credit data', { timeout: 120_000 }, () => {
  it('trains a scorecard whose test AUC on a stratified 30 % split is at least 0.78', async () => {
    // The test AUC of 300 rows moves with the split: 0.74 to 0.82 over seeds 1 to 30
    // (mean 0.787); 42 is the CLI's default seed.
    const result = await xinyi(
      ...['train', '--csv', german, '--target', 'V21', '--bad', '2'],
      ...['--split', '0.3', '--seed', '42', '--out', file('german.json')],
    );
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/1000 rows, 21 columns \(whitespace-separated, no header\)/);
    expect(result.stdout).toMatch(/target V21: bad = 2, 300 bads/);
    expect(result.stdout).toMatch(/training rows 700, test rows 300/);
    expect(testAuc(result.stdout)).toBeGreaterThanOrEqual(0.78);
    const model = JSON.parse(readFileSync(file('german.json'), 'utf8')) as {
      format: string;
      report: { test: { auc: number } };
    };
    expect(model.format).toBe('xinyi-model/1');
    expect(model.report.test.auc).toBeCloseTo(testAuc(result.stdout), 4);
  });

  it('reports on --test-index rows the AUC training printed for them', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => i).filter((i) => i % 3 === 1);
    writeFileSync(file('test-rows.txt'), `${rows.join('\n')}\n`);
    const trained = await xinyi(
      ...['train', '--csv', german, '--target', 'V21', '--bad', '2'],
      ...['--test-index', file('test-rows.txt'), '--out', file('indexed.json')],
    );
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/test rows 333 \(index file/);
    const reported = await xinyi(
      ...['report', '--model', file('indexed.json'), '--csv', german, '--target', 'V21'],
      ...['--test-index', file('test-rows.txt'), '--charts', file('charts')],
    );
    expect(reported.code).toBe(0);
    expect(testAuc(reported.stdout)).toBe(testAuc(trained.stdout));
    expect(reported.stdout).toMatch(/KS \d\.\d{4}\s+Gini \d\.\d{4}\s+\(333 rows, \d+ bads\)/);
    for (const chart of ['roc.svg', 'ks.svg', 'scores.svg']) {
      expect(readFileSync(path.join(file('charts'), chart), 'utf8')).toMatch(/^<svg/);
    }
  });

  it('scores a file without the target: row numbers, score, PD and three reasons', async () => {
    const withoutTarget = readFileSync(german, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/).slice(0, 20).join(' '));
    writeFileSync(file('applicants.txt'), `${withoutTarget.join('\n')}\n`);
    const result = await xinyi(
      ...['score', '--model', file('german.json'), '--csv', file('applicants.txt')],
      ...['--out', file('scores.csv')],
    );
    expect(result.errors).toEqual([]);
    expect(result.code).toBe(0);
    const lines = readFileSync(file('scores.csv'), 'utf8').trim().split('\n');
    expect(lines[0]).toBe('id,score,pd,reasons');
    expect(lines).toHaveLength(1001);
    for (const [i, line] of lines.slice(1).entries()) {
      expect(line).toMatch(/^\d+,\d+,0\.\d{6},(V\d+=[^;,]+(;V\d+=[^;,]+){0,2})?$/);
      expect(line.startsWith(`${i},`)).toBe(true);
    }
  });
});

describe('xinyi model on a table with a header', { timeout: 120_000 }, () => {
  // Quoted headers, NA and empty cells, numbers like 5e+05, an id and a categorical column.
  const rows = Array.from({ length: 400 }, (_, i) => {
    const poor = i % 5 === 0;
    const fragile = i % 7 < 2;
    const income = i % 11 === 0 ? 'NA' : poor ? `${(i % 3) + 1}e+04` : `${(i % 4) + 2}e+05`;
    const sector =
      i % 13 === 0 ? '' : fragile ? ['retail', 'food'][i % 2] : ['tech', 'health'][i % 2];
    const age = 20 + ((i * 7) % 45);
    const bad = (poor && i % 4 !== 1) || (fragile && i % 3 !== 0) || i % 17 === 0 ? 'Y' : 'N';
    return `"C${String(i).padStart(4, '0')}",${income},${sector},${age},1,${bad}`;
  });
  const csv = file('loans.csv');
  writeFileSync(
    csv,
    `"customer","income","sector","age","branch","defaulted"\n${rows.join('\n')}\n`,
  );

  it('needs --bad for Y/N, then trains, notes the constant column and scores with ids', async () => {
    const unsure = await xinyi(
      ...['train', '--csv', csv, '--target', 'defaulted', '--id', 'customer'],
      ...['--out', file('loans.json')],
    );
    expect(unsure.code).not.toBe(0);
    expect(unsure.errors).toEqual([
      'xinyi: cannot tell which value of the target defaulted means bad (values: N, Y); give --bad VALUE',
    ]);
    const trained = await xinyi(
      ...['train', '--csv', csv, '--target', 'defaulted', '--bad', 'Y', '--id', 'customer'],
      ...['--exclude', 'age', '--out', file('loans.json')],
    );
    expect(trained.errors).toEqual([]);
    expect(trained.code).toBe(0);
    expect(trained.stderr).toMatch(/note: branch is constant on the training rows; left out/);
    expect(trained.stdout).toMatch(/features: 3 considered, 1 constant, 2 selected/);
    const model = JSON.parse(readFileSync(file('loans.json'), 'utf8')) as {
      columns: { name: string; kind: string }[];
    };
    expect(model.columns).toEqual(
      expect.arrayContaining([
        { name: 'income', kind: 'numeric' },
        { name: 'sector', kind: 'categorical' },
      ]),
    );
    const scored = await xinyi(
      ...['score', '--model', file('loans.json'), '--csv', csv, '--out', file('loans-scores.csv')],
    );
    expect(scored.code).toBe(0);
    const lines = readFileSync(file('loans-scores.csv'), 'utf8').trim().split('\n');
    expect(lines[1]).toMatch(/^C0000,\d+,0\.\d{6},/);
    expect(lines.some((line) => /(income|sector)=NA/.test(line))).toBe(true);
  });

  it('refuses a scoring file that lacks a column of the model', async () => {
    writeFileSync(file('partial.csv'), 'customer,income\nC1,5e+05\n');
    const result = await xinyi(
      ...['score', '--model', file('loans.json'), '--csv', file('partial.csv')],
      ...['--out', file('partial-scores.csv')],
    );
    expect(result.code).not.toBe(0);
    expect(result.errors).toEqual([
      `xinyi: ${file('partial.csv')} lacks the model's columns sector`,
    ]);
    expect(existsSync(file('partial-scores.csv'))).toBe(false);
  });
});

describe('xinyi model train on bad input', { timeout: 120_000 }, () => {
  const cases: [string, string, string[], string][] = [
    [
      'a target with one class',
      'a,b,y\n1,x,0\n2,y,0\n3,x,0\n',
      [],
      'xinyi: the target y has one class only (0)',
    ],
    [
      'constant columns only',
      'a,b,y\n1,x,0\n1,x,1\n1,x,0\n',
      [],
      'xinyi: no usable feature: every feature column is constant (a, b)',
    ],
    ['a file with no rows', 'a,b,y\n', [], 'xinyi: FILE has no data rows'],
    [
      'an unknown --bad value',
      'a,b,y\n1,x,0\n2,y,1\n',
      ['--bad', '2'],
      'xinyi: --bad 2: the target y never has that value (values: 0, 1)',
    ],
    [
      'an unknown --exclude column',
      'a,b,y\n1,x,0\n2,y,1\n',
      ['--exclude', 'c'],
      'xinyi: --exclude "c" is not a column of the file (columns: a, b, y)',
    ],
  ];

  it.each(cases)(
    '%s: one error line, a non-zero exit and no model',
    async (name, text, extra, error) => {
      const csv = file(`${name.replaceAll(' ', '-')}.csv`);
      const out = file(`${name.replaceAll(' ', '-')}.json`);
      writeFileSync(csv, text);
      const result = await xinyi('train', '--csv', csv, '--target', 'y', ...extra, '--out', out);
      expect(result.code).not.toBe(0);
      expect(result.errors).toEqual([error.replace('FILE', csv)]);
      expect(existsSync(out)).toBe(false);
    },
  );

  it('has help for every model command', async () => {
    for (const command of ['train', 'score', 'report']) {
      const result = await xinyi(command, '--help');
      expect(result.code).toBe(0);
      expect(result.stdout).toMatch(new RegExp(`Usage: xinyi model ${command}`));
    }
  });
});
