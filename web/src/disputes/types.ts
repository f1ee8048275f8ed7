/** The objection (credit-repair) API's answers, as the portals read them. */

import type { ObjectionStatus } from '../../../src/disputes/objection-state.js';

// The server's own list, from its pure state machine.
export { OBJECTION_STATUSES, type ObjectionStatus } from '../../../src/disputes/objection-state.js';

export const OPEN_STATUSES: readonly ObjectionStatus[] = [
  'submitted',
  'awaiting_material',
  'investigating',
  'awaiting_second_review',
  'correcting',
];

export type ObjectionEvent =
  | 'submit'
  | 'accept'
  | 'request_material'
  | 'supply_material'
  | 'refuse'
  | 'find_no_error'
  | 'find_error'
  | 'approve_correction'
  | 'reject_correction'
  | 'confirm_correction'
  | 'add_statement'
  | 'withdraw';

export interface Objection {
  readonly id: string;
  readonly recordId: string;
  readonly feature: string | null;
  readonly reason: string;
  readonly status: ObjectionStatus;
  readonly evidenceDocumentIds: readonly string[];
  readonly createdAt: string;
  readonly completeAt: string | null;
  readonly dueAt: string | null;
  readonly daysLeft: number | null;
  readonly breached: boolean;
  readonly materialNotice: readonly string[] | null;
  readonly explanation: string | null;
  readonly otherRoutes: string | null;
  readonly borrowerStatement: string | null;
  readonly evidenceRefuted: boolean;
  readonly proposedCorrection: Readonly<Record<string, unknown>> | null;
  readonly correctedRecordId: string | null;
  readonly closedAt: string | null;
  readonly actions: readonly ObjectionEvent[];
  readonly timeline?: readonly {
    readonly event: ObjectionEvent;
    readonly from: ObjectionStatus | null;
    readonly to: ObjectionStatus;
    readonly actor: string;
    readonly at: string;
  }[];
}

/** A record version as the provider and the operator see it: with its lineage. */
export interface RecordVersion {
  readonly id: string;
  readonly category: string;
  readonly version: number;
  readonly current: boolean;
  readonly period: string | null;
  readonly content: Readonly<Record<string, unknown>>;
  readonly lineage: {
    readonly organisationId: string;
    readonly batchId: string;
    readonly fileName: string | null;
    readonly line: number;
    readonly receivedAt: string;
    readonly contentHash: string;
    readonly supersededAt: string | null;
  };
}

/** A version of a borrower's own record (`GET /me/records/{id}`). */
export interface OwnRecordVersion {
  readonly id: string;
  readonly category: string;
  readonly version: number;
  readonly current: boolean;
  readonly period: string | null;
  readonly content: Readonly<Record<string, unknown>>;
  readonly receivedAt: string;
  readonly supersededAt: string | null;
}

export interface Triage {
  readonly objectionId: string;
  readonly versions: readonly RecordVersion[];
  readonly otherRecords: readonly {
    readonly id: string;
    readonly category: string;
    readonly version: number;
    readonly period: string | null;
    readonly content: Readonly<Record<string, unknown>>;
    readonly receivedAt: string;
  }[];
  readonly contradictions: readonly {
    readonly field: string;
    readonly laterRecordIds: readonly string[];
    readonly message: Readonly<Record<'zh-CN' | 'en', string>>;
  }[];
}

export interface ProfileFeature {
  readonly name: string;
  readonly label: string;
  readonly categories: readonly string[];
  readonly display: string;
  readonly sources: readonly string[];
  readonly underObjection: boolean;
}

export interface Profile {
  readonly features: readonly ProfileFeature[];
  readonly recordsUnderObjection: readonly string[];
}

export interface Score {
  readonly score: number;
  readonly grade: string;
  readonly computedAt: string;
}
