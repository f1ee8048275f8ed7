import type { QualityRow } from '../api/quality';

/** Quality of a group of deliveries: shares weighted by the records read in each row. */
export interface QualitySummary {
  readonly key: string;
  readonly batches: number;
  readonly read: number;
  readonly completeness: number | null;
  readonly validity: number | null;
  readonly duplicates: number | null;
  /** The median timeliness of the rows, weighted by records read. */
  readonly timelinessMedianDays: number | null;
}

function weighted(rows: readonly QualityRow[], pick: (row: QualityRow) => number | null) {
  let sum = 0;
  let weight = 0;
  for (const row of rows) {
    const value = pick(row);
    if (value === null) continue;
    sum += value * row.read;
    weight += row.read;
  }
  return weight === 0 ? null : sum / weight;
}

/** Sums the rows by `keyOf` (a provider, a month …), sorted by key. Pure. */
export function summarise(
  rows: readonly QualityRow[],
  keyOf: (row: QualityRow) => string,
): QualitySummary[] {
  const groups = new Map<string, QualityRow[]>();
  for (const row of rows) groups.set(keyOf(row), [...(groups.get(keyOf(row)) ?? []), row]);
  return [...groups.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, members]) => ({
      key,
      batches: members.reduce((n, r) => n + r.batches, 0),
      read: members.reduce((n, r) => n + r.read, 0),
      completeness: weighted(members, (r) => r.completeness),
      validity: weighted(members, (r) => r.validity),
      duplicates: weighted(members, (r) => r.duplicates),
      timelinessMedianDays: weighted(members, (r) => r.timelinessMedianDays),
    }));
}
