/**
 * Families over dated records (court filings, decisions, awards, titles) and over the latest
 * record of any category.
 */
import { wholeMonthsBetween } from '../calendar.js';
import { amount } from '../content.js';
import type { FeatureDefinition, FeatureScalar } from '../features.js';
import type { Entry, SubjectHistory } from '../history.js';
import { computed, feature, perWindow, type Declaration } from './declare.js';

export type Test = (entry: Entry) => boolean;

const always: Test = () => true;

function hitsWithin(history: SubjectHistory, d: Declaration, n: number, test: Test) {
  return history.within(d.categories[0], n).filter(test);
}

/** How many records pass `test` in the last n months. */
export const datedCount = (windows: readonly number[], d: Declaration, test: Test = always) =>
  perWindow(windows, d, (history, n) => {
    const hits = hitsWithin(history, d, n, test);
    return computed(hits.length, hits);
  });

/** The sum of a money field over the records passing `test` in the last n months. */
export const datedTotal = (
  windows: readonly number[],
  d: Declaration,
  field: string,
  test: Test = always,
) =>
  perWindow(windows, d, (history, n) => {
    if (!history.reports(d.categories[0], field)) return computed(null);
    const hits = hitsWithin(history, d, n, test);
    return computed(
      hits.reduce((sum, entry) => sum + (amount(entry.content, field) ?? 0), 0),
      hits,
    );
  });

/** How many records pass `test`, at any time up to the as-of date. */
export function everCount(d: Declaration, test: Test = always): FeatureDefinition {
  return feature(d, (history) => {
    const hits = history.all(d.categories[0]).filter(test);
    return computed(hits.length, hits);
  });
}

/** Whole months since the latest record passing `test`, at most `cap`; `cap` when none. */
export function datedSince(d: Declaration, cap: number, test: Test = always): FeatureDefinition {
  return feature(d, (history) => {
    const last = history.latest(d.categories[0], test);
    if (last === undefined) return computed(cap);
    return computed(Math.min(cap, wholeMonthsBetween(last.at, history.asOf)), [last]);
  });
}

/** A value read from the most recent record that has one. */
export function latestOf(
  d: Declaration,
  read: (entry: Entry, history: SubjectHistory) => FeatureScalar,
): FeatureDefinition {
  return feature(d, (history) => {
    const entries = history.all(d.categories[0]);
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      const value = entry === undefined ? null : read(entry, history);
      if (entry !== undefined && value !== null) return computed(value, [entry]);
    }
    return computed(null);
  });
}

/** A summary of every record of the category as of the date (holdings, totals). */
export function overAll(
  d: Declaration,
  summary: (entries: readonly Entry[], history: SubjectHistory) => FeatureScalar,
): FeatureDefinition {
  return feature(d, (history) => {
    const entries = history.all(d.categories[0]);
    return computed(summary(entries, history), entries);
  });
}
