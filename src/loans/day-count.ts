/**
 * Calendar dates and day-count conventions for loan interest. Dates are civil dates written
 * `YYYY-MM-DD` with no time zone: a due date is a day on the borrower's calendar, not an
 * instant, so nothing here reads the clock or depends on the host's zone.
 */

/**
 * `monthly_30_360`: a year of twelve 30-day months, so a full month costs annual / 12 whatever
 * its calendar length. `actual_365`: actual calendar days over 365, leap years included.
 */
export type DayCount = 'monthly_30_360' | 'actual_365';
export const DAY_COUNTS: readonly DayCount[] = ['monthly_30_360', 'actual_365'];

/** 1 % = 100 basis points. */
export const BP_PER_UNIT = 10_000n;

interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

const MAX_YEAR = 9999;

/** True for a real calendar date written `YYYY-MM-DD` (so `2023-02-29` is false). */
export function isIsoDate(value: unknown): value is string {
  return typeof value === 'string' && toCivil(value) !== null;
}

/** Returns `value` when it is a real `YYYY-MM-DD` date, else throws a RangeError naming `field`. */
export function requireIsoDate(value: unknown, field: string): string {
  if (!isIsoDate(value)) {
    const shown = typeof value === 'string' ? JSON.stringify(value) : typeof value;
    throw new RangeError(`${field} must be a calendar date YYYY-MM-DD, got ${shown}`);
  }
  return value;
}

/**
 * The same day of the month `months` later, clamped to that month's last day:
 * `addMonths('2024-01-31', 1)` is `2024-02-29`. Always count from the original anchor date, never
 * chain calls, or one short February would pull every later date to the 29th.
 */
export function addMonths(date: string, months: number): string {
  const { year, month, day } = parse(date);
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = index - targetYear * 12 + 1;
  if (targetYear > MAX_YEAR) {
    throw new RangeError(`${date} plus ${months} months is after ${MAX_YEAR}-12-31`);
  }
  const clampedDay = Math.min(day, daysInMonth(targetYear, targetMonth));
  return format({ year: targetYear, month: targetMonth, day: clampedDay });
}

/** Calendar days from `from` to `to`; negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return dayNumber(parse(to)) - dayNumber(parse(from));
}

/**
 * Days from `from` to `to` under 30E/360 (Eurobond basis): every month counts 30 days, and a
 * 31st counts as the 30th. Used only for accrual within a period, where it can exceed 30 days
 * around February; callers cap the result (see `earlyRepayment`).
 */
export function days30E360(from: string, to: string): number {
  const a = parse(from);
  const b = parse(to);
  const years = b.year - a.year;
  const months = b.month - a.month;
  return 360 * years + 30 * months + (Math.min(b.day, 30) - Math.min(a.day, 30));
}

/** `numerator / denominator` rounded half up; both non-negative, denominator non-zero. */
export function divideHalfUp(numerator: bigint, denominator: bigint): bigint {
  return (2n * numerator + denominator) / (2n * denominator);
}

/**
 * Simple interest on `balance` fen from `from` to `to` at `annualRateBp`, rounded half up to the
 * fen: balance × rate × days / 360 (30E/360 days) or / 365 (actual days). No interest for a
 * period that does not move forward.
 */
export function accrueInterest(
  balance: bigint,
  annualRateBp: number,
  from: string,
  to: string,
  dayCount: DayCount,
): { days: number; interest: bigint } {
  const actual = dayCount === 'actual_365';
  const days = actual ? daysBetween(from, to) : days30E360(from, to);
  if (days <= 0) return { days: 0, interest: 0n };
  const yearDays = actual ? 365n : 360n;
  const interest = divideHalfUp(
    balance * BigInt(annualRateBp) * BigInt(days),
    BP_PER_UNIT * yearDays,
  );
  return { days, interest };
}

function parse(date: string): CivilDate {
  const civil = toCivil(date);
  if (civil === null) throw new RangeError(`not a calendar date YYYY-MM-DD: ${date}`);
  return civil;
}

// Parsed by hand, not by regular expression: a schedule parses hundreds of dates.
function toCivil(text: string): CivilDate | null {
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-') return null;
  const year = digitsAt(text, 0, 4);
  const month = digitsAt(text, 5, 7);
  const day = digitsAt(text, 8, 10);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) {
    return null;
  }
  return { year, month, day };
}

/** The decimal number written in `text` from `start` to `end`, or -1 if not all digits. */
function digitsAt(text: string, start: number, end: number): number {
  let value = 0;
  for (let index = start; index < end; index += 1) {
    const digit = text.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    value = value * 10 + digit;
  }
  return value;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Days since 0000-12-31 of the proleptic Gregorian calendar; only differences matter. */
function dayNumber({ year, month, day }: CivilDate): number {
  const prior = year - 1;
  let days =
    prior * 365 + Math.floor(prior / 4) - Math.floor(prior / 100) + Math.floor(prior / 400);
  for (let earlier = 1; earlier < month; earlier += 1) days += daysInMonth(year, earlier);
  return days + day;
}

// Hand-padded rather than padStart: schedules format hundreds of dates and this is 10× faster.
function format({ year, month, day }: CivilDate): string {
  return `${String(year).padStart(4, '0')}-${twoDigits(month)}-${twoDigits(day)}`;
}

function twoDigits(value: number): string {
  return value < 10 ? `0${value}` : `${value}`;
}
