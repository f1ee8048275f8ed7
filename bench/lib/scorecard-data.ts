/**
 * Synthetic credit data for `bench/scorecard.ts`: ten features whose log-odds of bad follow
 * a known logistic truth, with what real tables have: a skewed amount, a U-shaped effect, a
 * count, missing values that carry risk, a categorical feature, a feature correlated with
 * another and pure noise. Deterministic per seed.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { FeatureColumn } from '../../src/scoring/scorecard.js';
import { seededRandom } from '../../src/scoring/split.js';

export const FEATURES = [
  'x1',
  'income',
  'x3',
  'x4',
  'count',
  'x6',
  'x7',
  'sector',
  'noise',
  'x10',
] as const;

const SECTORS = ['A', 'B', 'C', 'D', 'E', 'F'];
/** Effect on the log-odds of bad per sector, and how common each is. */
const SECTOR_EFFECT = [-0.6, -0.3, 0, 0.2, 0.5, 0.9];
const SECTOR_CUMULATIVE = [0.3, 0.5, 0.65, 0.8, 0.92, 1];
const MISSING_X6 = 0.15;
/** Puts the bad rate near 10 %. */
const INTERCEPT = -2.9;

export interface SyntheticData {
  readonly columns: FeatureColumn[];
  readonly target: Uint8Array;
  readonly rows: number;
}

function normals(next: () => number) {
  let spare: number | null = null;
  return () => {
    if (spare !== null) {
      const value = spare;
      spare = null;
      return value;
    }
    // Box–Muller; 1 − u keeps the logarithm away from 0.
    const radius = Math.sqrt(-2 * Math.log(1 - next()));
    const angle = 2 * Math.PI * next();
    spare = radius * Math.sin(angle);
    return radius * Math.cos(angle);
  };
}

function poisson(next: () => number, mean: number): number {
  const limit = Math.exp(-mean);
  let k = 0;
  for (let p = next(); p > limit; p *= next()) k += 1;
  return k;
}

export function generate(rows: number, seed: number): SyntheticData {
  const next = seededRandom(seed);
  const normal = normals(next);
  const numeric = FEATURES.filter((f) => f !== 'sector').map(() => new Float64Array(rows));
  const [x1, income, x3, x4, count, x6, x7, noise, x10] = numeric as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const sector = new Array<string>(rows);
  const target = new Uint8Array(rows);
  for (let i = 0; i < rows; i += 1) {
    const a = normal();
    const logIncome = normal();
    const u = next();
    const b = normal();
    const c = poisson(next, 2);
    const missing = next() < MISSING_X6;
    const d = normal();
    const e = normal();
    const draw = next();
    const s = SECTOR_CUMULATIVE.findIndex((edge) => draw < edge);
    x1[i] = a;
    income[i] = Math.round(Math.exp(10.5 + 0.6 * logIncome));
    x3[i] = u;
    x4[i] = b;
    count[i] = c;
    x6[i] = missing ? NaN : d;
    x7[i] = e;
    sector[i] = SECTORS[s] ?? 'F';
    noise[i] = normal();
    x10[i] = 0.8 * a + 0.6 * normal();
    const logit =
      INTERCEPT +
      0.8 * a -
      0.5 * logIncome +
      1.2 * (u - 0.5) * 2 +
      0.4 * (b * b - 1) +
      0.3 * (c - 2) +
      (missing ? 0.5 : -0.4 * d) +
      0.2 * e +
      (SECTOR_EFFECT[s] ?? 0);
    target[i] = next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
  }
  const columns: FeatureColumn[] = FEATURES.map((name) => {
    if (name === 'sector') return { name, kind: 'categorical', values: sector };
    const values = numeric[FEATURES.filter((f) => f !== 'sector').indexOf(name)];
    return { name, kind: 'numeric', values: values ?? new Float64Array(rows) };
  });
  return { columns, target, rows };
}

/** Writes the data as CSV with a header and the target `bad` last; missing is `NA`. */
export async function writeCsv(file: string, data: SyntheticData): Promise<void> {
  const stream = createWriteStream(file);
  stream.write(`${FEATURES.join(',')},bad\n`);
  let chunk = '';
  for (let i = 0; i < data.rows; i += 1) {
    const cells = data.columns.map((column) => {
      const value = column.values[i];
      return value === null || value === undefined || Number.isNaN(value) ? 'NA' : String(value);
    });
    chunk += `${cells.join(',')},${data.target[i]}\n`;
    if (chunk.length > 1 << 20) {
      if (!stream.write(chunk)) await once(stream, 'drain');
      chunk = '';
    }
  }
  stream.end(chunk);
  await once(stream, 'finish');
}
