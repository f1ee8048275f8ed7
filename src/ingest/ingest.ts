import type { Selectable } from 'kysely';
import type { IngestBatchesTable, RecordReason } from './ingest.table.js';

/** One item read from a delivery: a row of fields, or a line the reader could not parse. */
export type DeliveredItem =
  | { readonly kind: 'row'; readonly line: number; readonly fields: Record<string, unknown> }
  | {
      readonly kind: 'bad_row';
      readonly line: number;
      readonly code: string;
      readonly detail: string;
      readonly raw: string;
    };

export interface BatchReport {
  readonly id: string;
  readonly organisationId: string;
  readonly category: string;
  readonly schemaVersion: number;
  readonly source: string;
  readonly fileName: string | null;
  readonly status: 'running' | 'completed' | 'failed';
  readonly failure: { readonly code: string; readonly detail: string | null } | null;
  readonly read: number;
  readonly accepted: number;
  readonly newVersions: number;
  readonly unchanged: number;
  readonly quarantined: number;
  readonly quarantinedByReason: Readonly<Record<string, number>>;
  readonly checkpointLine: number;
  readonly createdAt: Date;
  readonly completedAt: Date | null;
}

export function toBatchReport(
  row: Selectable<IngestBatchesTable>,
  quarantinedByReason: Readonly<Record<string, number>>,
): BatchReport {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    category: row.category,
    schemaVersion: row.schema_version,
    source: row.source,
    fileName: row.file_name,
    status: row.status,
    failure: row.failure_code ? { code: row.failure_code, detail: row.failure_detail } : null,
    read: row.read_count,
    accepted: row.accepted,
    newVersions: row.new_versions,
    unchanged: row.unchanged,
    quarantined: row.quarantined,
    quarantinedByReason,
    checkpointLine: row.checkpoint_line,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}

/** JSON for storage: bigint (money in fen) as decimal text, keys sorted for stable hashes. */
export function canonicalJson(value: unknown): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/** The reason a reader gave for a line it could not parse. */
export const parseReason = (item: { code: string; detail: string }): RecordReason => ({
  field: null,
  code: item.code,
  params: { detail: item.detail.slice(0, 200) },
});
