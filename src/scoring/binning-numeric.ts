import type { Bin, BinningOptions, BinStats, FeatureBinning, Trend } from './binning.js';
import { joinSegments, mergeAdjacent, resolveOptions, type Segment } from './chi-square.js';
import {
  assertSameLength,
  binStats,
  binWoe,
  isBad,
  sumIv,
  type ClassCounts,
  type SampleTotals,
} from './woe.js';

/**
 * Bins a numeric feature: missing values (null, NaN) and each special value present get their
 * own bin; the rest are pre-binned by equal frequency (never splitting equal values), merged
 * by χ² or IV loss (see `mergeAdjacent`), then made monotone in bad rate. Cut points are
 * training values, so a value equal to a cut point falls in the upper bin: [lower, upper).
 *
 * @example
 * const binning = binNumeric('months_in_business', months, defaulted, { specialValues: [-1] });
 * binning.bins.map((s) => describeBin(s.bin, 'en')); // ['< 12', '[12, 36)', '≥ 36', 'special -1']
 */
export function binNumeric(
  feature: string,
  values: ArrayLike<number | null>,
  target: ArrayLike<0 | 1>,
  options: BinningOptions = {},
): FeatureBinning {
  assertSameLength(values, target);
  const settings = resolveOptions(options);
  const rows = splitRows(values, target, settings.specialValues);
  const totals = sampleTotals(rows, values.length);
  const runs = distinctRuns(rows.goodValues, rows.badValues);
  const prebins = quantilePrebins(runs, settings.maxPrebins);
  const merged = mergeAdjacent(prebins.cells, {
    maxBins: settings.maxBins,
    minCount: settings.minBinShare * runs.rows,
    method: settings.method,
    threshold: settings.chiSquareThreshold,
    totalGood: totals.good,
    totalBad: totals.bad,
  });
  const segments = makeMonotone(merged, settings.monotonic, totals);
  const cut = (prebin: number) => runs.values[prebins.firstRun[prebin]!]!;
  const ranges = segments.map((s) => {
    const lower = s.start === 0 ? null : cut(s.start);
    const upper = s.end === prebins.cells.length ? null : cut(s.end);
    return binStats({ kind: 'range', lower, upper }, s.good, s.bad, totals);
  });
  const bins = [...ranges, ...apartBins(rows, settings.specialValues, totals)];
  return {
    feature,
    kind: 'numeric',
    bins,
    iv: sumIv(bins),
    trend: trendOf(ranges),
    specialValues: settings.specialValues,
  };
}

interface SplitRows {
  /** Sorted values of the good rows that are neither missing nor special. */
  readonly goodValues: Float64Array;
  readonly badValues: Float64Array;
  readonly missing: ClassCounts;
  /** Per special value, in the order of the options. */
  readonly special: readonly ClassCounts[];
}

/**
 * Sorting good and bad values apart keeps each row's class without sorting an index array
 * through a comparator: the native typed-array sort is several times faster.
 */
function splitRows(
  values: ArrayLike<number | null>,
  target: ArrayLike<0 | 1>,
  specialValues: readonly number[],
): SplitRows {
  const n = values.length;
  // Goods fill the buffer from the front, bads from the back.
  const buffer = new Float64Array(n);
  let goods = 0;
  let bads = 0;
  // Good and bad counts of the rows binned apart: slot 0 missing, slot k the k-th special.
  const apart = new Uint32Array(2 * (specialValues.length + 1));
  const specialSlot = new Map(specialValues.map((value, i) => [value, i + 1]));
  for (let i = 0; i < n; i++) {
    const bad = isBad(target, i);
    const value = values[i];
    const slot =
      value === null || value === undefined || Number.isNaN(value) ? 0 : specialSlot.get(value);
    if (slot !== undefined) apart[2 * slot + (bad ? 1 : 0)]! += 1;
    else if (bad) buffer[n - 1 - bads++] = value!;
    else buffer[goods++] = value!;
  }
  const counts = (slot: number) => ({ good: apart[2 * slot]!, bad: apart[2 * slot + 1]! });
  return {
    goodValues: buffer.subarray(0, goods).sort(),
    badValues: buffer.subarray(n - bads).sort(),
    missing: counts(0),
    special: specialValues.map((_, i) => counts(i + 1)),
  };
}

function sampleTotals(rows: SplitRows, n: number): SampleTotals {
  let bad = rows.badValues.length + rows.missing.bad;
  for (const s of rows.special) bad += s.bad;
  return { rows: n, good: n - bad, bad };
}

interface Runs {
  /** Distinct values, ascending, with the good and bad rows holding each. */
  readonly values: Float64Array;
  readonly good: Uint32Array;
  readonly bad: Uint32Array;
  readonly rows: number;
}

