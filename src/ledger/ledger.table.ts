import type { ColumnType } from 'kysely';

export interface AuditEventsTable {
  id: ColumnType<bigint, never, never>;
  at: ColumnType<Date, Date | undefined, never>;
  actor_kind: 'user' | 'api_key' | 'system' | 'anonymous';
  actor_id: string | null;
  actor_role: string | null;
  actor_organisation_id: string | null;
  action: string;
  subject_kind: string | null;
  subject_id: string | null;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
  request_id: string | null;
}

/** Audit events waiting for the sequencer (filled by a trigger on audit_events). */
export interface LedgerQueueTable {
  audit_event_id: ColumnType<bigint, bigint, never>;
}

/** PGlite reads bytea as a Uint8Array, pg as a Buffer. */
type Bytes = ColumnType<Uint8Array, Buffer, never>;

export interface LedgerEntriesTable {
  idx: ColumnType<bigint, bigint, never>;
  audit_event_id: ColumnType<bigint, bigint, never>;
  entry: Bytes;
  salt: Bytes;
  sequenced_at: ColumnType<Date, Date, never>;
}

export interface LedgerHashesTable {
  level: ColumnType<number, number, never>;
  idx: ColumnType<bigint, bigint, never>;
  hash: Bytes;
}

export interface LedgerStateTable {
  id: ColumnType<boolean, never, never>;
  origin: string;
  size: ColumnType<bigint, never, bigint>;
  frontier: ColumnType<Uint8Array, never, Buffer>;
  root: ColumnType<Uint8Array, never, Buffer>;
}

export interface LedgerCheckpointsTable {
  size: ColumnType<bigint, bigint, never>;
  root: Bytes;
  note: ColumnType<string, string, never>;
  signed_at: ColumnType<Date, Date, never>;
}

export interface LedgerTables {
  audit_events: AuditEventsTable;
  ledger_queue: LedgerQueueTable;
  ledger_entries: LedgerEntriesTable;
  ledger_hashes: LedgerHashesTable;
  ledger_state: LedgerStateTable;
  ledger_checkpoints: LedgerCheckpointsTable;
}
