/**
 * Feature selection for a scorecard: enough information (IV), then no pair too correlated,
 * then no feature explained by the others (VIF), preferring the more informative feature.
 */
import { Matrix, solve } from 'ml-matrix';

export interface SelectionCandidate {
  readonly feature: string;
  readonly iv: number;
  /** WOE-transformed column. */
  readonly values: ArrayLike<number>;
}

export interface SelectionOptions {
  /** Default 0.02 (below it a feature is commonly called "not predictive"). */
  readonly minIv?: number;
  /** Largest |Pearson r| allowed with an already kept, more informative feature; default 0.7. */
  readonly maxCorrelation?: number;
  /** Default 5. */
  readonly maxVif?: number;
  /** Keep at most this many, by descending IV, after the other filters; default unlimited. */
  readonly maxFeatures?: number;
}

/** 'max_features' is our addition: a feature cut only by {@link SelectionOptions.maxFeatures}. */
export type DropReason = 'low_iv' | 'correlated' | 'vif' | 'max_features';

export interface DroppedFeature {
  readonly feature: string;
  readonly reason: DropReason;
  readonly detail: string;
}

export interface SelectionResult {
  /** By descending IV. */
  readonly selected: readonly string[];
  /** In the order the filters dropped them. */
  readonly dropped: readonly DroppedFeature[];
}

/** R² this close to 1 is a perfect linear dependence up to rounding. */
const PERFECT_FIT = 1 - 1e-12;

export function selectFeatures(
  candidates: readonly SelectionCandidate[],
  options: SelectionOptions = {},
): SelectionResult {
  const settings = readOptions(options);
  requireDistinctNames(candidates);
  const dropped: DroppedFeature[] = [];
  const informative = candidates.filter((candidate) => {
    if (candidate.iv >= settings.minIv) return true;
    const detail = `IV ${format(candidate.iv)} < ${format(settings.minIv)}`;
    dropped.push({ feature: candidate.feature, reason: 'low_iv', detail });
    return false;
  });
  // Stable sort: equal IVs keep the caller's order.
  const ranked = [...informative].sort((a, b) => b.iv - a.iv);
  const stats = columnStatistics(ranked.map((candidate) => candidate.values));
  const uncorrelated = dropCorrelated(ranked, stats.correlation, settings.maxCorrelation, dropped);
  const independent = dropHighVif(ranked, uncorrelated, stats, settings.maxVif, dropped);
  const selected = independent.slice(0, settings.maxFeatures);
  independent.slice(settings.maxFeatures).forEach((index, rank) => {
    const detail = `ranked ${settings.maxFeatures + rank + 1} by IV; at most ${settings.maxFeatures} kept`;
    dropped.push({ feature: ranked[index]!.feature, reason: 'max_features', detail });
  });
  return { selected: selected.map((index) => ranked[index]!.feature), dropped };
}

/** Pearson correlations; a constant column counts as uncorrelated with everything else. */
export function correlationMatrix(columns: readonly ArrayLike<number>[]): number[][] {
  return columnStatistics(columns).correlation;
}

/**
 * VIF_j = 1/(1 − R²_j), R²_j of an OLS fit (with intercept) of column j on the others.
 * Infinity for a column that is constant or an exact linear combination of the others.
 */
export function varianceInflation(columns: readonly ArrayLike<number>[]): number[] {
  const stats = columnStatistics(columns);
  return stats.correlation.map((_, j) => inflationOf(stats, j, allIndices(columns.length)));
}

interface ColumnStatistics {
  readonly correlation: number[][];
  readonly constant: readonly boolean[];
}

function columnStatistics(columns: readonly ArrayLike<number>[]): ColumnStatistics {
  const centred = columns.map((column, j) => centre(column, columns[0]?.length ?? 0, j));
  const norms = centred.map((column) => Math.sqrt(dot(column, column)));
  const constant = norms.map((norm) => norm === 0);
  const correlation = centred.map((left, a) =>
    centred.map((right, b) => {
      if (a === b) return 1;
      if (constant[a] || constant[b]) return 0;
      return clamp(dot(left, right) / (norms[a]! * norms[b]!));
    }),
  );
  return { correlation, constant };
}

function centre(column: ArrayLike<number>, n: number, index: number): Float64Array {
  if (column.length !== n) {
    throw new RangeError(`column ${index} has ${column.length} values, column 0 has ${n}`);
  }
  if (n < 2) throw new RangeError('correlations need at least 2 rows');
  const values = Float64Array.from(column);
  const bad = values.findIndex((value) => !Number.isFinite(value));
  if (bad >= 0) throw new RangeError(`column ${index} row ${bad} is ${values[bad]}, not finite`);
  const mean = values.reduce((sum, value) => sum + value, 0) / n;
  return values.map((value) => value - mean);
}

