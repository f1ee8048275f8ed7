import path from 'node:path';
import type { Command } from 'commander';
import { MODEL_FILE_FORMAT, writeModelFile, type ModelFile } from '../scoring/model-file.js';
import { trainScorecard, type FeatureColumn, type TrainedScorecard } from '../scoring/scorecard.js';
import { delimiterName, readTableFile, type Table } from '../scoring/tabular.js';
import { scoreColumns, validate, type SetMetrics } from '../scoring/validation.js';
import {
  chooseTestRows,
  parseList,
  planFeatures,
  resolveTarget,
  takeRows,
  takeTarget,
  type FeaturePlan,
  type Target,
  type TestRows,
} from './model-data.js';
import {
  checkOutput,
  readOptions,
  stagedProgress,
  trainingOptions,
  withReadFlags,
  type ReadFlags,
  type TrainingFlags,
} from './model-options.js';
import { metricsLine, summariseMetrics } from './model-report.js';
import { action, CliError } from './run.js';

interface TrainFlags extends ReadFlags, TrainingFlags {
  csv: string;
  target: string;
  bad?: string;
  id?: string;
  exclude?: string;
  testIndex?: string;
  split?: string;
  seed: string;
  out: string;
}

interface Training {
  readonly table: Table;
  readonly target: Target;
  readonly rows: TestRows | null;
  readonly plan: FeaturePlan;
  readonly trained: TrainedScorecard;
  readonly train: SetMetrics;
  readonly test: SetMetrics | null;
}

async function runTraining(flags: TrainFlags): Promise<Training> {
  const settings = trainingOptions(flags);
  const read = readOptions(flags);
  const progress = stagedProgress('model train', flags.csv);
  try {
    const table = await readTableFile(flags.csv, { ...read, onProgress: progress.reading });
    if (table.rows === 0) throw new CliError(`${flags.csv} has no data rows`);
    const target = resolveTarget(table, flags.target, flags.bad);
    const rows = await chooseTestRows(flags, target);
    const roles = { target: target.column, id: flags.id, exclude: parseList(flags.exclude) };
    const plan = planFeatures(table, roles, rows?.train ?? null);
    progress.stage(`binning ${plan.features.length} features, fitting`, 0.5);
    const trainY = takeTarget(target.y, rows?.train ?? null);
    const trained = trainScorecard({ columns: plan.features, target: trainY }, settings);
    progress.stage('validating', 0.9);
    const trainSet = scoreColumns(trained.scorecard, plan.features, trainY);
    const testSet = rows
      ? scoreColumns(
          trained.scorecard,
          scorecardColumns(table, trained, rows.test),
          takeTarget(target.y, rows.test),
        )
      : null;
    const report = validate(trainSet, testSet);
    progress.stage('done', 1);
    return { table, target, rows, plan, trained, train: report.train, test: report.test };
  } finally {
    progress.stop();
  }
}

function scorecardColumns(table: Table, trained: TrainedScorecard, rows: Uint32Array) {
  const wanted = new Set(trained.scorecard.features.map((f) => f.name));
  return table.columns.filter((c) => wanted.has(c.name)).map((c) => takeRows(c, rows));
}

function modelOf(flags: TrainFlags, t: Training): ModelFile {
  const { scorecard, selection } = t.trained;
  const kinds = new Map(t.plan.features.map((f: FeatureColumn) => [f.name, f.kind]));
  return {
    format: MODEL_FILE_FORMAT,
    createdAt: new Date().toISOString(),
    source: { file: path.basename(flags.csv), rows: t.table.rows },
    target: { column: t.target.column, kind: t.target.kind, bad: t.target.bad },
    idColumn: flags.id ?? null,
    columns: scorecard.features.map((f) => ({ name: f.name, kind: kinds.get(f.name) ?? f.kind })),
    excluded: [
      ...t.plan.excluded,
      ...selection.dropped.map((d) => ({ name: d.feature, reason: d.reason, detail: d.detail })),
    ],
    scorecard,
    report: {
      train: summariseMetrics(t.train),
      test: t.test ? summariseMetrics(t.test) : null,
      testRows: t.rows?.how ?? null,
    },
  };
}

