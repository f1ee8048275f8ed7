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

export interface LedgerTables {
  audit_events: AuditEventsTable;
}
