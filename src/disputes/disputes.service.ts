import { randomUUID } from 'node:crypto';
import { sql, type QueryCreator, type Selectable } from 'kysely';
import type { RecordCategory } from '../ingest/categories.js';
import { isLaterVersionOf, recordPlace } from '../ingest/record-lookup.service.js';
import { currentRecordsOf, getRecordVersions } from '../ingest/records.service.js';
import { recordAudit } from '../ledger/ledger.service.js';
import { enqueueEvents } from '../notify/outbox.service.js';
import { requireRole } from '../platform/auth/guards.js';
import { principalId, type Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import type { DB } from '../platform/schema.js';
import { isUniqueViolation } from '../platform/db-errors.js';
import { DomainError, invalidField, notFound } from '../platform/errors.js';
import { subjectRefOf } from '../registry/registry.service.js';
import { answerDueAt, deadlineState } from './deadline.js';
import type { ObjectionsTable } from './disputes.table.js';
import { contradictions } from './triage.js';
import {
  isOpen,
  OPEN_STATUSES,
  objectionEventsFor,
  objectionTransition,
  type ObjectionRole,
  type ObjectionStatus,
} from './objection-state.js';

/** Queued at each step of an objection, for the notices (see disputes.notifier.ts). */
export const OBJECTION_MILESTONE = 'disputes.objection_milestone';

type ObjectionRow = Selectable<ObjectionsTable>;

export interface NewObjection {
  readonly recordId: bigint;
  readonly feature?: string | undefined;
  readonly reason: string;
  readonly evidenceDocumentIds?: readonly string[] | undefined;
}

/**
 * A borrower objects to a record about themselves: the record is marked "under objection"
 * wherever it is shown until the objection ends, and the 20-day answer clock starts.
 */
export async function fileObjection(
  ctx: AppContext,
  principal: Principal | null,
  input: NewObjection,
) {
  const actor = requireRole(principal, 'borrower');
  if (actor.kind !== 'user' || !actor.subject) throw new DomainError('FORBIDDEN');
  const subject = actor.subject;
  const id = randomUUID();
  try {
    await ctx.db.transaction().execute(async (tx) => {
      const [record, ref] = await Promise.all([
        recordPlace(tx, input.recordId),
        subjectRefOf(tx, subject),
      ]);
      if (!record || record.subjectKind !== subject.kind || record.subjectRef !== ref) {
        throw invalidField('/body/recordId', 'OBJECTION_NOT_YOUR_RECORD');
      }
      if (!record.current) throw invalidField('/body/recordId', 'OBJECTION_RECORD_SUPERSEDED');
      const now = ctx.now();
      await tx
        .insertInto('objections')
        .values({
          id,
          borrower_user_id: actor.userId,
          subject_kind: record.subjectKind,
          subject_ref: record.subjectRef,
          record_id: input.recordId,
          record_organisation_id: record.organisationId,
          feature: input.feature ?? null,
          reason: input.reason,
          evidence_document_ids: [...(input.evidenceDocumentIds ?? [])],
          status: 'submitted',
          complete_at: now,
          due_at: answerDueAt(now),
          material_notice: null,
          material_notice_at: null,
          explanation: null,
          other_routes: null,
          borrower_statement: null,
          proposed_correction: null,
          proposed_by: null,
          corrected_record_id: null,
          created_at: now,
          updated_at: now,
          closed_at: null,
        })
        .execute();
      await logEvent(tx, id, 'submit', null, 'submitted', principalId(actor), now, {});
      await recordAudit(tx, {
        actor,
        action: 'disputes.objection_filed',
        subject: { kind: 'objection', id },
        detail: { recordId: input.recordId.toString() },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('OBJECTION_ALREADY_OPEN');
    throw error;
  }
  return getObjection(ctx, principal, id);
}

async function logEvent(
  tx: Tx,
  id: string,
  event: string,
  from: ObjectionStatus | null,
  to: ObjectionStatus,
  actor: string,
  at: Date,
  detail: Record<string, unknown>,
) {
  await tx
    .insertInto('objection_events')
    .values({
      objection_id: id,
      event,
      from_status: from,
      to_status: to,
      actor,
      at,
      detail: JSON.stringify(detail),
    })
    .execute();
  await enqueueEvents(tx, [{ topic: OBJECTION_MILESTONE, payload: { objectionId: id, event } }]);
}

/** Who the caller is to this objection; null when it may not see it at all. */
function roleOf(principal: Principal, row: ObjectionRow): ObjectionRole | 'regulator' | null {
  if (principal.kind === 'user' && principal.userId === row.borrower_user_id) return 'borrower';
  if (principal.role === 'operator') return 'operator';
  if (principal.role === 'regulator') return 'regulator';
  if (principal.role === 'provider' && principal.organisationId === row.record_organisation_id) {
    return 'provider';
  }
  return null;
}

/** The step's own input, checked; what it writes on the objection. */
export type ObjectionAction =
  | { readonly event: 'accept' }
  | { readonly event: 'request_material'; readonly missingItems: readonly string[] }
  | {
      readonly event: 'supply_material';
      readonly evidenceDocumentIds: readonly string[];
      readonly note?: string | undefined;
    }
  | { readonly event: 'refuse'; readonly explanation: string }
  | {
      readonly event: 'find_no_error';
      readonly explanation: string;
      readonly otherRoutes: string;
      /** The evidence did not hold: an attempt to remove a true record, counted. */
      readonly evidenceRefuted: boolean;
    }
  | {
      readonly event: 'find_error';
      readonly explanation: string;
      readonly correction: Readonly<Record<string, unknown>>;
    }
  | { readonly event: 'approve_correction' }
  | { readonly event: 'reject_correction'; readonly note: string }
  | { readonly event: 'confirm_correction'; readonly correctedRecordId: bigint }
  | { readonly event: 'add_statement'; readonly statement: string }
  | { readonly event: 'withdraw' };

/**
 * Moves an objection one step, in one transaction: checks the caller's role and the status,
 * applies what the step writes, logs it on the timeline and queues its notices.
 */
export async function actOnObjection(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  action: ObjectionAction,
) {
  const caller = requireRole(principal);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('objections')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    const seen = row ? roleOf(caller, row) : null;
    if (!row || seen === null) throw notFound('objection');
    // A correction is approved by an operator other than the one who proposed it.
    const secondLook =
      action.event === 'approve_correction' || action.event === 'reject_correction';
    if (secondLook && seen === 'operator' && caller.kind === 'user') {
      if (caller.userId === row.proposed_by) throw new DomainError('SECOND_REVIEWER_REQUIRED');
    }
    const role: ObjectionRole | 'regulator' =
      secondLook && seen === 'operator' ? 'second_reviewer' : seen;
    if (role === 'regulator') throw new DomainError('FORBIDDEN');
    const result = objectionTransition(row.status, action.event, role);
    if (!result.ok) {
      throw result.why === 'wrong_role'
        ? new DomainError('FORBIDDEN')
        : new DomainError('CONFLICT', { detail: `${action.event} from ${row.status}` });
    }
    const now = ctx.now();
    const changes = await changesOf(tx, row, action, caller, now);
    await tx
      .updateTable('objections')
      .set({
        ...changes,
        status: result.to,
        updated_at: now,
        ...(isOpen(result.to) ? {} : { closed_at: row.closed_at ?? now }),
      })
      .where('id', '=', id)
      .execute();
    await logEvent(tx, id, action.event, row.status, result.to, principalId(caller), now, {
      ...('note' in action && action.note ? { note: action.note } : {}),
    });
    await recordAudit(tx, {
      actor: caller,
      action: `disputes.${action.event}`,
      subject: { kind: 'objection', id },
      detail: { from: row.status, to: result.to },
    });
  });
  return getObjection(ctx, principal, id);
}

async function changesOf(
  tx: Tx,
  row: ObjectionRow,
  action: ObjectionAction,
  caller: Principal,
  now: Date,
): Promise<Record<string, unknown>> {
  switch (action.event) {
    case 'request_material':
      // One notice lists everything missing; a second is refused by the system.
      if (row.material_notice_at !== null) throw new DomainError('MATERIAL_ALREADY_REQUESTED');
      return {
        material_notice: JSON.stringify(action.missingItems),
        material_notice_at: now,
        // The clock waits for the complete objection.
        complete_at: null,
        due_at: null,
      };
    case 'supply_material':
      return {
        evidence_document_ids: [...row.evidence_document_ids, ...action.evidenceDocumentIds],
        complete_at: now,
        due_at: answerDueAt(now),
      };
    case 'refuse':
      return { explanation: action.explanation };
    case 'find_no_error':
      return {
        explanation: action.explanation,
        other_routes: action.otherRoutes,
        evidence_refuted: action.evidenceRefuted,
      };
    case 'find_error':
      return {
        explanation: action.explanation,
        proposed_correction: JSON.stringify(action.correction),
        proposed_by: caller.kind === 'user' ? caller.userId : null,
      };
    case 'confirm_correction':
      if (!(await isLaterVersionOf(tx, action.correctedRecordId, row.record_id))) {
        throw invalidField('/body/correctedRecordId', 'OBJECTION_NOT_A_CORRECTION');
      }
      return { corrected_record_id: action.correctedRecordId };
    case 'add_statement':
      return { borrower_statement: action.statement };
    case 'accept':
    case 'approve_correction':
    case 'reject_correction':
    case 'withdraw':
      return {};
  }
}

function view(row: ObjectionRow, now: Date, role: ObjectionRole | 'regulator') {
  const deadline = row.due_at && isOpen(row.status) ? deadlineState(row.due_at, now) : null;
  return {
    id: row.id,
    recordId: row.record_id.toString(),
    feature: row.feature,
    reason: row.reason,
    status: row.status,
    evidenceDocumentIds: row.evidence_document_ids,
    createdAt: row.created_at,
    completeAt: row.complete_at,
    dueAt: row.due_at,
    daysLeft: deadline?.daysLeft ?? null,
    breached: deadline?.breached ?? false,
    materialNotice: row.material_notice,
    explanation: row.explanation,
    otherRoutes: row.other_routes,
    borrowerStatement: row.borrower_statement,
    evidenceRefuted: row.evidence_refuted,
    proposedCorrection: row.proposed_correction,
    correctedRecordId: row.corrected_record_id?.toString() ?? null,
    closedAt: row.closed_at,
    actions: role === 'regulator' ? [] : objectionEventsFor(row.status, role),
  };
}

export async function getObjection(ctx: AppContext, principal: Principal | null, id: string) {
  const caller = requireRole(principal);
  const row = await ctx.db
    .selectFrom('objections')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const role = row ? roleOf(caller, row) : null;
  if (!row || role === null) throw notFound('objection');
  const events = await ctx.db
    .selectFrom('objection_events')
    .select(['event', 'from_status', 'to_status', 'actor', 'at'])
    .where('objection_id', '=', id)
    .orderBy('id')
    .execute();
  return {
    ...view(row, ctx.now(), role === 'operator' ? 'operator' : role),
    timeline: events.map((e) => ({
      event: e.event,
      from: e.from_status,
      to: e.to_status,
      actor: e.actor,
      at: e.at,
    })),
  };
}

/** The borrower's own objections; all for the operator and regulator; a provider's records'. */
export async function listObjections(
  ctx: AppContext,
  principal: Principal | null,
  filter: { status?: ObjectionStatus | undefined; open?: boolean | undefined },
) {
  const caller = requireRole(principal, 'borrower', 'operator', 'regulator', 'provider');
  let query = ctx.db.selectFrom('objections').selectAll().orderBy('created_at', 'desc').limit(500);
  if (caller.role === 'borrower') {
    if (caller.kind !== 'user') throw new DomainError('FORBIDDEN');
    query = query.where('borrower_user_id', '=', caller.userId);
  }
  if (caller.role === 'provider') {
    query = query.where('record_organisation_id', '=', caller.organisationId ?? '');
  }
  if (filter.status) query = query.where('status', '=', filter.status);
  const rows = await query.execute();
  const now = ctx.now();
  return rows
    .filter((row) => filter.open === undefined || isOpen(row.status) === filter.open)
    .map((row) => view(row, now, roleOf(caller, row) ?? 'regulator'));
}

/** Of these record ids, those under an open objection: shown as such wherever they appear. */
export async function recordsUnderObjection(
  db: Db | Tx,
  recordIds: readonly string[],
): Promise<Set<string>> {
  if (recordIds.length === 0) return new Set();
  const row = await recordsUnderObjectionQuery(db, recordIds).executeTakeFirst();
  return new Set(row?.ids ?? []);
}

/**
 * {@link recordsUnderObjection} as a one-row query (`ids`, the record ids as text), to run
 * within another statement.
 */
export function recordsUnderObjectionQuery(db: QueryCreator<DB>, recordIds: readonly string[]) {
  return (
    db
      .selectFrom('objections')
      .select(sql<string[]>`coalesce(array_agg(distinct record_id::text), '{}')`.as('ids'))
      // No ids: a key no record has, so that the query is the same one statement either way.
      .where('record_id', 'in', recordIds.length > 0 ? recordIds.map((id) => BigInt(id)) : [-1n])
      .where('status', 'in', [...OPEN_STATUSES])
  );
}

/**
 * Sends each open objection's deadline warnings (5 days, 1 day before) and its breach once,
 * to the operators, through the outbox. Returns how many notices went out.
 */
export async function sweepObjectionDeadlines(ctx: AppContext): Promise<number> {
  const now = ctx.now();
  const open = await ctx.db
    .selectFrom('objections')
    .select(['id', 'due_at'])
    .where('due_at', 'is not', null)
    .where('status', 'in', ['submitted', 'investigating', 'awaiting_second_review', 'correcting'])
    .execute();
  let sent = 0;
  for (const objection of open) {
    if (!objection.due_at) continue;
    const { notices } = deadlineState(objection.due_at, now);
    if (notices.length === 0) continue;
    sent += await ctx.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('objection_notices')
        .values(notices.map((kind) => ({ objection_id: objection.id, kind, sent_at: now })))
        .onConflict((oc) => oc.doNothing())
        .returning('kind')
        .execute();
      await enqueueEvents(
        tx,
        inserted.map((row) => ({
          topic: OBJECTION_MILESTONE,
          payload: { objectionId: objection.id, event: row.kind },
        })),
      );
      return inserted.length;
    });
  }
  return sent;
}

/**
 * Objection figures for the regulator: how many, how fast answered, how many upheld, how
 * many tried to remove a true record, and how many missed the 20-day deadline.
 */
export async function objectionStatistics(ctx: AppContext, principal: Principal | null) {
  requireRole(principal, 'regulator', 'operator');
  const rows = await ctx.db
    .selectFrom('objections')
    .select(['status', 'created_at', 'closed_at', 'due_at', 'evidence_refuted'])
    .execute();
  const now = ctx.now();
  const closed = rows.filter((row) => row.closed_at !== null);
  const decided = closed.filter(
    (row) => row.status === 'corrected' || row.status === 'not_corrected',
  );
  const hours = closed
    .map((row) => ((row.closed_at?.getTime() ?? 0) - row.created_at.getTime()) / 3_600_000)
    .sort((a, b) => a - b);
  const breached = rows.filter((row) => {
    if (!row.due_at) return false;
    return (row.closed_at ?? now) > row.due_at;
  });
  const byStatus: Record<string, number> = {};
  for (const row of rows) byStatus[row.status] = (byStatus[row.status] ?? 0) + 1;
  return {
    total: rows.length,
    open: rows.length - closed.length,
    byStatus,
    medianHoursToClose:
      hours.length === 0 ? null : (hours[Math.floor((hours.length - 1) / 2)] ?? null),
    upheldShare:
      decided.length === 0
        ? null
        : decided.filter((r) => r.status === 'corrected').length / decided.length,
    evidenceRefuted: rows.filter((row) => row.evidence_refuted).length,
    breaches: breached.length,
    openBreaches: breached.filter((row) => row.closed_at === null).length,
  };
}

/**
 * What an operator (or the record's provider) needs to judge an objection: every version of
 * the record with its lineage, the subject's other current records of the category, and a
 * suggestion where the source's later data contradict the record.
 */
export async function triageObjection(ctx: AppContext, principal: Principal | null, id: string) {
  const caller = requireRole(principal, 'operator', 'provider');
  const row = await ctx.db
    .selectFrom('objections')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row || roleOf(caller, row) === null) throw notFound('objection');
  const versions = await getRecordVersions(ctx, caller, row.record_id);
  const objected = versions.find((version) => version.id === row.record_id.toString());
  if (!objected) throw notFound('record');
  const others =
    (
      await currentRecordsOf(ctx, ctx.db, row.subject_kind, [row.subject_ref], {
        withStaff: false,
        categories: [objected.category as RecordCategory],
      })
    ).get(row.subject_ref) ?? [];
  return {
    objectionId: id,
    versions,
    otherRecords: others.filter((other) => other.id !== objected.id),
    contradictions: contradictions(objected, others),
  };
}

/** For receipts: the borrower (user id) who filed an objection. */
export async function objectionBorrower(db: Db | Tx, id: string): Promise<string | null> {
  const row = await db
    .selectFrom('objections')
    .select('borrower_user_id')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.borrower_user_id ?? null;
}
