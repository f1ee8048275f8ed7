/**
 * The model file `xinyi model train` writes and `score` / `report` read: a scorecard with
 * what it takes to apply it to another table (the target's bad value, the id column, the
 * columns read and their kinds) and the figures it was trained with. JSON; checked on read
 * so that a hand-edited or foreign file fails with the path of what is wrong.
 */
import { randomBytes } from 'node:crypto';
import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { SCORECARD_FORMAT, type Scorecard } from './scorecard.js';
import type { ColumnKind } from './tabular.js';

export const MODEL_FILE_FORMAT = 'xinyi-model/1';

export interface ModelColumn {
  readonly name: string;
  readonly kind: ColumnKind;
}

export interface ModelMetrics {
  readonly rows: number;
  readonly bads: number;
  readonly auc: number;
  readonly ks: number;
  readonly gini: number;
}

export interface ExcludedColumn {
  readonly name: string;
  /** 'excluded' (--exclude), 'constant', or a selection drop reason (low_iv, correlated, …). */
  readonly reason: string;
  readonly detail?: string;
}

export interface ModelFile {
  readonly format: typeof MODEL_FILE_FORMAT;
  readonly createdAt: string;
  readonly source: { readonly file: string; readonly rows: number };
  readonly target: {
    readonly column: string;
    readonly kind: ColumnKind;
    /** The target value meaning bad, as written (numbers in their shortest form: "2"). */
    readonly bad: string;
  };
  readonly idColumn: string | null;
  /** The columns the scorecard reads, with the kind they were read as. */
  readonly columns: readonly ModelColumn[];
  readonly excluded: readonly ExcludedColumn[];
  readonly scorecard: Scorecard;
  readonly report: {
    readonly train: ModelMetrics;
    readonly test: ModelMetrics | null;
    /** How the test rows were chosen: "split 0.3 seed 7", "index file rows.txt", or null. */
    readonly testRows: string | null;
  };
}

export class ModelFileError extends Error {}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isKind = (value: unknown) => value === 'numeric' || value === 'categorical';
const isFiniteNumber = (value: unknown) => typeof value === 'number' && Number.isFinite(value);

/** Each check names the path of the first thing wrong, as a reader of the JSON finds it. */
function check(condition: boolean, where: string, expected: string): asserts condition {
  if (!condition) throw new ModelFileError(`${where} should be ${expected}`);
}

function checkMetrics(value: unknown, where: string) {
  check(isObject(value), where, 'an object');
  for (const key of ['rows', 'bads', 'auc', 'ks', 'gini']) {
    check(isFiniteNumber(value[key]), `${where}.${key}`, 'a number');
  }
}

function checkScorecard(value: unknown, columns: readonly ModelColumn[]) {
  check(isObject(value), 'scorecard', 'an object');
  check(value.format === SCORECARD_FORMAT, 'scorecard.format', `"${SCORECARD_FORMAT}"`);
  check(isFiniteNumber(value.intercept), 'scorecard.intercept', 'a number');
  const scaling = value.scaling;
  check(isObject(scaling), 'scorecard.scaling', 'an object');
  for (const key of ['baseScore', 'baseOdds', 'pdo']) {
    check(isFiniteNumber(scaling[key]), `scorecard.scaling.${key}`, 'a number');
  }
  check(Array.isArray(value.features), 'scorecard.features', 'an array');
  value.features.forEach((feature: unknown, i) => {
    const where = `scorecard.features[${i}]`;
    check(isObject(feature), where, 'an object');
    check(typeof feature.name === 'string', `${where}.name`, 'a string');
    const column = columns.find((c) => c.name === feature.name);
    check(column?.kind === feature.kind, `${where}.kind`, 'the kind of its entry in columns');
    check(isObject(feature.binning), `${where}.binning`, 'an object');
    check(Array.isArray(feature.binning.bins), `${where}.binning.bins`, 'an array');
    check(Array.isArray(feature.bins) && feature.bins.length > 0, `${where}.bins`, 'bins');
    feature.bins.forEach((bin: unknown, j) => {
      check(isObject(bin) && isObject(bin.bin), `${where}.bins[${j}].bin`, 'an object');
      check(isFiniteNumber(bin.points), `${where}.bins[${j}].points`, 'a number');
    });
    check(
      feature.bins.length === feature.binning.bins.length,
      `${where}.bins`,
      'as many as binning.bins',
    );
  });
}

/** Checks a parsed model file; `origin` (its path) prefixes the error. */
export function checkModelFile(value: unknown, origin: string): ModelFile {
  try {
    check(isObject(value), 'the file', 'a JSON object');
    check(value.format === MODEL_FILE_FORMAT, 'format', `"${MODEL_FILE_FORMAT}"`);
    check(typeof value.createdAt === 'string', 'createdAt', 'a string');
    const target = value.target;
    check(isObject(target), 'target', 'an object');
    check(typeof target.column === 'string', 'target.column', 'a string');
    check(isKind(target.kind), 'target.kind', '"numeric" or "categorical"');
    check(typeof target.bad === 'string', 'target.bad', 'a string');
    check(value.idColumn === null || typeof value.idColumn === 'string', 'idColumn', 'a string');
    check(Array.isArray(value.columns), 'columns', 'an array');
    const columns = value.columns.map((column: unknown, i): ModelColumn => {
      check(isObject(column) && typeof column.name === 'string', `columns[${i}].name`, 'a string');
      check(isKind(column.kind), `columns[${i}].kind`, '"numeric" or "categorical"');
      return column as unknown as ModelColumn;
    });
    check(Array.isArray(value.excluded), 'excluded', 'an array');
    checkScorecard(value.scorecard, columns);
    check(isObject(value.report), 'report', 'an object');
    checkMetrics(value.report.train, 'report.train');
    if (value.report.test !== null) checkMetrics(value.report.test, 'report.test');
  } catch (error) {
    if (error instanceof ModelFileError) {
      throw new ModelFileError(`${origin} is not a usable model file: ${error.message}`);
    }
    throw error;
  }
  return value as unknown as ModelFile;
}

export async function readModelFile(file: string): Promise<ModelFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new ModelFileError(`cannot read ${file}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ModelFileError(`${file} is not JSON`);
  }
  return checkModelFile(value, file);
}

/**
 * Writes the model beside its destination and renames it into place, so that a failure
 * never leaves a partial file, nor destroys an earlier model of the same name.
 */
export async function writeModelFile(file: string, model: ModelFile): Promise<void> {
  const temporary = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${randomBytes(4).toString('hex')}.tmp`,
  );
  try {
    await writeFile(temporary, `${JSON.stringify(model, null, 2)}\n`);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw new ModelFileError(
      `cannot write ${file}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}
