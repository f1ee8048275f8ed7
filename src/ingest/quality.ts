import type { BatchTotalsRow, TimelinessRow } from './quality.repository.js';

/**
 * Data quality of one provider's deliveries of one category in one month. Shares are
 * between 0 and 1; null where nothing was delivered to measure.
 */
export interface QualityRow {
  readonly organisationId: string;
  readonly category: string;
  readonly month: string;
  readonly batches: number;
  readonly read: number;
  /** Optional fields filled in accepted records. */
  readonly completeness: number | null;
  /** Records that passed validation (stored or unchanged). */
  readonly validity: number | null;
  /** Records that repeated what was already stored. */
  readonly duplicates: number | null;
  /** Median and 90th percentile of days from the end of the period to arrival. */
  readonly timelinessMedianDays: number | null;
  readonly timelinessP90Days: number | null;
}

const share = (part: bigint, whole: bigint) =>
  whole === 0n ? null : Math.round((Number(part) / Number(whole)) * 10_000) / 10_000;

const days = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export function qualityRows(
  totals: readonly BatchTotalsRow[],
  arrivals: readonly TimelinessRow[],
): QualityRow[] {
  const key = (r: { organisation_id: string; category: string; month: string }) =>
    `${r.organisation_id}|${r.category}|${r.month}`;
  const timelinessByKey = new Map(arrivals.map((row) => [key(row), row]));
  return totals.map((row) => {
    const arrival = timelinessByKey.get(key(row));
    return {
      organisationId: row.organisation_id,
      category: row.category,
      month: row.month,
      batches: Number(row.batches),
      read: Number(row.read),
      completeness: share(row.filled, row.possible),
      validity: share(row.accepted + row.unchanged, row.read),
      duplicates: share(row.unchanged, row.read),
      timelinessMedianDays: days(arrival?.median_days ?? null),
      timelinessP90Days: days(arrival?.p90_days ?? null),
    };
  });
}
