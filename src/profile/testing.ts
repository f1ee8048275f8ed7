/** Hand-built records for the profile's tests. */
import type { RecordCategory } from '../ingest/categories.js';
import { monthOf, monthText } from './calendar.js';
import {
  computeProfile,
  type FeatureScalar,
  type ProfileRecord,
  type SubjectKind,
} from './features.js';

export const AS_OF = '2026-10-01';
export const USCC = '91310115MA1K3BTP2B';
export const INDIVIDUAL_USCC = '92340602MA2PBMEM24';
export const RESIDENT_ID = '330106199003070014';

let sequence = 0;

export function record(
  category: RecordCategory,
  period: string | null,
  content: Record<string, unknown>,
  options: { readonly id?: string; readonly receivedAt?: Date; readonly version?: number } = {},
): ProfileRecord {
  sequence += 1;
  return {
    id: options.id ?? `${category}-${period ?? 'static'}-${sequence}`,
    category,
    version: options.version ?? 1,
    period,
    content,
    receivedAt: options.receivedAt ?? new Date('2026-10-01T00:00:00Z'),
  };
}

/** `YYYY-MM` of the month `back` months before the month of `AS_OF` (1: the last month over). */
export function monthsBack(back: number, asOf = AS_OF): string {
  return monthText((monthOf(asOf) ?? 0) - back);
}

/** One record per month, `back` from `from` down to `to` (1 = the last month over). */
export function monthly(
  category: RecordCategory,
  from: number,
  to: number,
  content: (period: string, back: number) => Record<string, unknown>,
): ProfileRecord[] {
  const records: ProfileRecord[] = [];
  for (let back = from; back >= to; back--) {
    const period = monthsBack(back);
    records.push(record(category, period, { period, ...content(period, back) }));
  }
  return records;
}

/** Feature name → value, for assertions. */
export function profile(
  kind: SubjectKind,
  records: readonly ProfileRecord[],
  asOf = AS_OF,
): Record<string, FeatureScalar> {
  return Object.fromEntries(
    computeProfile(kind, records, asOf).map((value) => [value.feature, value.value]),
  );
}
