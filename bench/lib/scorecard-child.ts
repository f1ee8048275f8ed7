/**
 * The measured side of `bench/scorecard.ts`, in a child process of its own so that its peak
 * RSS is the training's: it reads the training CSV as `xinyi model train` does
 * (`readTableFile`), trains the scorecard with the default settings, notes the peak RSS,
 * then computes the AUC on the test CSV and scores `scoreRows` generated rows in memory the
 * way `xinyi model score` does (score, PD and three reasons per row).
 *
 * argv: train.csv test.csv scoreRows seed. Reports one message to the parent, then exits.
 */
import { performance } from 'node:perf_hooks';
import { auc } from '../../src/scoring/metrics.js';
import {
  reasonContributions,
  scoreRow,
  trainScorecard,
  type FeatureColumn,
  type Scorecard,
} from '../../src/scoring/scorecard.js';
import { readTableFile, type Table } from '../../src/scoring/tabular.js';
import { scoreColumns } from '../../src/scoring/validation.js';
import { generate } from './scorecard-data.js';

export type ChildMessage =
  | {
      readonly type: 'done';
      readonly readMs: number;
      readonly trainMs: number;
      /** `process.resourceUsage().maxRSS` right after training, in kilobytes. */
      readonly maxRssKb: number;
      readonly selected: readonly string[];
      readonly testAuc: number;
      readonly scoreMs: number;
      readonly scoredRows: number;
    }
  | { readonly type: 'error'; readonly message: string };

const TARGET = 'bad';

function split(table: Table): { columns: FeatureColumn[]; target: ArrayLike<0 | 1> } {
  const target = table.columns.find((c) => c.name === TARGET);
  if (target?.kind !== 'numeric') throw new Error(`no numeric column ${TARGET}`);
  const y = Uint8Array.from(target.values, (value) => (value === 1 ? 1 : 0));
  return {
    columns: table.columns.filter((c) => c.name !== TARGET),
    target: y as unknown as ArrayLike<0 | 1>,
  };
}

function scoreMany(scorecard: Scorecard, rows: number, seed: number) {
  const data = generate(rows, seed);
  const byName = new Map(data.columns.map((c) => [c.name, c]));
  let row = 0;
  const valueOf = (name: string) => {
    const value = byName.get(name)?.values[row];
    return value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? null : value;
  };
  let checksum = 0;
  const started = performance.now();
  for (; row < rows; row += 1) {
    const result = scoreRow(scorecard, valueOf);
    checksum += result.score + reasonContributions(result, 3).length;
  }
  const elapsed = performance.now() - started;
  if (!Number.isFinite(checksum)) throw new Error('a score is not finite');
  return elapsed;
}

async function measure(args: string[]): Promise<ChildMessage> {
  const [trainFile = '', testFile = '', scoreRowsText = '0', seedText = '1'] = args;
  let started = performance.now();
  const train = split(await readTableFile(trainFile));
  const readMs = performance.now() - started;
  started = performance.now();
  const trained = trainScorecard(train);
  const trainMs = performance.now() - started;
  const maxRssKb = process.resourceUsage().maxRSS;
  const test = split(await readTableFile(testFile));
  const scored = scoreColumns(trained.scorecard, test.columns, test.target);
  const scoreRows = Number(scoreRowsText);
  return {
    type: 'done',
    readMs,
    trainMs,
    maxRssKb,
    selected: trained.selection.selected,
    testAuc: auc(scored.pd, test.target),
    scoreMs: scoreMany(trained.scorecard, scoreRows, Number(seedText)),
    scoredRows: scoreRows,
  };
}

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) resolve();
    else process.send(message, undefined, {}, () => resolve());
  });
}

try {
  await send(await measure(process.argv.slice(2)));
} catch (error) {
  await send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
}
process.exit(0);
