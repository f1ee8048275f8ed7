/**
 * Families over monthly categories: a measure per month, summarised over the last n months
 * (levels, peaks, trends, volatility, runs) or read back from the as-of month (recency,
 * continuity, the current level).
 */
import type { RecordCategory } from '../../ingest/categories.js';
import type { Computed, FeatureDefinition } from '../features.js';
import { byMonth, type Entry, type SubjectHistory } from '../history.js';
import { computed, feature, perWindow, type Declaration } from './declare.js';
import type { Measure } from './measures.js';

export interface MonthlyDeclaration extends Declaration {
  readonly measure: Measure;
}

export interface Point {
  readonly month: number;
  readonly value: number;
}

export interface Series {
  readonly points: readonly Point[];
  readonly from: readonly Entry[];
}

const MISSING = computed(null);

/**
 * The measure of each month from `first` to `last` that has a value; undefined when the
 * measure's field is never reported (missing, not zero).
 */
export function monthlySeries(
  history: SubjectHistory,
  category: RecordCategory,
  measure: Measure,
  first: number,
  last: number,
): Series | undefined {
  if (measure.field !== undefined && !history.reports(category, measure.field)) return undefined;
  const from = history.months(category, first, last);
  const groups = byMonth(from);
  const known = history.firstMonth(category) ?? Infinity;
  const points: Point[] = [];
  let next = 0;
  for (let month = first; month <= last; month++) {
    const group = groups[next];
    let value: number | null = null;
    if (group !== undefined && group[0]?.month === month) {
      value = measure.of(group);
      next += 1;
    } else if (month >= known && measure.absent !== undefined) {
      value = measure.absent;
    }
    if (value !== null) points.push({ month, value });
  }
  return { points, from };
}

/** The series of the last n months, or of the n months before those when `shift` is n. */
function windowSeries(history: SubjectHistory, d: MonthlyDeclaration, n: number, shift = 0) {
  const last = history.asOfMonth - 1 - shift;
  return monthlySeries(history, d.categories[0], d.measure, last - n + 1, last);
}

const sum = (points: readonly Point[]) => points.reduce((total, point) => total + point.value, 0);
const mean = (points: readonly Point[]) =>
  points.length === 0 ? null : sum(points) / points.length;

function summarise(
  windows: readonly number[],
  d: MonthlyDeclaration,
  summary: (points: readonly Point[]) => number | null,
): FeatureDefinition[] {
  return perWindow(windows, d, (history, n) => {
    const series = windowSeries(history, d, n);
    return series === undefined ? MISSING : computed(summary(series.points), series.from);
  });
}

/** The measure summed over the window; 0 when the window has no records. */
export const monthlyTotal = (windows: readonly number[], d: MonthlyDeclaration) =>
  summarise(windows, d, sum);

/** The mean month of the window; missing when no month has a value. */
export const monthlyAverage = (windows: readonly number[], d: MonthlyDeclaration) =>
  summarise(windows, d, mean);

/** The highest month of the window; missing when no month has a value. */
export const monthlyPeak = (windows: readonly number[], d: MonthlyDeclaration) =>
  summarise(windows, d, (points) =>
    points.length === 0 ? null : Math.max(...points.map((point) => point.value)),
  );

/**
 * Relative change of the mean month, last n months against the n before: −0.2 is a fall of
 * 20 %. Means rather than sums, so a month a provider skipped does not look like a fall.
 */
export const monthlyChange = (windows: readonly number[], d: MonthlyDeclaration) =>
  perWindow(windows, d, (history, n) => {
    const recent = windowSeries(history, d, n);
    const prior = windowSeries(history, d, n, n);
    if (recent === undefined || prior === undefined) return MISSING;
    const [now, before] = [mean(recent.points), mean(prior.points)];
    const value = now === null || before === null || before <= 0 ? null : now / before - 1;
    return computed(value, [...prior.from, ...recent.from]);
  });

const MIN_POINTS = 3;

