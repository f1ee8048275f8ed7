import { sql } from 'kysely';
import type { Db } from '../platform/db.js';

export interface QualityFilter {
  readonly organisationId?: string | undefined;
  readonly category?: string | undefined;
  readonly fromMonth?: string | undefined;
  readonly toMonth?: string | undefined;
}

const where = (column: string, filter: QualityFilter) => {
  const parts = [sql`true`];
  if (filter.organisationId !== undefined)
    parts.push(sql`organisation_id = ${filter.organisationId}`);
  if (filter.category !== undefined) parts.push(sql`category = ${filter.category}`);
  if (filter.fromMonth !== undefined)
    parts.push(sql`to_char(${sql.ref(column)}, 'YYYY-MM') >= ${filter.fromMonth}`);
  if (filter.toMonth !== undefined)
    parts.push(sql`to_char(${sql.ref(column)}, 'YYYY-MM') <= ${filter.toMonth}`);
  return sql.join(parts, sql` and `);
};

export interface BatchTotalsRow {
  organisation_id: string;
  category: string;
  month: string;
  batches: bigint;
  read: bigint;
  accepted: bigint;
  unchanged: bigint;
  quarantined: bigint;
  filled: bigint;
  possible: bigint;
}

/** Per provider, category and month of delivery: what came in and how it fared. */
export async function batchTotals(db: Db, filter: QualityFilter): Promise<BatchTotalsRow[]> {
  const result = await sql<BatchTotalsRow>`
    select organisation_id, category, to_char(created_at, 'YYYY-MM') as month,
      count(*) as batches,
      coalesce(sum(read_count), 0)::bigint as read,
      coalesce(sum(accepted), 0)::bigint as accepted,
      coalesce(sum(unchanged), 0)::bigint as unchanged,
      coalesce(sum(quarantined), 0)::bigint as quarantined,
      coalesce(sum(optional_filled), 0)::bigint as filled,
      coalesce(sum(optional_possible), 0)::bigint as possible
    from ingest_batches
    where ${where('created_at', filter)}
    group by 1, 2, 3
    order by 3, 1, 2`.execute(db);
  return result.rows;
}

export interface TimelinessRow {
  organisation_id: string;
  category: string;
  month: string;
  median_days: number | null;
  p90_days: number | null;
}

/**
 * Days from the end of the period a record describes to its first arrival, per provider,
 * category and month of arrival (first versions only: a correction is not a late record).
 */
export async function timeliness(db: Db, filter: QualityFilter): Promise<TimelinessRow[]> {
  const result = await sql<TimelinessRow>`
    with arrivals as (
      select organisation_id, category, received_at,
        extract(epoch from (received_at - (case when length(period) = 7
          then (to_date(period, 'YYYY-MM') + interval '1 month')
          else (to_date(period, 'YYYY-MM-DD') + interval '1 day') end))) / 86400.0 as days
      from records
      where version = 1 and period is not null and ${where('received_at', filter)}
    )
    select organisation_id, category, to_char(received_at, 'YYYY-MM') as month,
      percentile_cont(0.5) within group (order by days)::float8 as median_days,
      percentile_cont(0.9) within group (order by days)::float8 as p90_days
    from arrivals
    group by 1, 2, 3
    order by 3, 1, 2`.execute(db);
  return result.rows;
}
