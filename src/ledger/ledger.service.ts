import { sql, type QueryCreator } from 'kysely';
import type { Principal } from '../platform/auth/roles.js';
import type { Db, Tx } from '../platform/db.js';
import type { DB } from '../platform/schema.js';

export interface AuditEntry {
  /** Who acted; `system` for the platform itself, null for an unauthenticated caller. */
  readonly actor: Principal | 'system' | null;
  /** Dotted verb, e.g. `person.read`, `consent.granted`, `auth.login_failed`. */
  readonly action: string;
  readonly subject?: { readonly kind: string; readonly id: string };
  readonly detail?: Record<string, unknown>;
  readonly requestId?: string;
}

export interface AuditEvent {
  readonly id: string;
  readonly at: Date;
  readonly actorKind: string;
  readonly actorId: string | null;
  readonly actorRole: string | null;
  readonly actorOrganisationId: string | null;
  readonly action: string;
  readonly subjectKind: string | null;
  readonly subjectId: string | null;
  readonly detail: Record<string, unknown>;
}

function actorColumns(actor: AuditEntry['actor']) {
  if (actor === null)
    return {
      actor_kind: 'anonymous' as const,
      actor_id: null,
      actor_role: null,
      actor_organisation_id: null,
    };
  if (actor === 'system')
    return {
      actor_kind: 'system' as const,
      actor_id: null,
      actor_role: null,
      actor_organisation_id: null,
    };
  return {
    actor_kind: actor.kind,
    actor_id: actor.kind === 'user' ? actor.userId : actor.apiKeyId,
    actor_role: actor.role,
    actor_organisation_id: actor.organisationId,
  };
}

/**
 * Appends one audit event. Call it with the transaction of the change it records, so the
 * event exists exactly when the change does. A trigger queues the event for the Merkle
 * ledger in the same transaction (one small insert, no shared lock); the sequencer
 * (`sequenceLedger`) makes it a leaf later.
 *
 * @example
 * await recordAudit(tx, { actor: principal, action: 'person.read', subject: { kind: 'person', id } });
 */
export async function recordAudit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await auditEventQuery(db, entry).execute();
}

/**
 * {@link recordAudit} as a query to run within another statement (the last part of a
 * statement whose data-modifying `with` parts make the change it records): one round trip
 * for both. Returns the event's id.
 */
export function auditEventQuery(db: QueryCreator<DB>, entry: AuditEntry) {
  return db
    .insertInto('audit_events')
    .values({
      ...actorColumns(entry.actor),
      action: entry.action,
      subject_kind: entry.subject?.kind ?? null,
      subject_id: entry.subject?.id ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
      request_id: entry.requestId ?? null,
    })
    .returning('id');
}

export interface AuditFilter {
  readonly action?: string;
  readonly subjectKind?: string;
  readonly subjectId?: string;
  readonly limit: number;
  readonly offset: number;
}

export async function listAuditEvents(db: Db, filter: AuditFilter): Promise<AuditEvent[]> {
  let query = db.selectFrom('audit_events').selectAll();
  if (filter.action) query = query.where('action', '=', filter.action);
  if (filter.subjectKind) query = query.where('subject_kind', '=', filter.subjectKind);
  if (filter.subjectId) query = query.where('subject_id', '=', filter.subjectId);
  const rows = await query
    .orderBy('id', 'desc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return rows.map((row) => ({
    id: String(row.id),
    at: row.at,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    actorRole: row.actor_role,
    actorOrganisationId: row.actor_organisation_id,
    action: row.action,
    subjectKind: row.subject_kind,
    subjectId: row.subject_id,
    detail: row.detail,
  }));
}

/**
 * For other domains: the ids of the audit events of these actions about one subject, oldest
 * first, so a domain can point its readers at the receipt of an event it recorded; with the
 * `decisionId` the event's detail names, if any, to tell which decision an event recorded.
 */
export async function auditEventIdsOf(
  db: Db | Tx,
  subject: { readonly kind: string; readonly id: string },
  actions: readonly string[],
): Promise<{ id: string; action: string; decisionId: string | null }[]> {
  if (actions.length === 0) return [];
  const rows = await db
    .selectFrom('audit_events')
    .select(['id', 'action', sql<string | null>`detail->>'decisionId'`.as('decision_id')])
    .where('subject_kind', '=', subject.kind)
    .where('subject_id', '=', subject.id)
    .where('action', 'in', [...actions])
    .orderBy('id')
    .execute();
  return rows.map((row) => ({
    id: String(row.id),
    action: row.action,
    decisionId: row.decision_id,
  }));
}
