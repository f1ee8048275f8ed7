/**
 * Discrimination, calibration and stability metrics of a scorecard. Ranking metrics take
 * risk scores where higher means riskier (a PD or a logit of bad); pass
 * `{ higherIsSafer: true }` for credit scores, which are then ranked in reverse.
 */

export interface RankingOptions {
  /** The scores rise with safety (credit scores) rather than with risk (PD); default false. */
  readonly higherIsSafer?: boolean;
}

export interface RocCurve {
  /** Share of goods flagged at each threshold, from 0 up to 1. */
  readonly fpr: number[];
  /** Share of bads flagged at each threshold, from 0 up to 1. */
  readonly tpr: number[];
  /**
   * Rows are flagged when their risk is ≥ the threshold (with higherIsSafer: score ≤ it); the
   * first point flags nothing and has threshold +Infinity (with higherIsSafer: −Infinity).
   */
  readonly thresholds: number[];
}

export interface KsCurve {
  /** As in {@link RocCurve}. */
  readonly thresholds: number[];
  /** Share of all rows flagged at each threshold. */
  readonly population: number[];
  /** Cumulative share of bads flagged (the ROC tpr). */
  readonly cumBad: number[];
  /** Cumulative share of goods flagged (the ROC fpr). */
  readonly cumGood: number[];
  /** Largest |cumBad − cumGood|, at index ksIndex (first of equal gaps, never the origin). */
  readonly ks: number;
  readonly ksIndex: number;
}

export interface Confusion {
  /** Bads flagged. */
  readonly tp: number;
  /** Goods flagged. */
  readonly fp: number;
  readonly tn: number;
  readonly fn: number;
  /** 0 when nothing is flagged. */
  readonly precision: number;
  readonly recall: number;
  readonly accuracy: number;
}

export interface CalibrationBucket {
  /** 1 holds the lowest PDs. */
  readonly decile: number;
  readonly count: number;
  readonly meanPd: number;
  readonly observedRate: number;
}

export interface PsiBin {
  /** Bins are (lower, upper]; null is unbounded. */
  readonly lower: number | null;
  readonly upper: number | null;
  readonly expectedShare: number;
  readonly actualShare: number;
  readonly contribution: number;
}

/** Stands in for an empty share so ln(actual/expected) stays finite. */
export const PSI_SHARE_FLOOR = 1e-4;

/** Mann–Whitney: P(risk of a bad > risk of a good) + ½·P(tie). */
export function auc(
  riskScores: ArrayLike<number>,
  target: ArrayLike<0 | 1>,
  options: RankingOptions = {},
): number {
  const groups = sweep(riskScores, target, options);
  let pairs = 0;
  let badsAbove = 0;
  for (const group of groups.groups) {
    pairs += group.goods * (badsAbove + group.bads / 2);
    badsAbove += group.bads;
  }
  return pairs / (groups.bads * groups.goods);
}

/** Largest gap between the cumulative shares of bads and goods, and the threshold of it. */
export function ksStatistic(
  riskScores: ArrayLike<number>,
  target: ArrayLike<0 | 1>,
  options: RankingOptions = {},
): { ks: number; threshold: number } {
  const curve = ksCurve(riskScores, target, options);
  return { ks: curve.ks, threshold: curve.thresholds[curve.ksIndex]! };
}

export function gini(areaUnderCurve: number): number {
  return 2 * areaUnderCurve - 1;
}

export function rocCurve(
  riskScores: ArrayLike<number>,
  target: ArrayLike<0 | 1>,
  options: RankingOptions = {},
): RocCurve {
  const { thresholds, cumBad, cumGood } = ksCurve(riskScores, target, options);
  return { fpr: cumGood, tpr: cumBad, thresholds };
}

