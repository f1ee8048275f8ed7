/**
 * From a table read off disk to what the scorecard trains and scores on, for the
 * `xinyi model` commands: the target as 0/1 with the user's bad value, the candidate
 * features, row subsets and the test rows. Every refusal is a {@link CliError}.
 */
import { readFile } from 'node:fs/promises';
import type { FeatureColumn } from '../scoring/scorecard.js';
import { otherRows, parseRowIndices, SplitError, stratifiedSplit } from '../scoring/split.js';
import type { ExcludedColumn, ModelFile } from '../scoring/model-file.js';
import {
  readTableFile,
  type ColumnKind,
  type ReadTableOptions,
  type Table,
  type TableColumn,
} from '../scoring/tabular.js';
import { CliError } from './run.js';

export interface Target {
  readonly column: string;
  readonly kind: ColumnKind;
  readonly bad: string;
  /** 1 = bad; typed as the scorecard wants it. */
  readonly y: ArrayLike<0 | 1>;
  readonly bads: number;
  readonly values: readonly string[];
}

/** Numbers read as their shortest text, so "2", "2.0" and "2e0" are one class, "2". */
const label = (value: number | string) => String(value);

/** Refuses a name that is no column of the table, listing some that are. */
export function requireColumn(table: Table, name: string, role: string): void {
  if (table.names.includes(name)) return;
  const names = table.names.length > 12 ? [...table.names.slice(0, 12), '…'] : table.names;
  throw new CliError(
    `${role} "${name}" is not a column of the file (columns: ${names.join(', ')})`,
  );
}

export function findColumn(table: Table, name: string, role: string): TableColumn {
  requireColumn(table, name, role);
  const column = table.columns.find((c) => c.name === name);
  if (!column) throw new Error(`column ${name} was not kept when reading`);
  return column;
}

function targetLabels(column: TableColumn): { labels: (string | null)[]; missing: number } {
  let missing = 0;
  const labels = Array.from(column.values, (value: number | string | null) => {
    const absent = value === null || (typeof value === 'number' && Number.isNaN(value));
    if (absent) missing += 1;
    return absent ? null : label(value);
  });
  return { labels, missing };
}

function defaultBad(values: readonly string[], column: string): string {
  const set = values.join(',');
  if (set === '0,1') return '1';
  if (set === '1,2') return '2';
  throw new CliError(
    `cannot tell which value of the target ${column} means bad (values: ${values.join(', ')}); give --bad VALUE`,
  );
}

/**
 * The target as 0/1. Its bad value is `bad` when given (any other value is good), else 1 of
 * {0, 1} and 2 of {1, 2}, the two usual codings; anything else must be said.
 */
export function resolveTarget(table: Table, name: string, bad: string | undefined): Target {
  const column = findColumn(table, name, 'the target');
  const { labels, missing } = targetLabels(column);
  if (missing > 0) {
    const first = labels.indexOf(null);
    throw new CliError(
      `the target ${name} is missing on ${missing} rows (first: data row ${first})`,
    );
  }
  const values = [...new Set(labels as string[])].sort((a, b) => compareLabels(a, b, column.kind));
  if (values.length < 2) {
    throw new CliError(`the target ${name} has one class only (${values[0] ?? 'no rows'})`);
  }
  const wanted = bad === undefined ? defaultBad(values, name) : normalise(bad, column.kind);
  if (!values.includes(wanted)) {
    const shown = values.length > 12 ? [...values.slice(0, 12), '…'] : values;
    throw new CliError(
      `--bad ${bad}: the target ${name} never has that value (values: ${shown.join(', ')})`,
    );
  }
  const y = Uint8Array.from(labels, (value) => (value === wanted ? 1 : 0));
  const bads = y.reduce((sum, value) => sum + value, 0);
  return {
    column: name,
    kind: column.kind,
    bad: wanted,
    y: y as unknown as ArrayLike<0 | 1>,
    bads,
    values,
  };
}

function normalise(bad: string, kind: ColumnKind): string {
  if (kind === 'categorical') return bad;
  const value = Number(bad.trim());
  return bad.trim() !== '' && Number.isFinite(value) ? label(value) : bad;
}

