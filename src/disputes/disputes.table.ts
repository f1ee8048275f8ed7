import type { ColumnType, Generated } from 'kysely';
import type { SubjectKind } from '../platform/auth/roles.js';
import type { ObjectionStatus } from './objection-state.js';

type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

export interface ObjectionsTable {
  id: string;
  borrower_user_id: string;
  subject_kind: SubjectKind;
  subject_ref: string;
  record_id: bigint;
  record_organisation_id: string;
  feature: string | null;
  reason: string;
  evidence_document_ids: ColumnType<string[], string[] | undefined, string[]>;
  status: ObjectionStatus;
  complete_at: Date | null;
  due_at: Date | null;
  material_notice: NullableJson<string[]>;
  material_notice_at: Date | null;
  explanation: string | null;
  other_routes: string | null;
  borrower_statement: string | null;
  evidence_refuted: ColumnType<boolean, boolean | undefined, boolean>;
  proposed_correction: NullableJson<Record<string, unknown>>;
  proposed_by: string | null;
  corrected_record_id: bigint | null;
  created_at: Date;
  updated_at: Date;
  closed_at: Date | null;
}

export interface ObjectionEventsTable {
  id: Generated<bigint>;
  objection_id: string;
  event: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  at: Date;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface ObjectionNoticesTable {
  objection_id: string;
  kind: 'warning_5d' | 'warning_1d' | 'breach';
  sent_at: Date;
}

export interface DisputesTables {
  objections: ObjectionsTable;
  objection_events: ObjectionEventsTable;
  objection_notices: ObjectionNoticesTable;
}