function distinctRuns(goods: Float64Array, bads: Float64Array): Runs {
  const capacity = goods.length + bads.length;
  const values = new Float64Array(capacity);
  const good = new Uint32Array(capacity);
  const bad = new Uint32Array(capacity);
  let i = 0;
  let j = 0;
  let r = 0;
  while (i < goods.length || j < bads.length) {
    const takeGood = j === bads.length || (i < goods.length && goods[i]! <= bads[j]!);
    const value = takeGood ? goods[i]! : bads[j]!;
    const goodStart = i;
    const badStart = j;
    while (i < goods.length && goods[i] === value) i++;
    while (j < bads.length && bads[j] === value) j++;
    values[r] = value;
    good[r] = i - goodStart;
    bad[r] = j - badStart;
    r++;
  }
  return {
    values: values.subarray(0, r),
    good: good.subarray(0, r),
    bad: bad.subarray(0, r),
    rows: capacity,
  };
}

interface Prebins {
  readonly cells: readonly ClassCounts[];
  /** Index into the runs of each pre-bin's smallest value: its cut point. */
  readonly firstRun: readonly number[];
}

/**
 * Equal-frequency pre-bins: a pre-bin closes after the run that reaches the next k/maxPrebins
 * quantile, so a long run of one value is never split and may skip quantiles.
 */
function quantilePrebins(runs: Runs, maxPrebins: number): Prebins {
  const cells: ClassCounts[] = [];
  const firstRun: number[] = [];
  let next = 1;
  let seen = 0;
  let start = 0;
  let good = 0;
  let bad = 0;
  for (let r = 0; r < runs.values.length; r++) {
    good += runs.good[r]!;
    bad += runs.bad[r]!;
    seen += runs.good[r]! + runs.bad[r]!;
    // Integer comparison of seen / rows ≥ next / maxPrebins, free of rounding.
    if (seen * maxPrebins >= next * runs.rows) {
      cells.push({ good, bad });
      firstRun.push(start);
      start = r + 1;
      good = 0;
      bad = 0;
      next = Math.floor((seen * maxPrebins) / runs.rows) + 1;
    }
  }
  return { cells, firstRun };
}

type Direction = 'ascending' | 'descending';

function makeMonotone(
  segments: Segment[],
  monotonic: 'auto' | Direction | 'none',
  totals: SampleTotals,
): Segment[] {
  switch (monotonic) {
    case 'none':
      return segments;
    case 'ascending':
    case 'descending':
      return poolViolators(segments, monotonic);
    case 'auto': {
      // Merging never adds information, so the direction the data already follows loses
      // the least IV; ties (e.g. a single bin) go to ascending.
      const ascending = poolViolators(segments, 'ascending');
      const descending = poolViolators(segments, 'descending');
      return segmentsIv(descending, totals) > segmentsIv(ascending, totals)
        ? descending
        : ascending;
    }
  }
}

/**
 * Pool adjacent violators: each bin joins the block before it while their bad rates break
 * the direction, which yields the isotonic (least-squares monotone) fit of the bad rates.
 * Equal bad rates are not a violation.
 */
function poolViolators(segments: readonly Segment[], direction: Direction): Segment[] {
  const pooled: Segment[] = [];
  for (const segment of segments) {
    let current = segment;
    for (
      let last = pooled.at(-1);
      last && violates(last, current, direction);
      last = pooled.at(-1)
    ) {
      pooled.pop();
      current = joinSegments(last, current);
    }
    pooled.push(current);
  }
  return pooled;
}

function violates(left: ClassCounts, right: ClassCounts, direction: Direction): boolean {
  // Bad rates compared cross-multiplied: exact for counts, no division.
  const leftRate = left.bad * (right.good + right.bad);
  const rightRate = right.bad * (left.good + left.bad);
  return direction === 'ascending' ? leftRate > rightRate : leftRate < rightRate;
}

function segmentsIv(segments: readonly Segment[], totals: SampleTotals): number {
  return segments.reduce((sum, s) => sum + binWoe(s.good, s.bad, totals.good, totals.bad).iv, 0);
}

function apartBins(rows: SplitRows, specialValues: readonly number[], totals: SampleTotals) {
  const bins: BinStats[] = [];
  const add = (bin: Bin, c: ClassCounts) => {
    if (c.good + c.bad > 0) bins.push(binStats(bin, c.good, c.bad, totals));
  };
  specialValues.forEach((value, i) => add({ kind: 'special', value }, rows.special[i]!));
  add({ kind: 'missing' }, rows.missing);
  return bins;
}

function trendOf(ranges: readonly BinStats[]): Trend {
  let up = false;
  let down = false;
  for (let i = 1; i < ranges.length; i++) {
    const step = ranges[i]!.badRate - ranges[i - 1]!.badRate;
    if (step > 0) up = true;
    else if (step < 0) down = true;
  }
  if (up === down) return 'none';
  return up ? 'ascending' : 'descending';
}
