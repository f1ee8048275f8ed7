import type { BinningOptions, BinStats, FeatureBinning } from './binning.js';
import { mergeAdjacent, resolveOptions } from './chi-square.js';
import { assertSameLength, binStats, isBad, sumIv, type SampleTotals } from './woe.js';

/**
 * Bins a categorical feature. Categories are ordered by bad rate; rare ones (below
 * minBinShare of the non-missing rows) are first pooled with the rare categories of the most
 * similar bad rate; then neighbours merge by χ² or IV loss down to maxBins. Missing (null)
 * gets its own bin when present, and an empty `other` bin (WOE 0) catches categories unseen
 * in training. The empty string is a category, not missing. `maxPrebins` and `monotonic` do
 * not apply: bins in bad-rate order are monotone by construction.
 *
 * @example
 * const binning = binCategorical('industry', industries, defaulted);
 * woeOf(binning, '制造业'); // the WOE of the bin holding 制造业
 */
export function binCategorical(
  feature: string,
  values: ArrayLike<string | null>,
  target: ArrayLike<0 | 1>,
  options: BinningOptions = {},
): FeatureBinning {
  assertSameLength(values, target);
  const settings = resolveOptions(options);
  const tally = countCategories(values, target);
  const totals = sampleTotals(tally, values.length);
  const minCount = settings.minBinShare * (values.length - tally.missingGood - tally.missingBad);
  const groups = sortByBadRate(poolRare(sortByBadRate(singletons(tally)), minCount));
  const segments = mergeAdjacent(groups, {
    maxBins: settings.maxBins,
    minCount,
    method: settings.method,
    threshold: settings.chiSquareThreshold,
    totalGood: totals.good,
    totalBad: totals.bad,
  });
  const bins: BinStats[] = segments.map((s) => {
    const categories = groups.slice(s.start, s.end).flatMap((g) => g.members);
    const names = categories.map((c) => tally.categories[c]!);
    return binStats({ kind: 'categories', categories: names }, s.good, s.bad, totals);
  });
  if (tally.missingGood + tally.missingBad > 0) {
    bins.push(binStats({ kind: 'missing' }, tally.missingGood, tally.missingBad, totals));
  }
  bins.push(binStats({ kind: 'other' }, 0, 0, totals));
  return { feature, kind: 'categorical', bins, iv: sumIv(bins), trend: 'none' };
}

interface Tally {
  readonly categories: readonly string[];
  readonly good: readonly number[];
  readonly bad: readonly number[];
  readonly missingGood: number;
  readonly missingBad: number;
}

function countCategories(values: ArrayLike<string | null>, target: ArrayLike<0 | 1>): Tally {
  const index = new Map<string, number>();
  const categories: string[] = [];
  const good: number[] = [];
  const bad: number[] = [];
  let missingGood = 0;
  let missingBad = 0;
  for (let i = 0; i < values.length; i++) {
    const isBadRow = isBad(target, i);
    const value = values[i];
    if (value === null || value === undefined) {
      if (isBadRow) missingBad++;
      else missingGood++;
      continue;
    }
    let c = index.get(value);
    if (c === undefined) {
      c = categories.push(value) - 1;
      index.set(value, c);
      good.push(0);
      bad.push(0);
    }
    if (isBadRow) bad[c]!++;
    else good[c]!++;
  }
  return { categories, good, bad, missingGood, missingBad };
}

function sampleTotals(tally: Tally, rows: number): SampleTotals {
  const bad = tally.bad.reduce((sum, b) => sum + b, tally.missingBad);
  return { rows, good: rows - bad, bad };
}

interface Group {
  /** Indices into the tally's categories. */
  readonly members: readonly number[];
  /** The first member's name, to break ties independently of row order. */
  readonly name: string;
  readonly good: number;
  readonly bad: number;
}

function singletons(tally: Tally): Group[] {
  return tally.categories.map((name, c) => ({
    members: [c],
    name,
    good: tally.good[c]!,
    bad: tally.bad[c]!,
  }));
}

/** Ties: larger groups first, then by name, so row order never changes the result. */
function sortByBadRate(groups: Group[]): Group[] {
  return groups.sort((a, b) => {
    const byRate = a.bad * (b.good + b.bad) - b.bad * (a.good + a.bad);
    const bySize = b.good + b.bad - (a.good + a.bad);
    return byRate || bySize || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  });
}

/**
 * Rare categories, in bad-rate order, are pooled with their rare neighbours until each pool
 * reaches minCount; a short last pool joins the one before it. Frequent categories stay
 * alone. A pool still below minCount (all rare rows together are few) is left to the merge,
 * which joins it to its most similar neighbour.
 */
function poolRare(sorted: readonly Group[], minCount: number): Group[] {
  const frequent = sorted.filter((g) => g.good + g.bad >= minCount);
  const pools: PoolInProgress[] = [];
  let open: PoolInProgress | undefined;
  for (const g of sorted) {
    if (g.good + g.bad >= minCount) continue;
    open ??= { members: [], name: g.name, good: 0, bad: 0 };
    open.members.push(...g.members);
    open.good += g.good;
    open.bad += g.bad;
    if (open.good + open.bad >= minCount) {
      pools.push(open);
      open = undefined;
    }
  }
  const last = pools.at(-1);
  if (open && last) {
    last.members.push(...open.members);
    last.good += open.good;
    last.bad += open.bad;
  } else if (open) {
    pools.push(open);
  }
  return [...frequent, ...pools];
}

/** Built in place: pooling thousands of rare categories must not copy member lists. */
interface PoolInProgress {
  members: number[];
  name: string;
  good: number;
  bad: number;
}
