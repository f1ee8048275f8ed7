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

/** A subject whose records one transaction changed, with the employer they name, if any. */
export type SubjectChange = {
  readonly subjectKind: 'enterprise' | 'person';
  readonly subjectRef: string;
  readonly employerRef: string | null;
};

/** The payload of a `record.changed` event: see {@link recordsChanged}. (A type, not an
 * interface, so that it is a `Record<string, unknown>` as event payloads are.) */
export type RecordsChanged = {
  readonly organisationId: string;
  readonly category: string;
  readonly batchId: string;
  /** The first and last line of the stored records: they are found again by batch and line. */
  readonly lines: readonly [number, number];
  readonly changes: readonly SubjectChange[];
};

/**
 * The change-feed event of one transaction that stored records (a chunk of a file, or an
 * API batch): every subject whose records it changed, once, in the order first stored, so
 * that each subject is recomputed once per change. One event per transaction, not per
 * record or subject: a monthly file changes one record of each of thousands of subjects,
 * and an outbox row for each cost the database as much as the record itself.
 */
export function recordsChanged(
  batch: { readonly id: string; readonly organisation_id: string; readonly category: string },
  stored: readonly {
    readonly subjectKind: 'enterprise' | 'person';
    readonly subjectRef: string;
    readonly employerRef: string | null;
    readonly line: number;
  }[],
): RecordsChanged {
  const seen = new Set<string>();
  const changes: SubjectChange[] = [];
  let first = Number.POSITIVE_INFINITY;
  let last = 0;
  for (const { subjectKind, subjectRef, employerRef, line } of stored) {
    if (line < first) first = line;
    if (line > last) last = line;
    const key = `${subjectKind}\u001f${subjectRef}\u001f${employerRef ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    changes.push({ subjectKind, subjectRef, employerRef });
  }
  return {
    organisationId: batch.organisation_id,
    category: batch.category,
    batchId: batch.id,
    lines: [stored.length === 0 ? 0 : first, last],
    changes,
  };
}
