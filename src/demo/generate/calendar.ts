/**
 * Calendar arithmetic for the demo generator, on plain numbers: a month is `year * 12 +
 * (month - 1)`, a day is the number of days since 1970-01-01 (UTC, no clock involved).
 */

/** A month as `year * 12 + (month - 1)`. */
export type Month = number;
/** A day as days since 1970-01-01. */
export type Day = number;

const MS_PER_DAY = 86_400_000;

export const monthOf = (year: number, month: number): Month => year * 12 + (month - 1);
export const yearOfMonth = (month: Month): number => Math.floor(month / 12);
/** 1–12. */
export const monthNumber = (month: Month): number => (month % 12) + 1;

/** `YYYY-MM` → month, or undefined unless it is a real month of a four-digit year. */
export function parseYearMonth(text: string): Month | undefined {
  const match = /^(\d{4})-(\d{2})$/.exec(text);
  if (!match) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return monthOf(Number(match[1]), month);
}

/** `YYYY-MM`. */
export function periodText(month: Month): string {
  return `${yearOfMonth(month)}-${String(monthNumber(month)).padStart(2, '0')}`;
}

export function dayOf(year: number, month: number, day: number): Day {
  return Math.round(Date.UTC(year, month - 1, day) / MS_PER_DAY);
}

export const firstDayOf = (month: Month): Day => dayOf(yearOfMonth(month), monthNumber(month), 1);

export function daysInMonth(month: Month): number {
  return firstDayOf(month + 1) - firstDayOf(month);
}

export interface DayParts {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export function dayParts(day: Day): DayParts {
  const date = new Date(day * MS_PER_DAY);
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
}

/** `YYYY-MM-DD`. */
export function isoDate(day: Day): string {
  const { year, month, day: d } = dayParts(day);
  return `${year}-${String(month).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

export const monthOfDay = (day: Day): Month => {
  const { year, month } = dayParts(day);
  return monthOf(year, month);
};
