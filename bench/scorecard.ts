/**
 * Scorecard training and scoring speed, next to scikit-learn doing the same job.
 *
 *   npm run bench -- scorecard
 *   BENCH_ROWS=50000 BENCH_SCORE_ROWS=200000 npm run bench -- scorecard   # quicker
 *   BENCH_PYTHON=/path/to/python3 npm run bench -- scorecard              # another baseline
 *
 * Data (`bench/lib/scorecard-data.ts`): BENCH_ROWS training rows (default 150 000) of ten
 * features with a known logistic truth (skewed amount, U-shaped effect, count, 15 % missing
 * values that carry risk, a six-level categorical, a correlated copy, noise), about 10 %
 * bad; a test set of 50 000 rows from another seed. Both are written to temporary CSV files.
 *
 * Measured:
 * 1. ours, in a child process (compiled JavaScript, `bench/lib/scorecard-child.ts`): reading
 *    the training CSV as `xinyi model train` does, then `trainScorecard` with the default
 *    settings (binning every feature, selection, the logistic fit, points), timed alone;
 *    the child's peak RSS right after training (data and model included); the AUC on the
 *    test CSV; then BENCH_SCORE_ROWS rows (default 1 000 000) scored in memory as
 *    `xinyi model score` does: score, PD and three reasons each;
 * 2. the baseline (`bench/lib/scorecard-sklearn.ts`): quantile binning + WOE with numpy
 *    and scikit-learn's LogisticRegression on the same files, its binning-and-fit time and
 *    test AUC. Without a python3 that has scikit-learn, its figures are null.
 *
 * ratio = baseline seconds / our training seconds (above 1: we train faster). The two
 * models are not the same: ours merges bins to at most six monotone ones and selects
 * features; the baseline keeps ten quantile bins of every feature. The AUCs show whether
 * the speed costs accuracy.
 *
 * Output: a table, then as the last line one JSON object.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildScorecardChild } from './lib/scorecard-build.js';
import type { ChildMessage } from './lib/scorecard-child.js';
import { generate, writeCsv } from './lib/scorecard-data.js';
import { sklearnBaseline, type BaselineResult } from './lib/scorecard-sklearn.js';

const TRAIN_SEED = 1;
const TEST_SEED = 2;
const SCORE_SEED = 3;
const TEST_ROWS = 50_000;

type Measured = Extract<ChildMessage, { type: 'done' }>;

function rowsFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1000) {
    throw new Error(`${name} must be a whole number ≥ 1000, got "${raw}"`);
  }
  return value;
}

function measureOurs(childFile: string, args: string[]): Promise<Measured> {
  const child = fork(childFile, args, { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  return new Promise((resolve, reject) => {
    let message: ChildMessage | null = null;
    child.on('message', (m: ChildMessage) => (message = m));
    child.once('error', reject);
    child.once('exit', (code) => {
      const m = message;
      if (m?.type === 'done') resolve(m);
      else reject(new Error(m?.type === 'error' ? m.message : `the child exited (${code})`));
    });
  });
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const fixed = (value: number | null, digits: number) =>
  value === null ? '—' : value.toFixed(digits);

function report(rows: number, ours: Measured, baseline: BaselineResult) {
  const trainS = ours.trainMs / 1000;
  const ratio = baseline.seconds === null ? null : baseline.seconds / trainS;
  const scoreRate = ours.scoredRows / (ours.scoreMs / 1000);
  const peakMb = ours.maxRssKb / 1024;
  console.log('');
  console.log('xinyi scorecard benchmark');
  console.log(
    `node ${process.version}, ${os.availableParallelism()} cpus, load ${fixed(os.loadavg()[0] ?? 0, 2)}`,
  );
  console.log(
    `data: ${rows} training rows × 10 features, ${TEST_ROWS} test rows; selected: ${ours.selected.join(', ')}`,
  );
  if (baseline.unavailable) console.log(`baseline: ${baseline.unavailable}`);
  console.log('');
  console.log(
    table([
      ['what', 'how', 'seconds', 'test AUC', 'peak RSS MB', 'rows/s'],
      ['read CSV', 'readTableFile (two passes)', fixed(ours.readMs / 1000, 2), '', '', ''],
      [
        'train',
        'trainScorecard, defaults',
        fixed(trainS, 2),
        fixed(ours.testAuc, 4),
        fixed(peakMb, 1),
        '',
      ],
      [
        'score',
        `${ours.scoredRows} rows, score + PD + 3 reasons`,
        fixed(ours.scoreMs / 1000, 2),
        '',
        '',
        scoreRate.toFixed(0),
      ],
      [
        'baseline',
        `scikit-learn ${baseline.version ?? '—'}: quantile bins, WOE, LogisticRegression`,
        fixed(baseline.seconds, 2),
        fixed(baseline.auc, 4),
        '',
        '',
      ],
    ]),
  );
  console.log('');
  console.log(
    JSON.stringify({
      bench: 'scorecard',
      train_rows: rows,
      features: 10,
      read_s: round(ours.readMs / 1000, 3),
      train_s: round(trainS, 3),
      peak_rss_mb: round(peakMb, 1),
      score_rows: ours.scoredRows,
      score_rows_per_s: round(scoreRate, 0),
      auc: round(ours.testAuc, 4),
      baseline: 'sklearn-woe-logreg',
      baseline_s: baseline.seconds === null ? null : round(baseline.seconds, 3),
      baseline_auc: baseline.auc === null ? null : round(baseline.auc, 4),
      ratio: ratio === null ? null : round(ratio, 3),
      node: process.version,
      cpus: os.availableParallelism(),
    }),
  );
}

export default async function main() {
  const rows = rowsFromEnv('BENCH_ROWS', 150_000);
  const scoreRows = rowsFromEnv('BENCH_SCORE_ROWS', 1_000_000);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xinyi-bench-scorecard-'));
  try {
    const trainCsv = path.join(dir, 'train.csv');
    const testCsv = path.join(dir, 'test.csv');
    process.stderr.write(`bench: writing ${rows} + ${TEST_ROWS} rows to ${dir} …\n`);
    await writeCsv(trainCsv, generate(rows, TRAIN_SEED));
    await writeCsv(testCsv, generate(TEST_ROWS, TEST_SEED));
    const childFile = buildScorecardChild(path.join(dir, 'build'));
    process.stderr.write('bench: ours (child process) …\n');
    const ours = await measureOurs(childFile, [
      trainCsv,
      testCsv,
      String(scoreRows),
      String(SCORE_SEED),
    ]);
    process.stderr.write('bench: baseline scikit-learn …\n');
    const baseline = await sklearnBaseline(trainCsv, testCsv, 'bad');
    report(rows, ours, baseline);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
