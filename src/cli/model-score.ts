import { randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import path from 'node:path';
import type { Command } from 'commander';
import { readModelFile, type ModelFile } from '../scoring/model-file.js';
import { reasonContributions, scoreRow, type Contribution } from '../scoring/scorecard.js';
import type { Table } from '../scoring/tabular.js';
import { readForModel, requireColumn } from './model-data.js';
import {
  checkOutput,
  readOptions,
  stagedProgress,
  withReadFlags,
  type ReadFlags,
  type StagedProgress,
} from './model-options.js';
import { action, CliError } from './run.js';

interface ScoreFlags extends ReadFlags {
  model: string;
  csv: string;
  out: string;
  id?: string;
  reasons: string;
}

const ROWS_PER_WRITE = 10_000;

function csvField(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function reasonText(reasons: readonly Contribution[]): string {
  return reasons.map((c) => `${c.feature}=${c.value === null ? 'NA' : String(c.value)}`).join(';');
}

/** The id column: --id, else the model's when the file has it, else none (row numbers). */
function idColumnOf(flags: ScoreFlags, model: ModelFile, names: readonly string[]) {
  if (flags.id !== undefined) return flags.id;
  if (model.idColumn === null) return null;
  if (names.includes(model.idColumn)) return model.idColumn;
  process.stderr.write(
    `note: no column ${model.idColumn} in ${flags.csv}; rows are numbered from 0\n`,
  );
  return null;
}

interface Totals {
  rows: number;
  min: number;
  max: number;
  pdSum: number;
}

/** Yields the CSV text in chunks of rows, scoring as it goes. */
function* scoredCsv(
  model: ModelFile,
  table: Table,
  idColumn: string | null,
  limit: number,
  totals: Totals,
  progress: StagedProgress,
): Generator<string> {
  const byName = new Map(table.columns.map((c) => [c.name, c]));
  const ids = idColumn === null ? null : byName.get(idColumn);
  let row = 0;
  const valueOf = (name: string) => {
    const value = byName.get(name)?.values[row];
    return value === undefined || (typeof value === 'number' && Number.isNaN(value)) ? null : value;
  };
  let chunk = 'id,score,pd,reasons\n';
  for (; row < table.rows; row += 1) {
    const result = scoreRow(model.scorecard, valueOf);
    const id = ids ? String(ids.values[row] ?? '') : String(row);
    const reasons = reasonText(reasonContributions(result, limit));
    chunk += `${csvField(id)},${result.score},${result.probabilityOfDefault.toFixed(6)},${csvField(reasons)}\n`;
    totals.min = Math.min(totals.min, result.score);
    totals.max = Math.max(totals.max, result.score);
    totals.pdSum += result.probabilityOfDefault;
    totals.rows += 1;
    if ((row + 1) % ROWS_PER_WRITE === 0) {
      progress.stage(`scoring ${row + 1} of ${table.rows} rows`, 0.5 + (0.5 * row) / table.rows);
      yield chunk;
      chunk = '';
    }
  }
  if (chunk !== '') yield chunk;
}

/** Writes beside the destination and renames into place: no half-written scores file. */
async function writeChunks(file: string, chunks: Iterable<string>) {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const stream = createWriteStream(temporary);
  try {
    for (const chunk of chunks) {
      if (!stream.write(chunk)) await once(stream, 'drain');
    }
    stream.end();
    await once(stream, 'finish');
    await rename(temporary, file);
  } catch (error) {
    stream.destroy();
    await rm(temporary, { force: true });
    throw error;
  }
}

async function score(flags: ScoreFlags) {
  checkOutput(flags.out, '--out');
  const limit = Number(flags.reasons);
  if (!Number.isInteger(limit) || limit < 0 || limit > 20) {
    throw new CliError('--reasons must be a whole number from 0 to 20');
  }
  const model = await readModelFile(flags.model);
  const wantedId = flags.id ?? model.idColumn;
  // Ids are labels: "007" stays "007".
  const extra = new Map(wantedId === null ? [] : [[wantedId, 'categorical' as const]]);
  const progress = stagedProgress('model score', flags.csv);
  const totals: Totals = { rows: 0, min: Infinity, max: -Infinity, pdSum: 0 };
  try {
    const table = await readForModel(
      model,
      flags.csv,
      { ...readOptions(flags), onProgress: progress.reading },
      extra,
    );
    if (flags.id !== undefined) requireColumn(table, flags.id, '--id');
    const idColumn = idColumnOf(flags, model, table.names);
    await writeChunks(flags.out, scoredCsv(model, table, idColumn, limit, totals, progress));
  } finally {
    progress.stop();
  }
  console.log(
    `scored ${totals.rows} rows of ${flags.csv}: scores ${totals.min} to ${totals.max}, mean PD ${(totals.pdSum / totals.rows).toFixed(4)}`,
  );
  console.log(`wrote ${flags.out}`);
}

export function registerModelScore(model: Command) {
  const command = model
    .command('score')
    .description('score every row of a table with a model: id, score, PD and the main reasons')
    .requiredOption('--model <model.json>', 'a model file written by `xinyi model train`')
    .requiredOption('--csv <file>', "the table; it needs the model's columns, not the target")
    .requiredOption('--out <scores.csv>', 'the CSV to write: id,score,pd,reasons')
    .option('--id <column>', "the identifier column (default: the model's, else row numbers)")
    .option('--reasons <n>', 'reasons per row: the features costing the most points', '3');
  withReadFlags(command).action(action(score));
  return command;
}
