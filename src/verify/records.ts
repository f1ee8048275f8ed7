/**
 * Reading canonical records as the checks need them: typed fields (money stays bigint), the
 * records about one subject, and months counted back from a source's as-of date.
 */
import type { RecordCategory } from '../ingest/categories.js';
import {
  isDate,
  monthOf,
  monthText,
  shiftMonths,
  wholeMonthsBetween,
} from '../profile/calendar.js';
import { normaliseIdentifier } from '../registry/identifiers.js';
import type { AvailableSource, SourceRecord } from './checks.js';

export function textField(record: SourceRecord, field: string): string | undefined {
  const value = record.content[field];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Integer fen, written as a JSON number or a digit string; anything else is absent. */
export function fenField(record: SourceRecord, field: string): bigint | undefined {
  const value = record.content[field];
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return BigInt(value.trim());
  return undefined;
}

/**
 * The source's records of `category` whose subject field names `subjectId`. The caller fetched
 * them by subject already; filtering again keeps another subject's records (an employer's
 * registration fetched for the names) from ever counting as the applicant's.
 */
export function recordsAbout(
  source: AvailableSource,
  category: RecordCategory,
  subjectField: string,
  subjectId: string,
): SourceRecord[] {
  const wanted = normaliseIdentifier(subjectId);
  return source.records.filter((record) => {
    const id = textField(record, subjectField);
    return record.category === category && id !== undefined && normaliseIdentifier(id) === wanted;
  });
}

/** The record's month index, from its period or its content's `period`. */
export function monthOfRecord(record: SourceRecord): number | undefined {
  const period = record.period ?? textField(record, 'period');
  return period === undefined ? undefined : monthOf(period);
}

export interface MonthWindow {
  /** Month indexes, oldest first. */
  readonly months: readonly number[];
  readonly from: string;
  readonly to: string;
}

/**
 * The `count` months ending with the last month the source has complete: the as-of month if
 * the as-of date is its last day, else the month before. A month still being paid in is not a
 * gap, so it never counts against the borrower.
 */
export function monthWindow(asOf: string, count: number): MonthWindow {
  if (!isDate(asOf)) throw new RangeError(`source as-of date "${asOf}" is not YYYY-MM-DD`);
  const [year, month, day] = asOf.split('-').map(Number) as [number, number, number];
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = (monthOf(asOf) ?? 0) - (day === lastDay ? 0 : 1);
  const months = Array.from({ length: count }, (_, i) => last - count + 1 + i);
  return { months, from: monthText(last - count + 1), to: monthText(last) };
}

export function recordsByMonth(records: readonly SourceRecord[]): Map<number, SourceRecord[]> {
  const byMonth = new Map<number, SourceRecord[]>();
  for (const record of records) {
    const month = monthOfRecord(record);
    if (month === undefined) continue;
    const list = byMonth.get(month) ?? [];
    list.push(record);
    byMonth.set(month, list);
  }
  return byMonth;
}

/** Record ids, oldest period first, for a result's evidence. */
export function evidenceOf(records: readonly SourceRecord[]): string[] {
  return [...records]
    .sort((a, b) => (monthOfRecord(a) ?? 0) - (monthOfRecord(b) ?? 0) || (a.id < b.id ? -1 : 1))
    .map((record) => record.id);
}

export const monthsText = (months: readonly number[]): string[] => months.map(monthText);

/**
 * The first date `months` whole months after `from`. Counting the way ages are counted, a
 * month-end start (31 January, 29 February) completes its months on the 1st of the next month.
 */
export function dateAfterWholeMonths(from: string, months: number): string {
  const candidate = shiftMonths(from, months);
  if (wholeMonthsBetween(from, candidate) >= months) return candidate;
  return shiftMonths(`${candidate.slice(0, 8)}01`, 1);
}