/** Coefficient of variation of the months of the window (standard deviation / mean). */
export const monthlyVariation = (windows: readonly number[], d: MonthlyDeclaration) =>
  summarise(windows, d, (points) => {
    const average = mean(points);
    if (average === null || points.length < MIN_POINTS || average <= 0) return null;
    const variance =
      points.reduce((total, p) => total + (p.value - average) ** 2, 0) / points.length;
    return Math.sqrt(variance) / average;
  });

/** Least-squares slope per month over the window, relative to its mean: 0.02 is +2 % a month. */
export const monthlySlope = (windows: readonly number[], d: MonthlyDeclaration) =>
  summarise(windows, d, (points) => {
    const average = mean(points);
    if (average === null || points.length < MIN_POINTS || average <= 0) return null;
    const centre = points.reduce((total, p) => total + p.month, 0) / points.length;
    let covariance = 0;
    let spread = 0;
    for (const point of points) {
      covariance += (point.month - centre) * (point.value - average);
      spread += (point.month - centre) ** 2;
    }
    return covariance / spread / average;
  });

/** Lengths of the runs of consecutive months whose value passes `when`. */
export function runs(points: readonly Point[], when: (value: number) => boolean): number[] {
  const lengths: number[] = [];
  let previous = -Infinity;
  for (const point of points) {
    if (!when(point.value)) continue;
    const last = lengths.length - 1;
    if (point.month === previous + 1 && last >= 0) lengths[last] = (lengths[last] ?? 0) + 1;
    else lengths.push(1);
    previous = point.month;
  }
  return lengths;
}

/** How many runs (spells, gaps) the window holds. */
export const monthlyRunCount = (
  windows: readonly number[],
  d: MonthlyDeclaration,
  when: (value: number) => boolean,
) => summarise(windows, d, (points) => runs(points, when).length);

/** The longest run in the window; 0 when none. */
export const monthlyLongestRun = (
  windows: readonly number[],
  d: MonthlyDeclaration,
  when: (value: number) => boolean,
) => summarise(windows, d, (points) => Math.max(0, ...runs(points, when)));

/**
 * Months from the last month whose measure is positive to the last month over (0: that very
 * month), at most `cap`; `cap` when none in that time.
 */
export function monthsSince(d: MonthlyDeclaration, cap: number): FeatureDefinition {
  return feature(d, (history) => {
    const category = d.categories[0];
    if (d.measure.field !== undefined && !history.reports(category, d.measure.field)) {
      return MISSING;
    }
    const groups = byMonth(history.lastMonths(category, cap));
    for (let i = groups.length - 1; i >= 0; i--) {
      const group = groups[i] ?? [];
      const month = group[0]?.month ?? 0;
      if ((d.measure.of(group) ?? 0) > 0) return computed(history.asOfMonth - 1 - month, group);
    }
    return computed(cap, history.lastMonths(category, cap));
  });
}

/** The measure of the last month over (e.g. headcount now); `absent` when it has no records. */
export function lastMonth(d: MonthlyDeclaration): FeatureDefinition {
  return feature(d, (history) => {
    const month = history.asOfMonth - 1;
    const series = monthlySeries(history, d.categories[0], d.measure, month, month);
    if (series === undefined) return MISSING;
    return computed(series.points[0]?.value ?? null, series.from);
  });
}

/** Consecutive months, back from the last month over, whose measure is positive. */
export function streak(d: MonthlyDeclaration): FeatureDefinition {
  return feature(d, (history) => streakOf(history, d.categories[0], d.measure));
}

export function streakOf(
  history: SubjectHistory,
  category: RecordCategory,
  measure: Measure,
): Computed {
  if (measure.field !== undefined && !history.reports(category, measure.field)) return MISSING;
  const entries = history.all(category);
  let expected = history.asOfMonth - 1;
  let start = entries.length;
  let end = entries.length;
  while (end > 0) {
    const month = entries[end - 1]?.month;
    if (month !== expected) break;
    while (start > 0 && entries[start - 1]?.month === month) start -= 1;
    if ((measure.of(entries.slice(start, end)) ?? 0) <= 0) {
      start = end;
      break;
    }
    end = start;
    expected -= 1;
  }
  return computed(history.asOfMonth - 1 - expected, entries.slice(start));
}
