import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { readModelFile, type ModelMetrics } from '../scoring/model-file.js';
import {
  scoreColumns,
  setMetrics,
  validationCharts,
  type SetMetrics,
} from '../scoring/validation.js';
import {
  readForModel,
  readIndexFile,
  requireBothClasses,
  requireColumn,
  takeRows,
  takeTarget,
  targetByModel,
} from './model-data.js';
import { readOptions, stagedProgress, withReadFlags, type ReadFlags } from './model-options.js';
import { action } from './run.js';

export function summariseMetrics(m: SetMetrics): ModelMetrics {
  return { rows: m.rows, bads: m.bads, auc: m.auc, ks: m.ks, gini: m.gini };
}

/** The one line every model command prints per set of rows. */
export function metricsLine(label: string, m: ModelMetrics): string {
  return `${label}: AUC ${m.auc.toFixed(4)}  KS ${m.ks.toFixed(4)}  Gini ${m.gini.toFixed(4)}  (${m.rows} rows, ${m.bads} bads)`;
}

interface ReportFlags extends ReadFlags {
  model: string;
  csv: string;
  target?: string;
  id?: string;
  testIndex?: string;
  charts?: string;
}

async function writeCharts(dir: string, charts: ReturnType<typeof validationCharts>) {
  await mkdir(dir, { recursive: true });
  const files = { 'roc.svg': charts.roc, 'ks.svg': charts.ks, 'scores.svg': charts.scores };
  for (const [name, svg] of Object.entries(files)) await writeFile(path.join(dir, name), svg);
  return Object.keys(files).map((name) => path.join(dir, name));
}

async function report(flags: ReportFlags) {
  const model = await readModelFile(flags.model);
  const targetName = flags.target ?? model.target.column;
  const extra = new Map([[targetName, model.target.kind]]);
  const progress = stagedProgress('model report', flags.csv);
  let metrics: SetMetrics;
  let set: ReturnType<typeof scoreColumns>;
  try {
    const table = await readForModel(
      model,
      flags.csv,
      { ...readOptions(flags), onProgress: progress.reading },
      extra,
    );
    if (flags.id !== undefined) requireColumn(table, flags.id, '--id');
    const target = targetByModel(table, targetName, model.target.bad);
    const rows = flags.testIndex ? await readIndexFile(flags.testIndex, table.rows) : null;
    const y = takeTarget(target.y, rows);
    requireBothClasses(y, rows ? 'the test rows' : 'the rows');
    progress.stage('scoring', 0.5);
    const features = new Set(model.columns.map((c) => c.name));
    const columns = table.columns.filter((c) => features.has(c.name)).map((c) => takeRows(c, rows));
    set = scoreColumns(model.scorecard, columns, y);
    metrics = setMetrics(set, model.scorecard.population.bads / model.scorecard.population.rows);
  } finally {
    progress.stop();
  }
  const label = flags.testIndex ? 'test' : 'all rows';
  console.log(`model ${flags.model} (target ${model.target.column}, bad = ${model.target.bad})`);
  console.log(metricsLine(label, metrics));
  if (flags.charts) {
    const files = await writeCharts(flags.charts, validationCharts(set, label));
    console.log(`charts: ${files.join(', ')}`);
  }
}

export function registerModelReport(model: Command) {
  const command = model
    .command('report')
    .description("a model's AUC, KS and Gini on a table (its test rows with --test-index)")
    .requiredOption('--model <model.json>', 'a model file written by `xinyi model train`')
    .requiredOption('--csv <file>', 'the table, with the target column')
    .option('--target <column>', "the outcome column (default: the model's)")
    .option('--id <column>', 'the identifier column (checked; rows are matched by position)')
    .option('--test-index <file>', 'report on these 0-based data rows only')
    .option('--charts <dir>', 'write roc.svg, ks.svg and scores.svg into this directory');
  withReadFlags(command).action(action(report));
  return command;
}
