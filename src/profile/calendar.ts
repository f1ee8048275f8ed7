/**
 * Calendar arithmetic on the text forms records use: months as an index `year * 12 + (month
 * - 1)`, dates as `YYYY-MM-DD`. Plain UTC arithmetic: a civil date has no time zone.
 */

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MONTH_PREFIX = /^(\d{4})-(\d{2})/;
const MS_PER_DAY = 86_400_000;

/** The month index of `YYYY-MM` or `YYYY-MM-DD`, or undefined if it is neither. */
export function monthOf(text: string): number | undefined {
  const match = MONTH_PREFIX.exec(text);
  if (match === null || (text.length !== 7 && text.length !== 10)) return undefined;
  const month = Number(match[2]);
  if (month < 1 || month > 12) return undefined;
  return Number(match[1]) * 12 + month - 1;
}

/** `YYYY-MM` of a month index. */
export function monthText(month: number): string {
  const year = Math.floor(month / 12);
  return `${String(year).padStart(4, '0')}-${String((month % 12) + 1).padStart(2, '0')}`;
}

function dayNumber(date: string): number | undefined {
  const match = DATE.exec(date);
  if (match === null) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const time = Date.UTC(year, month - 1, day);
  const check = new Date(time);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  return time / MS_PER_DAY;
}

/** Whether `text` is a real calendar date `YYYY-MM-DD`. */
export const isDate = (text: string): boolean => dayNumber(text) !== undefined;

/**
 * The date `months` months after `date` (before it when negative). A day the target month
 * lacks becomes its last day, so 2024-03-31 minus one month is 2024-02-29.
 */
export function shiftMonths(date: string, months: number): string {
  const month = (monthOf(date) ?? 0) + months;
  const lastDay = new Date(Date.UTC(Math.floor(month / 12), (month % 12) + 1, 0)).getUTCDate();
  const day = Math.min(Number(date.slice(8, 10)), lastDay);
  return `${monthText(month)}-${String(day).padStart(2, '0')}`;
}

/** Whole months from `from` to `to` (dates): 2024-01-31 → 2024-02-29 is 0, → 2024-03-01 is 1. */
export function wholeMonthsBetween(from: string, to: string): number {
  const months = (monthOf(to) ?? 0) - (monthOf(from) ?? 0);
  return Number(to.slice(8, 10)) < Number(from.slice(8, 10)) ? months - 1 : months;
}

/** Whole years from `from` to `to` (dates), as one counts age. */
export const wholeYearsBetween = (from: string, to: string): number =>
  Math.floor(wholeMonthsBetween(from, to) / 12);

/** Days from `from` to `to` (dates); NaN if either is not a date. */
export function daysBetween(from: string, to: string): number {
  return (dayNumber(to) ?? Number.NaN) - (dayNumber(from) ?? Number.NaN);
}