const shortList = (items: readonly string[]) =>
  items.length > 12 ? `${items.slice(0, 12).join(', ')}, … (${items.length})` : items.join(', ');

const percent = (part: number, whole: number) => `${((100 * part) / whole).toFixed(1)} %`;

function featureTable(t: Training): string[] {
  const selected = new Map(t.trained.scorecard.features.map((f) => [f.name, f]));
  const dropped = new Map(t.trained.selection.dropped.map((d) => [d.feature, d]));
  const rows = [...t.trained.binnings]
    .sort((a, b) => b.iv - a.iv)
    .map((b) => {
      const feature = selected.get(b.feature);
      const drop = dropped.get(b.feature);
      const status = feature
        ? `selected, coefficient ${feature.coefficient.toFixed(3)}`
        : `dropped: ${drop ? `${drop.reason} (${drop.detail})` : 'not selected'}`;
      return [b.feature, b.kind, b.iv.toFixed(4), String(b.bins.length), status];
    });
  const all = [['feature', 'kind', 'IV', 'bins', ''], ...rows];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...all.map((row) => row[i]?.length ?? 0)));
  return all.map((row) =>
    row
      .map((cell, i) =>
        i === 2 || i === 3 ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0),
      )
      .join('  ')
      .trimEnd(),
  );
}

function printTraining(flags: TrainFlags, t: Training) {
  const { table, target, rows, plan } = t;
  const layout = `${delimiterName(table.delimiter)}-separated, ${table.header ? 'header' : 'no header'}`;
  console.log(`read ${flags.csv}: ${table.rows} rows, ${table.names.length} columns (${layout})`);
  console.log(
    `target ${target.column}: bad = ${target.bad}, ${target.bads} bads (${percent(target.bads, table.rows)}); values ${shortList(target.values)}`,
  );
  if (rows) {
    console.log(`training rows ${rows.train.length}, test rows ${rows.test.length} (${rows.how})`);
  }
  const constant = plan.excluded.filter((e) => e.reason === 'constant').length;
  console.log(
    `features: ${plan.features.length + constant} considered, ${constant} constant, ${t.trained.scorecard.features.length} selected`,
  );
  for (const line of featureTable(t)) console.log(`  ${line}`);
  console.log(metricsLine('train', t.train));
  if (t.test) console.log(metricsLine('test', t.test));
}

async function train(flags: TrainFlags) {
  checkOutput(flags.out, '--out');
  const training = await runTraining(flags);
  for (const e of training.plan.excluded) {
    if (e.reason === 'constant') {
      process.stderr.write(`note: ${e.name} is constant on the training rows; left out\n`);
    }
  }
  printTraining(flags, training);
  await writeModelFile(flags.out, modelOf(flags, training));
  console.log(`wrote ${flags.out}`);
}

export function registerModelTrain(model: Command) {
  const command = model
    .command('train')
    .description(
      'train a points scorecard (WOE binning, IV/correlation/VIF selection, logistic regression) on a text table',
    )
    .requiredOption('--csv <file>', 'the table: comma, tab, semicolon or whitespace separated')
    .requiredOption('--target <column>', 'the outcome column (V1..Vn when the file has no header)')
    .requiredOption('--out <model.json>', 'the model file to write')
    .option('--bad <value>', 'the target value meaning bad (default: 1 of 0/1, 2 of 1/2)')
    .option('--id <column>', 'an identifier column: not a feature')
    .option('--exclude <a,b>', 'columns that are not features, comma-separated')
    .option('--test-index <file>', '0-based data rows held out of training to test on')
    .option('--split <share>', 'hold out this share of rows, stratified by class (e.g. 0.3)')
    .option('--seed <n>', 'seed of --split', '42')
    .option('--max-bins <n>', 'bins per feature, missing aside (default: 6)')
    .option('--min-bin-share <share>', 'smallest bin as a share of rows (default: 0.05)')
    .option('--min-iv <iv>', 'least information value a feature needs (default: 0.02)')
    .option('--max-correlation <r>', 'largest |r| between selected features (default: 0.7)')
    .option(
      '--monotonic <mode>',
      'auto: bad rate monotone in each numeric feature (default); none: free, for U-shapes',
    );
  withReadFlags(command).action(action(train));
  return command;
}
