/**
 * Measures: what one month of a monthly category says, as a number. Families turn a measure
 * into levels, trends, volatility and recency over windows.
 */
import { amount, text } from '../content.js';
import type { Entry } from '../history.js';

export interface Measure {
  /** The month's value from its records (at least one), or null when they tell nothing. */
  readonly of: (month: readonly Entry[]) => number | null;
  /** The optional field it reads: a provider that never reports it leaves the feature missing. */
  readonly field?: string;
  /**
   * The value of a month without records after the subject's first record of the category,
   * for flows that stop (no filing, no staff): 0. Undefined: such months are unknown.
   */
  readonly absent?: number;
}

/** The sum of money or count fields over the month's records (the first decides coverage). */
export function sumOf(field: string, ...more: string[]): Measure {
  const fields = [field, ...more];
  return {
    field,
    absent: 0,
    of: (month) => {
      let sum = 0;
      let seen = false;
      for (const entry of month) {
        for (const name of fields) {
          const value = amount(entry.content, name);
          if (value !== null) {
            sum += value;
            seen = true;
          }
        }
      }
      return seen ? sum : null;
    },
  };
}

/** The mean of a field over the month's records that carry it. */
export const meanOf = (field: string, test?: (entry: Entry) => boolean): Measure => ({
  field,
  of: (month) => {
    let sum = 0;
    let n = 0;
    for (const entry of month) {
      const value = test === undefined || test(entry) ? amount(entry.content, field) : null;
      if (value !== null) {
        sum += value;
        n += 1;
      }
    }
    return n > 0 ? sum / n : null;
  },
});

/**
 * The largest value of a field in the month; `fallback` reads records without it, and then
 * the field need not be reported at all (an on-time bill is 0 days overdue).
 */
export const maxOf = (field: string, fallback?: (entry: Entry) => number | null): Measure => ({
  ...(fallback === undefined ? { field } : {}),
  of: (month) => {
    let max: number | null = null;
    for (const entry of month) {
      const value = amount(entry.content, field) ?? fallback?.(entry) ?? null;
      if (value !== null && (max === null || value > max)) max = value;
    }
    return max;
  },
});

/** How many different values of a field the month's accepted records carry (e.g. staff). */
export const distinctOf = (field: string, test?: (entry: Entry) => boolean): Measure => ({
  absent: 0,
  of: (month) => {
    const seen = new Set<string>();
    for (const entry of month) {
      const value = text(entry.content, field);
      if (value !== null && (test === undefined || test(entry))) seen.add(value);
    }
    return seen.size;
  },
});

/** How many of the month's records pass `test`. */
export const countOf = (test: (entry: Entry) => boolean, field?: string): Measure => ({
  ...(field === undefined ? {} : { field }),
  absent: 0,
  of: (month) => month.filter(test).length,
});

/** 1 if any of the month's records passes `test`, else 0: months-with counts. */
export const anyOf = (test: (entry: Entry) => boolean, field?: string): Measure => ({
  ...(field === undefined ? {} : { field }),
  absent: 0,
  of: (month) => (month.some(test) ? 1 : 0),
});

/** The month's own value (one record a month, e.g. a report or a statement). */
export const valueOf = (read: (entry: Entry) => number | null, field?: string): Measure => ({
  ...(field === undefined ? {} : { field }),
  of: (month) => {
    for (let i = month.length - 1; i >= 0; i--) {
      const entry = month[i];
      const value = entry === undefined ? null : read(entry);
      if (value !== null) return value;
    }
    return null;
  },
});
