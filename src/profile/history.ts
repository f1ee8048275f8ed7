/**
 * A subject's records arranged once per computation: deduplicated, cut at the as-of date,
 * grouped by category and sorted by period, so each feature reads a slice instead of
 * rescanning every record.
 *
 * Time conventions (every feature follows them):
 * - a month counts once it is over: the month of the as-of date is never in a window, and
 *   monthly records of it or later are ignored. "The last n months" of a monthly category
 *   are the n months before the as-of month;
 * - dated records (court filings, decisions, awards) count in "the last n months" when
 *   `asOf − n months < date ≤ asOf`; records dated after the as-of date are ignored.
 */
import type { RecordCategory } from '../ingest/categories.js';
import { CATEGORY_SCHEMAS } from '../ingest/schemas.js';
import { isDate, monthOf, shiftMonths } from './calendar.js';
import type { ProfileRecord, SubjectKind } from './features.js';

export type Timing = 'monthly' | 'dated' | 'static';

export function timingOf(category: RecordCategory): Timing {
  const schema = CATEGORY_SCHEMAS[category];
  if (schema.periodField === null) return 'static';
  const field = schema.fields.find((candidate) => candidate.name === schema.periodField);
  return field?.type.kind === 'period' ? 'monthly' : 'dated';
}

export interface Entry {
  readonly record: ProfileRecord;
  readonly content: Readonly<Record<string, unknown>>;
  /** Month index of the period or date; −∞ for categories without one. */
  readonly month: number;
  /** The period `YYYY-MM` or date `YYYY-MM-DD`; empty for categories without one. */
  readonly at: string;
}

const KEY_SEPARATOR = '\u001f';

/**
 * Two deliveries of the same natural key (two providers reporting the same month) must count
 * once. A record missing a key field cannot be matched, so it stands alone.
 */
function identity(record: ProfileRecord): string {
  const parts: string[] = [record.category];
  for (const field of CATEGORY_SCHEMAS[record.category].naturalKey) {
    const value = record.content[field];
    if (typeof value !== 'string' && typeof value !== 'number') {
      return `${KEY_SEPARATOR}${record.id}`;
    }
    parts.push(String(value));
  }
  return parts.join(KEY_SEPARATOR);
}

function newer(a: ProfileRecord, b: ProfileRecord): boolean {
  const time = a.receivedAt.getTime() - b.receivedAt.getTime();
  return time !== 0 ? time > 0 : a.version > b.version;
}

function compareEntries(a: Entry, b: Entry): number {
  if (a.at !== b.at) return a.at < b.at ? -1 : 1;
  const time = a.record.receivedAt.getTime() - b.record.receivedAt.getTime();
  if (time !== 0) return time;
  return a.record.id < b.record.id ? -1 : a.record.id > b.record.id ? 1 : 0;
}

/** The first index in `entries` (sorted) for which `before` is false. */
function boundary(entries: readonly Entry[], before: (entry: Entry) => boolean): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    const entry = entries[mid];
    if (entry !== undefined && before(entry)) low = mid + 1;
    else high = mid;
  }
  return low;
}

export class SubjectHistory {
  readonly kind: SubjectKind;
  readonly asOf: string;
  /** The month of the as-of date: not over yet, so in no window. */
  readonly asOfMonth: number;
  private readonly groups = new Map<RecordCategory, Entry[]>();
  private readonly coverage = new Map<string, boolean>();

  constructor(kind: SubjectKind, records: readonly ProfileRecord[], asOf: string) {
    const asOfMonth = isDate(asOf) ? monthOf(asOf) : undefined;
    if (asOfMonth === undefined) throw new RangeError(`as-of must be YYYY-MM-DD, not "${asOf}"`);
    this.kind = kind;
    this.asOf = asOf;
    this.asOfMonth = asOfMonth;
    const kept = new Map<string, ProfileRecord>();
    for (const record of records) {
      const key = identity(record);
      const other = kept.get(key);
      if (other === undefined || newer(record, other)) kept.set(key, record);
    }
    for (const record of kept.values()) this.add(record);
    for (const entries of this.groups.values()) entries.sort(compareEntries);
  }

  private add(record: ProfileRecord): void {
    const entry = this.place(record);
    if (entry === undefined) return;
    const group = this.groups.get(record.category);
    if (group === undefined) this.groups.set(record.category, [entry]);
    else group.push(entry);
  }

  private place(record: ProfileRecord): Entry | undefined {
    const { category, content } = record;
    const timing = timingOf(category);
    if (timing === 'static') return { record, content, month: -Infinity, at: '' };
    const field = CATEGORY_SCHEMAS[category].periodField ?? '';
    const written = record.period ?? content[field];
    if (typeof written !== 'string') return undefined;
    const at = timing === 'monthly' ? written.slice(0, 7) : written;
    const month = monthOf(at);
    if (month === undefined || (timing === 'dated' && !isDate(at))) return undefined;
    const future = timing === 'monthly' ? month >= this.asOfMonth : at > this.asOf;
    return future ? undefined : { record, content, month, at };
  }

  /** Whether the subject has any record of the category (as of the date). */
  has(category: RecordCategory): boolean {
    return this.groups.has(category);
  }

  /** Every record of the category as of the date, oldest first. */
  all(category: RecordCategory): readonly Entry[] {
    return this.groups.get(category) ?? [];
  }

  /** The month of the category's first record, if any. */
  firstMonth(category: RecordCategory): number | undefined {
    return this.groups.get(category)?.[0]?.month;
  }

  /** Records of a monthly category from month `first` to `last`, both included. */
  months(category: RecordCategory, first: number, last: number): readonly Entry[] {
    const entries = this.all(category);
    const from = boundary(entries, (entry) => entry.month < first);
    const to = boundary(entries, (entry) => entry.month <= last);
    return entries.slice(from, to);
  }

  /** Records of a monthly category in the last `n` months (those before the as-of month). */
  lastMonths(category: RecordCategory, n: number): readonly Entry[] {
    return this.months(category, this.asOfMonth - n, this.asOfMonth - 1);
  }

  /** Records of a dated category with `asOf − n months < date ≤ asOf`. */
  within(category: RecordCategory, n: number): readonly Entry[] {
    const start = shiftMonths(this.asOf, -n);
    const entries = this.all(category);
    return entries.slice(boundary(entries, (entry) => entry.at <= start));
  }

  /** The most recent record, or the most recent one `test` accepts. */
  latest(category: RecordCategory, test?: (entry: Entry) => boolean): Entry | undefined {
    const entries = this.all(category);
    for (let i = entries.length - 1; i >= 0; i--) {
      const entry = entries[i];
      if (entry !== undefined && (test === undefined || test(entry))) return entry;
    }
    return undefined;
  }

  /**
   * Whether any record of the category carries `field`: a provider that never reports an
   * optional field tells nothing about it, which is missing rather than zero.
   */
  reports(category: RecordCategory, field: string): boolean {
    const key = `${category}.${field}`;
    let known = this.coverage.get(key);
    if (known === undefined) {
      known = this.all(category).some((entry) => (entry.content[field] ?? null) !== null);
      this.coverage.set(key, known);
    }
    return known;
  }
}

/** Consecutive runs of records of the same month, in order. */
export function byMonth(entries: readonly Entry[]): (readonly Entry[])[] {
  const groups: Entry[][] = [];
  let current: Entry[] = [];
  for (const entry of entries) {
    if (current.length > 0 && current[0]?.month !== entry.month) {
      groups.push(current);
      current = [];
    }
    current.push(entry);
  }
  if (current.length > 0) groups.push(current);
  return groups;
}