function compareLabels(a: string, b: string, kind: ColumnKind): number {
  if (kind === 'numeric') return Number(a) - Number(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The 0/1 target of a table scored by a model: its bad value is bad, every other good. */
export function targetByModel(table: Table, name: string, bad: string): Target {
  const column = findColumn(table, name, 'the target');
  const { labels, missing } = targetLabels(column);
  if (missing > 0) throw new CliError(`the target ${name} is missing on ${missing} rows`);
  const y = Uint8Array.from(labels, (value) => (value === bad ? 1 : 0));
  const bads = y.reduce((sum, value) => sum + value, 0);
  const values = [...new Set(labels as string[])];
  return {
    column: name,
    kind: column.kind,
    bad,
    y: y as unknown as ArrayLike<0 | 1>,
    bads,
    values,
  };
}

/** A column's values at the given rows; all of them when `rows` is null. */
export function takeRows(column: TableColumn, rows: Uint32Array | null): FeatureColumn {
  if (rows === null) return column;
  if (column.kind === 'numeric') {
    const values = new Float64Array(rows.length);
    for (let k = 0; k < rows.length; k += 1) values[k] = column.values[rows[k] ?? 0] ?? NaN;
    return { name: column.name, kind: 'numeric', values };
  }
  const values = Array.from(rows, (row) => column.values[row] ?? null);
  return { name: column.name, kind: 'categorical', values };
}

export function takeTarget(y: ArrayLike<0 | 1>, rows: Uint32Array | null): ArrayLike<0 | 1> {
  if (rows === null) return y;
  return Uint8Array.from(rows, (row) => y[row] ?? 0) as unknown as ArrayLike<0 | 1>;
}

/** Whether the rows hold fewer than two states of the column (missing is a state). */
function isConstant(column: FeatureColumn): boolean {
  const n = column.values.length;
  if (n === 0) return true;
  const first = column.values[0] ?? null;
  const same = (value: number | string | null | undefined) =>
    (value ?? null) === first || (Number.isNaN(value) && Number.isNaN(first));
  for (let i = 1; i < n; i += 1) if (!same(column.values[i])) return false;
  return true;
}

export interface FeaturePlan {
  readonly features: readonly FeatureColumn[];
  readonly excluded: readonly ExcludedColumn[];
}

/**
 * The candidate features: every column but the target, the id and the excluded ones, less
 * those constant on the training rows (no information; noted, not refused). Refuses unknown
 * names and a table left with no usable feature.
 */
export function planFeatures(
  table: Table,
  roles: { target: string; id: string | undefined; exclude: readonly string[] },
  trainRows: Uint32Array | null,
): FeaturePlan {
  if (roles.id !== undefined) requireColumn(table, roles.id, '--id');
  for (const name of roles.exclude) requireColumn(table, name, '--exclude');
  const excluded: ExcludedColumn[] = roles.exclude.map((name) => ({ name, reason: 'excluded' }));
  const candidates = table.columns.filter(
    (c) => c.name !== roles.target && c.name !== roles.id && !roles.exclude.includes(c.name),
  );
  if (candidates.length === 0) {
    throw new CliError('no feature column: every column is the target, the id or excluded');
  }
  const features: FeatureColumn[] = [];
  for (const candidate of candidates) {
    const column = takeRows(candidate, trainRows);
    if (isConstant(column)) excluded.push({ name: column.name, reason: 'constant' });
    else features.push(column);
  }
  if (features.length === 0) {
    const names = candidates.map((c) => c.name).join(', ');
    throw new CliError(`no usable feature: every feature column is constant (${names})`);
  }
  return { features, excluded };
}

export interface TestRows {
  readonly test: Uint32Array;
  readonly train: Uint32Array;
  /** How they were chosen, for the model file. */
  readonly how: string;
}

export async function readIndexFile(file: string, rows: number): Promise<Uint32Array> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new CliError(`cannot read ${file}`);
  }
  try {
    return parseRowIndices(text, rows);
  } catch (error) {
    if (error instanceof SplitError) throw new CliError(`${file}: ${error.message}`);
    throw error;
  }
}

/** The held-out rows: from an index file, from a stratified split, or none. */
export async function chooseTestRows(
  options: { testIndex?: string; split?: string; seed: string },
  target: Target,
): Promise<TestRows | null> {
  const rows = target.y.length;
  if (options.testIndex !== undefined && options.split !== undefined) {
    throw new CliError('give --test-index or --split, not both');
  }
  let test: Uint32Array;
  let how: string;
  if (options.testIndex !== undefined) {
    test = await readIndexFile(options.testIndex, rows);
    how = `index file ${options.testIndex}`;
  } else if (options.split !== undefined) {
    const share = Number(options.split);
    const seed = Number(options.seed);
    if (!(share > 0 && share < 1))
      throw new CliError('--split must be a share between 0 and 1, e.g. 0.3');
    if (!Number.isSafeInteger(seed)) throw new CliError('--seed must be a whole number');
    test = stratifiedSplit(target.y, share, seed);
    how = `stratified split ${share} seed ${seed}`;
  } else {
    return null;
  }
  const train = otherRows(test, rows);
  requireBothClasses(takeTarget(target.y, test), 'the test rows');
  requireBothClasses(takeTarget(target.y, train), 'the training rows');
  return { test, train, how };
}

export function requireBothClasses(y: ArrayLike<0 | 1>, what: string) {
  let bads = 0;
  for (let i = 0; i < y.length; i += 1) bads += y[i] ?? 0;
  if (y.length === 0) throw new CliError(`${what} are none`);
  if (bads === 0 || bads === y.length) {
    throw new CliError(`${what} hold one class only (${bads === 0 ? 'no bads' : 'all bad'})`);
  }
}

/** "a, b ,c" → ['a', 'b', 'c']. */
export function parseList(raw: string | undefined): string[] {
  return (raw ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

/**
 * Reads the columns a model needs from a table: its features with the kinds it was trained
 * on (a numeric feature written as text is an error, not a new category), plus `extra`.
 * Refuses a file that lacks a feature.
 */
export async function readForModel(
  model: ModelFile,
  file: string,
  options: Pick<ReadTableOptions, 'header' | 'delimiter' | 'onProgress'>,
  extra: ReadonlyMap<string, ColumnKind | undefined>,
): Promise<Table> {
  const kinds = new Map<string, ColumnKind>(model.columns.map((c) => [c.name, c.kind]));
  for (const [name, kind] of extra) if (kind) kinds.set(name, kind);
  const keep = new Set([...model.columns.map((c) => c.name), ...extra.keys()]);
  const table = await readTableFile(file, { ...options, kinds, keep });
  const absent = model.columns.filter((c) => !table.names.includes(c.name)).map((c) => c.name);
  if (absent.length > 0) {
    const headerless = table.header ? '' : ' (the file has no header: columns are V1..Vn)';
    throw new CliError(`${file} lacks the model's columns ${absent.join(', ')}${headerless}`);
  }
  if (table.rows === 0) throw new CliError(`${file} has no data rows`);
  return table;
}