export function ksCurve(
  riskScores: ArrayLike<number>,
  target: ArrayLike<0 | 1>,
  options: RankingOptions = {},
): KsCurve {
  const sign = options.higherIsSafer ? -1 : 1;
  const { groups, bads, goods } = sweep(riskScores, target, options);
  const curve = {
    thresholds: [sign * Number.POSITIVE_INFINITY],
    population: [0],
    cumBad: [0],
    cumGood: [0],
  };
  let flaggedBads = 0;
  let flaggedGoods = 0;
  for (const group of groups) {
    flaggedBads += group.bads;
    flaggedGoods += group.goods;
    curve.thresholds.push(sign * group.risk);
    curve.population.push((flaggedBads + flaggedGoods) / (bads + goods));
    curve.cumBad.push(flaggedBads / bads);
    curve.cumGood.push(flaggedGoods / goods);
  }
  const ksIndex = widestGap(curve.cumBad, curve.cumGood);
  return { ...curve, ks: Math.abs(curve.cumBad[ksIndex]! - curve.cumGood[ksIndex]!), ksIndex };
}

/** The origin (nothing flagged) has no gap; skipping it gives every curve a real threshold. */
function widestGap(cumBad: readonly number[], cumGood: readonly number[]): number {
  let best = 1;
  for (let i = 2; i < cumBad.length; i++) {
    const gap = Math.abs(cumBad[i]! - cumGood[i]!);
    if (gap > Math.abs(cumBad[best]! - cumGood[best]!)) best = i;
  }
  return best;
}

/**
 * Flags rows whose risk is ≥ cutOff as predicted bad (with higherIsSafer: score ≤ cutOff, the
 * same rule as the curves' thresholds).
 */
export function confusionAt(
  riskScores: ArrayLike<number>,
  target: ArrayLike<0 | 1>,
  cutOff: number,
  options: RankingOptions = {},
): Confusion {
  const risk = readRisk(riskScores, target, options);
  const y = readTarget(target);
  const limit = options.higherIsSafer ? -cutOff : cutOff;
  const counts = { tp: 0, fp: 0, tn: 0, fn: 0 };
  risk.forEach((value, i) => {
    const flagged = value >= limit;
    const bad = y[i] === 1;
    if (flagged) counts[bad ? 'tp' : 'fp'] += 1;
    else counts[bad ? 'fn' : 'tn'] += 1;
  });
  const { tp, fp, tn, fn } = counts;
  return {
    ...counts,
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    accuracy: ratio(tp + tn, risk.length),
  };
}

/**
 * Rows ranked by PD and cut into ten groups of (nearly) equal size; equal PDs may straddle a
 * boundary so that group sizes stay equal. Empty groups (fewer than 10 rows) are left out.
 */
export function calibrationByDecile(
  pd: ArrayLike<number>,
  target: ArrayLike<0 | 1>,
): CalibrationBucket[] {
  const probabilities = readScores(pd, target.length, 'pd');
  const bad = probabilities.findIndex((value) => value < 0 || value > 1);
  if (bad >= 0) throw new RangeError(`pd[${bad}] is ${probabilities[bad]}, not in [0, 1]`);
  const y = readTarget(target);
  const n = probabilities.length;
  const order = sortedIndices(probabilities, 1);
  const sums = Array.from({ length: 10 }, () => ({ count: 0, pd: 0, bads: 0 }));
  order.forEach((row, rank) => {
    const bucket = sums[Math.floor((rank * 10) / n)]!;
    bucket.count += 1;
    bucket.pd += probabilities[row]!;
    bucket.bads += y[row]!;
  });
  return sums.flatMap((bucket, i) =>
    bucket.count === 0
      ? []
      : [
          {
            decile: i + 1,
            count: bucket.count,
            meanPd: bucket.pd / bucket.count,
            observedRate: bucket.bads / bucket.count,
          },
        ],
  );
}

/**
 * Population stability index Σ (a − e)·ln(a/e) over bins cut at quantiles of `expected`.
 * Shares are reported as observed; below {@link PSI_SHARE_FLOOR} (in particular empty) they
 * are floored to it in the contribution, so one empty bin cannot make the index infinite.
 */
