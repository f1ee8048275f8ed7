import type { Bin, BinStats } from './binning.js';

/**
 * Added to both counts of a bin that has goods but no bads (or bads but no goods). Without it
 * such a bin's WOE is ±∞ and one rare, pure bin would dominate a scorecard; half an
 * observation is the usual continuity correction.
 */
export const WOE_SMOOTHING = 0.5;

export interface WoeIv {
  readonly woe: number;
  readonly iv: number;
}

export interface ClassCounts {
  readonly good: number;
  readonly bad: number;
}

/**
 * WOE and IV contribution of one bin against the sample totals:
 * WOE = ln((good / totalGood) / (bad / totalBad)), IV = (good / totalGood − bad / totalBad) · WOE.
 *
 * A bin with a zero count is smoothed by {@link WOE_SMOOTHING} in both the WOE and the share
 * difference, so its IV term keeps the sign of its WOE (never negative); the totals stay the
 * raw totals. An empty bin and a sample with a single class carry no evidence, so they get 0.
 */
export function binWoe(good: number, bad: number, totalGood: number, totalBad: number): WoeIv {
  if (totalGood === 0 || totalBad === 0 || good + bad === 0) return { woe: 0, iv: 0 };
  const smoothing = good === 0 || bad === 0 ? WOE_SMOOTHING : 0;
  const goodShare = (good + smoothing) / totalGood;
  const badShare = (bad + smoothing) / totalBad;
  const woe = Math.log(goodShare / badShare);
  return { woe, iv: (goodShare - badShare) * woe };
}

/**
 * WOE and IV of every bin of a table, against the table's own totals.
 *
 * @example
 * woeTable([{ good: 100, bad: 10 }, { good: 300, bad: 90 }]);
 * // → [{ woe: ln(0.25 / 0.1), iv: 0.15 · ln 2.5 }, { woe: ln(0.75 / 0.9), iv: … }]
 */
export function woeTable(counts: readonly ClassCounts[]): WoeIv[] {
  const totals = sumCounts(counts);
  return counts.map((c) => binWoe(c.good, c.bad, totals.good, totals.bad));
}

/** Information value of a whole table: the sum of its bins' IV terms. */
export function totalIv(counts: readonly ClassCounts[]): number {
  return woeTable(counts).reduce((sum, row) => sum + row.iv, 0);
}

/** Reads the target convention: 1 = bad (default), 0 = good; anything else is a bug upstream. */
export function isBad(target: ArrayLike<0 | 1>, row: number): boolean {
  const value = target[row];
  if (value === 1) return true;
  if (value === 0) return false;
  throw new RangeError(`target[${row}] must be 0 or 1, got ${String(value)}`);
}

export function assertSameLength(values: ArrayLike<unknown>, target: ArrayLike<0 | 1>): void {
  if (values.length !== target.length) {
    throw new RangeError(`${values.length} values but ${target.length} targets`);
  }
}

export interface SampleTotals {
  readonly rows: number;
  readonly good: number;
  readonly bad: number;
}

/**
 * The statistics of one bin. An empty bin (only the `other` bin of a categorical feature)
 * reports the sample's bad rate, which matches its WOE of 0.
 */
export function binStats(bin: Bin, good: number, bad: number, totals: SampleTotals): BinStats {
  const count = good + bad;
  const { woe, iv } = binWoe(good, bad, totals.good, totals.bad);
  const share = totals.rows === 0 ? 0 : count / totals.rows;
  const sampleBadRate = totals.rows === 0 ? 0 : totals.bad / totals.rows;
  return {
    bin,
    count,
    good,
    bad,
    share,
    badRate: count === 0 ? sampleBadRate : bad / count,
    woe,
    iv,
  };
}

export function sumIv(bins: readonly BinStats[]): number {
  return bins.reduce((sum, bin) => sum + bin.iv, 0);
}

function sumCounts(counts: readonly ClassCounts[]): ClassCounts {
  let good = 0;
  let bad = 0;
  for (const c of counts) {
    good += c.good;
    bad += c.bad;
  }
  return { good, bad };
}
