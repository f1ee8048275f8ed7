/**
 * Merging adjacent bins (ChiMerge, with an IV-loss variant), shared by numeric and
 * categorical binning. Bins arrive as an ordered list of cells; merging only ever joins
 * neighbours, so the order the caller chose (value order, or bad-rate order) survives.
 */
import type { BinningOptions } from './binning.js';
import { binWoe, type ClassCounts } from './woe.js';

/** The 95 % quantile of χ² with one degree of freedom, the classic ChiMerge threshold. */
export const CHI_SQUARE_95_DF1 = 3.841458820694124;

/**
 * Pearson's χ² of the 2×2 table of two bins' good and bad counts: the evidence that their
 * bad rates differ. A table with an empty row or column carries no such evidence, so it
 * scores 0 (merge it first) instead of dividing by zero.
 */
export function chiSquare(a: ClassCounts, b: ClassCounts): number {
  const rowA = a.good + a.bad;
  const rowB = b.good + b.bad;
  const good = a.good + b.good;
  const bad = a.bad + b.bad;
  const denominator = rowA * rowB * good * bad;
  if (denominator === 0) return 0;
  const cross = a.good * b.bad - a.bad * b.good;
  return ((rowA + rowB) * cross * cross) / denominator;
}

/** A run of input cells [start, end) merged into one bin. */
export interface Segment extends ClassCounts {
  readonly start: number;
  readonly end: number;
}

export interface MergeRules {
  readonly maxBins: number;
  /** Bins with fewer rows than this are merged into a neighbour first. */
  readonly minCount: number;
  readonly method: 'chi2' | 'iv';
  /** chi2 mode only: keep merging while some adjacent pair scores below it. */
  readonly threshold: number | undefined;
  /** Sample totals, for the IV-loss criterion. */
  readonly totalGood: number;
  readonly totalBad: number;
}

export interface ResolvedOptions {
  readonly maxPrebins: number;
  readonly maxBins: number;
  readonly minBinShare: number;
  readonly method: 'chi2' | 'iv';
  readonly monotonic: 'auto' | 'ascending' | 'descending' | 'none';
  readonly specialValues: readonly number[];
  readonly chiSquareThreshold: number | undefined;
}

/** Fills in the documented defaults; a nonsensical option is a programming error. */
export function resolveOptions(options: BinningOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    maxPrebins: options.maxPrebins ?? 20,
    maxBins: options.maxBins ?? 6,
    minBinShare: options.minBinShare ?? 0.05,
    method: options.method ?? 'chi2',
    monotonic: options.monotonic ?? 'auto',
    specialValues: [...new Set(options.specialValues ?? [])],
    chiSquareThreshold: options.chiSquareThreshold,
  };
  if (!Number.isInteger(resolved.maxPrebins) || resolved.maxPrebins < 1) {
    throw new RangeError(`maxPrebins must be a positive integer, got ${resolved.maxPrebins}`);
  }
  if (!Number.isInteger(resolved.maxBins) || resolved.maxBins < 1) {
    throw new RangeError(`maxBins must be a positive integer, got ${resolved.maxBins}`);
  }
  if (!(resolved.minBinShare >= 0 && resolved.minBinShare < 1)) {
    throw new RangeError(`minBinShare must be in [0, 1), got ${resolved.minBinShare}`);
  }
  const threshold = resolved.chiSquareThreshold;
  if (threshold !== undefined && !(threshold >= 0 && Number.isFinite(threshold))) {
    throw new RangeError(`chiSquareThreshold must be a finite number ≥ 0, got ${threshold}`);
  }
  if (resolved.specialValues.some((value) => Number.isNaN(value))) {
    throw new RangeError('specialValues cannot hold NaN: NaN is always missing');
  }
  return resolved;
}

export function joinSegments(a: Segment, b: Segment): Segment {
  return { start: a.start, end: b.end, good: a.good + b.good, bad: a.bad + b.bad };
}

/**
 * Merges adjacent cells in two passes. First every pure bin (no goods or no bads) and every
 * bin below `minCount` is joined, smallest first, to the neighbour with the lower χ² (the
 * more similar bad rate). Then the adjacent pair with the lowest score (χ², or the IV lost by
 * joining them) is merged until at most `maxBins` remain and, in chi2 mode with a threshold,
 * every pair's χ² reaches it.
 */
export function mergeAdjacent(cells: readonly ClassCounts[], rules: MergeRules): Segment[] {
  const segments = cells.map((c, i) => ({ start: i, end: i + 1, good: c.good, bad: c.bad }));
  mergeOffenders(segments, rules.minCount);
  mergeToLimit(segments, rules);
  return segments;
}

function mergeOffenders(segments: Segment[], minCount: number): void {
  while (segments.length > 1) {
    const offender = smallestOffender(segments, minCount);
    if (offender < 0) return;
    const left = segments[offender - 1];
    const self = segments[offender]!;
    const right = segments[offender + 1];
    // The pair to join starts at the left neighbour or at the offender itself.
    const pair = !right || (left && closerToLeft(left, self, right)) ? offender - 1 : offender;
    joinAt(segments, pair);
  }
}

function smallestOffender(segments: readonly Segment[], minCount: number): number {
  let found = -1;
  let foundCount = Infinity;
  segments.forEach((s, i) => {
    const count = s.good + s.bad;
    if ((s.good === 0 || s.bad === 0 || count < minCount) && count < foundCount) {
      found = i;
      foundCount = count;
    }
  });
  return found;
}

/** Ties go to the smaller neighbour, so one bin does not swallow the rest. */
function closerToLeft(left: Segment, self: Segment, right: Segment): boolean {
  const toLeft = chiSquare(left, self);
  const toRight = chiSquare(self, right);
  if (toLeft !== toRight) return toLeft < toRight;
  return left.good + left.bad <= right.good + right.bad;
}

function mergeToLimit(segments: Segment[], rules: MergeRules): void {
  const score = pairScore(rules);
  const scores = segments.slice(1).map((s, i) => score(segments[i]!, s));
  while (segments.length > 1) {
    const lowest = indexOfMin(scores);
    const belowThreshold =
      rules.method === 'chi2' && rules.threshold !== undefined && scores[lowest]! < rules.threshold;
    if (segments.length <= rules.maxBins && !belowThreshold) return;
    joinAt(segments, lowest);
    scores.splice(lowest, 1);
    // Only the two pairs touching the new bin changed.
    if (lowest > 0) scores[lowest - 1] = score(segments[lowest - 1]!, segments[lowest]!);
    if (lowest < scores.length) scores[lowest] = score(segments[lowest]!, segments[lowest + 1]!);
  }
}

function pairScore(rules: MergeRules): (a: Segment, b: Segment) => number {
  if (rules.method === 'chi2') return chiSquare;
  const iv = (s: ClassCounts) => binWoe(s.good, s.bad, rules.totalGood, rules.totalBad).iv;
  return (a, b) => iv(a) + iv(b) - iv(joinSegments(a, b));
}

/** Joins segments[index] and segments[index + 1] in place. */
function joinAt(segments: Segment[], index: number): void {
  segments.splice(index, 2, joinSegments(segments[index]!, segments[index + 1]!));
}

/** First index of the smallest value, so ties merge from the left, deterministically. */
function indexOfMin(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! < values[best]!) best = i;
  return best;
}