function dot(left: Float64Array, right: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < left.length; i++) sum += left[i]! * right[i]!;
  return sum;
}

/** Rounding can push |r| of identical columns a hair past 1. */
const clamp = (r: number) => Math.max(-1, Math.min(1, r));

const allIndices = (count: number) => Array.from({ length: count }, (_, j) => j);

/**
 * For standardised columns R²_j = r_jᵀ R₋ⱼ⁻¹ r_j. SVD solves it even when the other columns
 * are themselves collinear, where the projection is still well defined.
 */
function inflationOf(stats: ColumnStatistics, j: number, among: readonly number[]): number {
  if (stats.constant[j]) return Number.POSITIVE_INFINITY;
  const others = among.filter((index) => index !== j);
  if (others.length === 0) return 1;
  const row = stats.correlation[j]!;
  const r = others.map((index) => row[index]!);
  const sub = new Matrix(others.map((a) => others.map((b) => stats.correlation[a]![b]!)));
  const b = solve(sub, Matrix.columnVector(r), true).getColumn(0);
  const rSquared = r.reduce((sum, value, i) => sum + value * b[i]!, 0);
  return rSquared >= PERFECT_FIT ? Number.POSITIVE_INFINITY : 1 / (1 - Math.max(0, rSquared));
}

/** Greedy in descending IV, so of a correlated pair the more informative feature stays. */
function dropCorrelated(
  ranked: readonly SelectionCandidate[],
  correlation: number[][],
  maxCorrelation: number,
  dropped: DroppedFeature[],
): number[] {
  const kept: number[] = [];
  ranked.forEach((candidate, index) => {
    const row = correlation[index]!;
    const worst = kept.reduce<number | undefined>(
      (best, other) =>
        best === undefined || Math.abs(row[other]!) > Math.abs(row[best]!) ? other : best,
      undefined,
    );
    if (worst === undefined || Math.abs(row[worst]!) <= maxCorrelation) {
      kept.push(index);
      return;
    }
    const detail = `|r| = ${format(Math.abs(row[worst]!))} > ${format(maxCorrelation)} with ${ranked[worst]!.feature} (IV ${format(ranked[worst]!.iv)} ≥ ${format(candidate.iv)})`;
    dropped.push({ feature: candidate.feature, reason: 'correlated', detail });
  });
  return kept;
}

/** One at a time, since dropping a feature lowers the VIF of those it was collinear with. */
function dropHighVif(
  ranked: readonly SelectionCandidate[],
  kept: readonly number[],
  stats: ColumnStatistics,
  maxVif: number,
  dropped: DroppedFeature[],
): number[] {
  let current = [...kept];
  for (;;) {
    const vifs = current.map((index) => inflationOf(stats, index, current));
    // On a tie the later, less informative feature goes.
    const worst = vifs.reduce<number | undefined>(
      (best, vif, i) => (vif > maxVif && (best === undefined || vif >= vifs[best]!) ? i : best),
      undefined,
    );
    if (worst === undefined) return current;
    const detail = `VIF ${format(vifs[worst]!)} > ${format(maxVif)}`;
    dropped.push({ feature: ranked[current[worst]!]!.feature, reason: 'vif', detail });
    current = current.filter((_, i) => i !== worst);
  }
}

function readOptions(options: SelectionOptions) {
  const settings = {
    minIv: options.minIv ?? 0.02,
    maxCorrelation: options.maxCorrelation ?? 0.7,
    maxVif: options.maxVif ?? 5,
    maxFeatures: options.maxFeatures ?? Number.POSITIVE_INFINITY,
  };
  const valid =
    settings.minIv >= 0 &&
    settings.maxCorrelation > 0 &&
    settings.maxCorrelation <= 1 &&
    settings.maxVif >= 1 &&
    (settings.maxFeatures === Number.POSITIVE_INFINITY ||
      (Number.isInteger(settings.maxFeatures) && settings.maxFeatures >= 1));
  if (!valid) throw new RangeError(`invalid selection options ${JSON.stringify(options)}`);
  return settings;
}

function requireDistinctNames(candidates: readonly SelectionCandidate[]): void {
  const seen = new Set<string>();
  for (const { feature } of candidates) {
    if (seen.has(feature)) throw new RangeError(`feature ${feature} is a candidate twice`);
    seen.add(feature);
  }
}

/** Three significant digits are enough for a reason a person reads. */
const format = (value: number) =>
  Number.isFinite(value) ? String(Number(value.toPrecision(3))) : value > 0 ? '∞' : String(value);