export function psi(
  expected: ArrayLike<number>,
  actual: ArrayLike<number>,
  bins = 10,
): { psi: number; bins: PsiBin[] } {
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be ≥ 1, got ${bins}`);
  const base = readScores(expected, expected.length, 'expected');
  const current = readScores(actual, actual.length, 'actual');
  if (base.length === 0 || current.length === 0)
    throw new RangeError('psi needs rows on both sides');
  const edges = quantileEdges(base, bins);
  const expectedShares = shares(base, edges);
  const actualShares = shares(current, edges);
  const result = expectedShares.map((expectedShare, k): PsiBin => {
    const actualShare = actualShares[k]!;
    const e = Math.max(expectedShare, PSI_SHARE_FLOOR);
    const a = Math.max(actualShare, PSI_SHARE_FLOOR);
    const lower = k === 0 ? null : edges[k - 1]!;
    const upper = k === edges.length ? null : edges[k]!;
    return { lower, upper, expectedShare, actualShare, contribution: (a - e) * Math.log(a / e) };
  });
  return { psi: result.reduce((sum, bin) => sum + bin.contribution, 0), bins: result };
}

/**
 * Upper edges so each bin holds about 1/bins of the sorted values; ties merge bins, and an edge
 * at the maximum is dropped because the bin above it would be empty by construction.
 */
function quantileEdges(values: Float64Array, bins: number): number[] {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  const max = sorted[n - 1]!;
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const edge = sorted[Math.ceil((k * n) / bins) - 1]!;
    if (edge < max && edge !== edges[edges.length - 1]) edges.push(edge);
  }
  return edges;
}

function shares(values: Float64Array, edges: readonly number[]): number[] {
  const counts = new Array<number>(edges.length + 1).fill(0);
  for (const value of values) counts[binOf(value, edges)]! += 1;
  return counts.map((count) => count / values.length);
}

/** Index of the first edge ≥ value (binary search), or the last bin. */
function binOf(value: number, edges: readonly number[]): number {
  let low = 0;
  let high = edges.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (edges[middle]! < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

interface RiskGroup {
  /** One distinct risk value (sign-adjusted so higher is riskier). */
  readonly risk: number;
  bads: number;
  goods: number;
}

/** Distinct risk values, riskiest first, with their counts of bads and goods. */
function sweep(
  riskScores: ArrayLike<number>,
  target: ArrayLike<0 | 1>,
  options: RankingOptions,
): { groups: RiskGroup[]; bads: number; goods: number } {
  const risk = readRisk(riskScores, target, options);
  const y = readTarget(target);
  const groups: RiskGroup[] = [];
  for (const row of sortedIndices(risk, -1)) {
    const value = risk[row]!;
    let group = groups[groups.length - 1];
    if (group?.risk !== value) {
      group = { risk: value, bads: 0, goods: 0 };
      groups.push(group);
    }
    if (y[row] === 1) group.bads += 1;
    else group.goods += 1;
  }
  const bads = groups.reduce((sum, group) => sum + group.bads, 0);
  const goods = y.length - bads;
  if (bads === 0 || goods === 0) {
    throw new RangeError('ranking metrics need at least one bad and one good');
  }
  return { groups, bads, goods };
}

function readRisk(
  scores: ArrayLike<number>,
  target: ArrayLike<0 | 1>,
  options: RankingOptions,
): Float64Array {
  const risk = readScores(scores, target.length, 'score');
  return options.higherIsSafer ? risk.map((value) => -value) : risk;
}

function readScores(values: ArrayLike<number>, n: number, name: string): Float64Array {
  if (values.length !== n)
    throw new RangeError(`${name} has ${values.length} values, expected ${n}`);
  const copy = Float64Array.from(values);
  const bad = copy.findIndex((value) => Number.isNaN(value));
  if (bad >= 0) throw new RangeError(`${name}[${bad}] is not a number`);
  return copy;
}

function readTarget(target: ArrayLike<0 | 1>): Uint8Array {
  const y = Uint8Array.from(target);
  const bad = y.findIndex((value, i) => value !== target[i] || value > 1);
  if (bad >= 0) throw new RangeError(`target[${bad}] is ${String(target[bad])}, not 0 or 1`);
  return y;
}

/** Row indices ordered by value (direction 1 ascending, −1 descending), ties by row. */
function sortedIndices(values: Float64Array, direction: 1 | -1): Uint32Array {
  const order = Uint32Array.from({ length: values.length }, (_, i) => i);
  return order.sort((a, b) => {
    const left = values[a]!;
    const right = values[b]!;
    if (left === right) return a - b;
    return left < right ? -direction : direction;
  });
}

const ratio = (numerator: number, denominator: number) =>
  denominator === 0 ? 0 : numerator / denominator;
