/**
 * Binning and weight of evidence for the credit scorecard: the public entry of the binning
 * modules. Target 1 = bad (default); positive WOE = less risky than average.
 */
export { binNumeric } from './binning-numeric.js';
export { binCategorical } from './binning-categorical.js';
export { CHI_SQUARE_95_DF1 } from './chi-square.js';
export { WOE_SMOOTHING, totalIv, woeTable } from './woe.js';

export type Bin =
  /** lower inclusive, upper exclusive; null = −∞ / +∞. Cut points are training values. */
  | { readonly kind: 'range'; readonly lower: number | null; readonly upper: number | null }
  | { readonly kind: 'categories'; readonly categories: readonly string[] }
  | { readonly kind: 'missing' }
  | { readonly kind: 'special'; readonly value: number }
  /** Categories unseen in training: always present in a categorical binning, empty, WOE 0. */
  | { readonly kind: 'other' };

export interface BinStats {
  readonly bin: Bin;
  readonly count: number;
  readonly good: number;
  readonly bad: number;
  /** Of all rows, missing and special included. */
  readonly share: number;
  readonly badRate: number;
  readonly woe: number;
  readonly iv: number;
}

/** Of the bad rate as the value grows; categorical features have no order, so 'none'. */
export type Trend = 'ascending' | 'descending' | 'none';

export interface FeatureBinning {
  readonly feature: string;
  readonly kind: 'numeric' | 'categorical';
  /** Numeric: ranges in value order, then special values, then missing. */
  readonly bins: readonly BinStats[];
  readonly iv: number;
  readonly trend: Trend;
  /**
   * Numeric only: every special value the binning was asked for, also those absent from the
   * training data (which have no bin), so scoring never reads them as ordinary numbers.
   */
  readonly specialValues?: readonly number[];
}

export interface BinningOptions {
  /** Default 20: equal-frequency pre-bins, cut only between distinct values. */
  readonly maxPrebins?: number;
  /** Default 6, not counting missing, special and other bins. */
  readonly maxBins?: number;
  /** Default 0.05 of the rows that are neither missing nor special. */
  readonly minBinShare?: number;
  /** Merging criterion, default 'chi2'. */
  readonly method?: 'chi2' | 'iv';
  /** Numeric only; default 'auto': the direction whose monotone merge keeps more IV. */
  readonly monotonic?: 'auto' | 'ascending' | 'descending' | 'none';
  /** Numeric codes (e.g. −1 = not applicable) binned apart, each in its own bin. */
  readonly specialValues?: readonly number[];
  /** chi2 mode only; default none (only maxBins stops merging). E.g. CHI_SQUARE_95_DF1. */
  readonly chiSquareThreshold?: number;
}

/**
 * The index in `binning.bins` of the bin a value scores in.
 *
 * - null and NaN go to the missing bin; without one (no missing values in training) they go
 *   to the neutral bin: the range, categories or other bin whose WOE is closest to 0 (first
 *   on ties). A declared special value without a bin goes there too.
 * - An unseen category goes to the `other` bin.
 * - A binning without bins answers -1.
 *
 * @example
 * const binning = binNumeric('age', ages, defaults);
 * binning.bins[binIndex(binning, 37)]?.bin; // { kind: 'range', lower: 30, upper: 40 }
 */
export function binIndex(binning: FeatureBinning, value: number | string | null): number {
  if (value === null || (typeof value === 'number' && Number.isNaN(value))) {
    const missing = binning.bins.findIndex((s) => s.bin.kind === 'missing');
    return missing >= 0 ? missing : neutralIndex(binning);
  }
  if (binning.kind === 'numeric') {
    if (typeof value !== 'number') throw new TypeError(`${binning.feature} is numeric`);
    return numericIndex(binning, value);
  }
  if (typeof value !== 'string') throw new TypeError(`${binning.feature} is categorical`);
  return categoryIndex(binning, value);
}

/** The WOE a value scores; 0 for a binning without bins. */
export function woeOf(binning: FeatureBinning, value: number | string | null): number {
  return binning.bins[binIndex(binning, value)]?.woe ?? 0;
}

/**
 * A bin as reports show it: "[12, 24)", "< 12", "≥ 24", "A, B" (Chinese lists use "、"),
 * "missing" / "缺失".
 */
export function describeBin(bin: Bin, locale: 'zh-CN' | 'en'): string {
  const zh = locale === 'zh-CN';
  switch (bin.kind) {
    case 'range': {
      const { lower, upper } = bin;
      if (lower === null) return upper === null ? (zh ? '全部' : 'all') : `< ${upper}`;
      return upper === null ? `≥ ${lower}` : `[${lower}, ${upper})`;
    }
    case 'categories':
      return bin.categories.join(zh ? '、' : ', ');
    case 'missing':
      return zh ? '缺失' : 'missing';
    case 'special':
      return zh ? `特殊值 ${bin.value}` : `special ${bin.value}`;
    case 'other':
      return zh ? '其他' : 'other';
  }
}

function numericIndex(binning: FeatureBinning, value: number): number {
  const special = binning.bins.findIndex((s) => s.bin.kind === 'special' && s.bin.value === value);
  if (special >= 0) return special;
  if (binning.specialValues?.includes(value)) return neutralIndex(binning);
  const range = binning.bins.findIndex(
    ({ bin }) =>
      bin.kind === 'range' &&
      (bin.lower === null || value >= bin.lower) &&
      (bin.upper === null || value < bin.upper),
  );
  return range >= 0 ? range : neutralIndex(binning);
}

// Scoring calls this once per row and feature, and a bin may hold hundreds of categories;
// the lookup is built once per binning (bins are immutable) and dies with it.
const categoryLookups = new WeakMap<FeatureBinning, ReadonlyMap<string, number>>();

function categoryIndex(binning: FeatureBinning, value: string): number {
  let lookup = categoryLookups.get(binning);
  if (!lookup) {
    const map = new Map<string, number>();
    binning.bins.forEach(({ bin }, i) => {
      if (bin.kind === 'categories') for (const category of bin.categories) map.set(category, i);
    });
    categoryLookups.set(binning, map);
    lookup = map;
  }
  const found = lookup.get(value);
  if (found !== undefined) return found;
  const other = binning.bins.findIndex((s) => s.bin.kind === 'other');
  return other >= 0 ? other : neutralIndex(binning);
}

/** A special value means something specific, so it is never the neutral bin. */
function neutralIndex(binning: FeatureBinning): number {
  let best = -1;
  binning.bins.forEach((s, i) => {
    if (s.bin.kind === 'special' || s.bin.kind === 'missing') return;
    if (best < 0 || Math.abs(s.woe) < Math.abs(binning.bins[best]!.woe)) best = i;
  });
  return best;
}
