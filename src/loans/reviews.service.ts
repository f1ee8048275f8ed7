import { createHash, randomUUID } from 'node:crypto';
import { recordAudit } from '../ledger/ledger.service.js';
import { requireUser } from '../platform/auth/guards.js';
import { LENDER_ROLES, type Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { DomainError, notFound } from '../platform/errors.js';
import { APPLICATION_MILESTONE, moveApplication } from './application-events.js';
import type { ApplicationEvent, ApplicationStatus } from './application-state.js';
import type { ReviewReason } from './loans.table.js';
import { offerOnApproval } from './offers.service.js';
import { findProduct } from './products.service.js';
import { enqueueEvents } from '../notify/outbox.service.js';

export interface ReviewDecision {
  readonly outcome: 'approve' | 'decline';
  /** The officer's reason, kept with the decision and shown on the timeline. */
  readonly reason: string;
  readonly limitFen?: bigint | undefined;
  readonly rateBp?: number | undefined;
  readonly termMonths?: number | undefined;
}

function officer(principal: Principal | null) {
  const actor = requireUser(principal, ...LENDER_ROLES);
  if (!actor.organisationId) throw new DomainError('FORBIDDEN');
  return { actor, organisationId: actor.organisationId };
}

/** Opens the review of an application (in the caller's transaction). */
export async function openReview(
  tx: Tx,
  application: { id: string; lenderOrganisationId: string },
  reason: ReviewReason,
  at: Date,
  requestNote: string | null = null,
) {
  const task = newReviewTask(application, reason, at, requestNote);
  await tx.insertInto('review_tasks').values(task).execute();
  return task.id;
}

/** The row of a new, open review task. */
export function newReviewTask(
  application: { id: string; lenderOrganisationId: string },
  reason: ReviewReason,
  at: Date,
  requestNote: string | null = null,
) {
  return {
    id: randomUUID(),
    application_id: application.id,
    lender_organisation_id: application.lenderOrganisationId,
    reason,
    status: 'open' as const,
    claimed_by: null,
    claimed_at: null,
    first_approval_by: null,
    first_approval: null,
    created_at: at,
    done_at: null,
    request_note: requestNote,
    answer: null,
  };
}

/** A review task as an application's page shows it. */
export function reviewView(row: {
  id: string;
  reason: ReviewReason;
  status: string;
  request_note: string | null;
  answer: string | null;
  created_at: Date;
  done_at: Date | null;
}) {
  return {
    id: row.id,
    reason: row.reason,
    status: row.status,
    requestNote: row.request_note,
    answer: row.answer,
    createdAt: row.created_at,
    doneAt: row.done_at,
  };
}

/** The lender's open reviews, oldest first, with how long each has waited. */
export async function listReviews(ctx: AppContext, principal: Principal | null) {
  const { organisationId } = officer(principal);
  const rows = await ctx.db
    .selectFrom('review_tasks')
    .innerJoin('loan_applications', 'loan_applications.id', 'review_tasks.application_id')
    .select([
      'review_tasks.id',
      'review_tasks.application_id',
      'review_tasks.reason',
      'review_tasks.request_note',
      'review_tasks.status',
      'review_tasks.claimed_by',
      'review_tasks.first_approval_by',
      'review_tasks.first_approval',
      'review_tasks.created_at',
      'loan_applications.amount_fen',
      'loan_applications.applicant_kind',
    ])
    .where('review_tasks.lender_organisation_id', '=', organisationId)
    .where('review_tasks.status', '!=', 'done')
    .orderBy('review_tasks.created_at')
    .execute();
  const now = ctx.now().getTime();
  return rows.map((row) => ({
    id: row.id,
    applicationId: row.application_id,
    reason: row.reason,
    requestNote: row.request_note,
    status: row.status,
    claimedBy: row.claimed_by,
    firstApprovalBy: row.first_approval_by,
    // What the first officer approved, for the second officer's check (maker-checker).
    firstApproval: row.first_approval,
    amountFen: row.amount_fen.toString(),
    applicantKind: row.applicant_kind,
    createdAt: row.created_at,
    waitingSeconds: Math.max(0, Math.round((now - row.created_at.getTime()) / 1000)),
  }));
}

async function taskOf(tx: Tx, id: string, organisationId: string) {
  const task = await tx
    .selectFrom('review_tasks')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!task || task.lender_organisation_id !== organisationId) throw notFound('review');
  return task;
}

/** An officer takes a review; nobody else may decide it meanwhile. */
export async function claimReview(ctx: AppContext, principal: Principal | null, id: string) {
  const { actor, organisationId } = officer(principal);
  await ctx.db.transaction().execute(async (tx) => {
    const task = await taskOf(tx, id, organisationId);
    if (task.status === 'done') throw new DomainError('REVIEW_DONE');
    if (task.claimed_by !== null && task.claimed_by !== actor.userId) {
      throw new DomainError('REVIEW_CLAIMED');
    }
    if (task.status === 'awaiting_second' && task.first_approval_by === actor.userId) {
      throw new DomainError('SECOND_REVIEWER_REQUIRED');
    }
    await tx
      .updateTable('review_tasks')
      .set({
        claimed_by: actor.userId,
        claimed_at: ctx.now(),
        status: task.status === 'awaiting_second' ? 'awaiting_second' : 'claimed',
      })
      .where('id', '=', id)
      .execute();
  });
  return (await listReviews(ctx, principal)).find((task) => task.id === id);
}

/**
 * An officer's decision on a claimed review. An approval above the product's threshold is
 * only the first of two: it waits for a second, different officer (maker-checker), whose
 * approval makes it final. Every decision is stored with its reason and audited.
 */
export async function decideReview(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  decision: ReviewDecision,
) {
  const { actor, organisationId } = officer(principal);
  return ctx.db.transaction().execute(async (tx) => {
    const task = await taskOf(tx, id, organisationId);
    if (task.status === 'done') throw new DomainError('REVIEW_DONE');
    if (task.claimed_by !== actor.userId) throw new DomainError('REVIEW_NOT_CLAIMED');
    if (task.reason === 'explanation_requested') throw new DomainError('REVIEW_WRONG_KIND');
    const application = await tx
      .selectFrom('loan_applications')
      .selectAll()
      .where('id', '=', task.application_id)
      .executeTakeFirstOrThrow();
    const product = await findProduct(tx, application.product_id);
    const limitFen = decision.limitFen ?? application.amount_fen;
    const needsSecond =
      decision.outcome === 'approve' && limitFen > product.second_review_above_fen;
    if (needsSecond && task.status !== 'awaiting_second') {
      await tx
        .updateTable('review_tasks')
        .set({
          status: 'awaiting_second',
          claimed_by: null,
          first_approval_by: actor.userId,
          first_approval: JSON.stringify({
            limitFen: limitFen.toString(),
            rateBp: decision.rateBp ?? null,
            termMonths: decision.termMonths ?? application.term_months,
            note: decision.reason,
          }),
        })
        .where('id', '=', id)
        .execute();
      await audit(tx, actor, task.application_id, 'loans.review_first_approval', decision);
      return { status: 'awaiting_second' as const };
    }
    if (task.status === 'awaiting_second' && task.first_approval_by === actor.userId) {
      throw new DomainError('SECOND_REVIEWER_REQUIRED');
    }
    const now = ctx.now();
    const snapshot = JSON.stringify({
      review: task.id,
      note: decision.reason,
      firstApproval: task.first_approval,
    });
    const decisionId = randomUUID();
    await tx
      .insertInto('loan_decisions')
      .values({
        id: decisionId,
        application_id: application.id,
        outcome: decision.outcome,
        limit_fen: decision.outcome === 'approve' ? limitFen : null,
        rate_bp: decision.outcome === 'approve' ? (decision.rateBp ?? null) : null,
        term_months:
          decision.outcome === 'approve' ? (decision.termMonths ?? application.term_months) : null,
        reasons: JSON.stringify([
          decision.outcome === 'approve' ? 'OFFICER_APPROVED' : 'OFFICER_DECLINED',
        ]),
        fired_rules: '[]',
        input_snapshot: snapshot,
        input_snapshot_encrypted: null,
        input_hash: createHash('sha256').update(snapshot, 'utf8').digest('hex'),
        model_id: null,
        rule_version_id: product.rule_version_id,
        product_id: product.id,
        automated: false,
        decided_by: [task.first_approval_by, actor.userId]
          .filter(Boolean)
          .map((u) => `user:${u}`)
          .join(','),
        decided_at: now,
      })
      .execute();
    await moveApplication(
      tx,
      { id: application.id, status: application.status as ApplicationStatus },
      decision.outcome === 'approve' ? 'review_approve' : 'review_decline',
      `user:${actor.userId}`,
      now,
      { reason: decision.reason },
    );
    await tx
      .updateTable('review_tasks')
      .set({ status: 'done', done_at: now })
      .where('id', '=', id)
      .execute();
    await audit(tx, actor, task.application_id, 'loans.review_decided', decision, decisionId);
    if (decision.outcome === 'approve') await offerOnApproval(ctx, tx, application.id);
    return { status: 'done' as const };
  });
}

async function audit(
  tx: Tx,
  actor: Principal,
  applicationId: string,
  action: string,
  decision: ReviewDecision,
  decisionId?: string,
) {
  await recordAudit(tx, {
    actor,
    action,
    subject: { kind: 'loan_application', id: applicationId },
    detail: {
      ...(decisionId ? { decisionId } : {}),
      outcome: decision.outcome,
      reason: decision.reason,
      limitFen: decision.limitFen?.toString() ?? null,
    },
  });
}

/** The borrower's application, locked, with its latest decision. */
async function borrowersDecidedApplication(tx: Tx, userId: string, id: string) {
  const application = await tx
    .selectFrom('loan_applications')
    .select(['id', 'status', 'borrower_user_id', 'lender_organisation_id'])
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!application || application.borrower_user_id !== userId) throw notFound('application');
  const decision = await tx
    .selectFrom('loan_decisions')
    .select(['id', 'automated', 'outcome'])
    .where('application_id', '=', id)
    .orderBy('decided_at', 'desc')
    .executeTakeFirst();
  const open = await tx
    .selectFrom('review_tasks')
    .select('id')
    .where('application_id', '=', id)
    .where('status', '!=', 'done')
    .executeTakeFirst();
  return { application, decision, openTask: open?.id ?? null };
}

/**
 * Sends a borrower's request to the lender's queue, in one transaction: the event on the
 * timeline and the review task. One request may be open at a time.
 */
async function requestPerson(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  request: { event: ApplicationEvent; reason: ReviewReason; note: string | undefined },
) {
  const actor = requireUser(principal, 'borrower');
  return ctx.db.transaction().execute(async (tx) => {
    const { application, decision, openTask } = await borrowersDecidedApplication(
      tx,
      actor.userId,
      id,
    );
    if (!decision) throw new DomainError('CONFLICT', { detail: 'nothing decided yet' });
    if (openTask) throw new DomainError('REVIEW_ALREADY_OPEN');
    if (request.reason === 'human_requested' && !decision.automated) {
      throw new DomainError('HUMAN_REVIEW_ALREADY_HUMAN');
    }
    const now = ctx.now();
    await moveApplication(
      tx,
      { id, status: application.status as ApplicationStatus },
      request.event,
      `user:${actor.userId}`,
      now,
      { decisionId: decision.id, ...(request.note ? { note: request.note } : {}) },
    );
    const reviewId = await openReview(
      tx,
      { id, lenderOrganisationId: application.lender_organisation_id },
      request.reason,
      now,
      request.note ?? null,
    );
    await recordAudit(tx, {
      actor,
      action: `loans.${request.reason}`,
      subject: { kind: 'loan_application', id },
      detail: { decisionId: decision.id, reviewId },
    });
    return { reviewId, status: 'open' };
  });
}

/**
 * The borrower refuses an automated decision and asks a person to decide again (PIPL art.
 * 24): the application goes back to `decided` with a review in the lender's queue; a
 * standing offer is withdrawn meanwhile. A decision a person already made is final.
 */
export async function requestHumanReview(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  note: string | undefined,
) {
  return requestPerson(ctx, principal, id, {
    event: 'request_human_review',
    reason: 'human_requested',
    note,
  });
}

/** The borrower asks for a person's explanation of a decision; the status does not change. */
export async function requestExplanation(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  note: string | undefined,
) {
  return requestPerson(ctx, principal, id, {
    event: 'request_explanation',
    reason: 'explanation_requested',
    note,
  });
}

/** An officer answers a claimed request for an explanation, in writing; the borrower is told. */
export async function answerExplanation(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  answer: string,
) {
  const { actor, organisationId } = officer(principal);
  return ctx.db.transaction().execute(async (tx) => {
    const task = await taskOf(tx, id, organisationId);
    if (task.status === 'done') throw new DomainError('REVIEW_DONE');
    if (task.claimed_by !== actor.userId) throw new DomainError('REVIEW_NOT_CLAIMED');
    if (task.reason !== 'explanation_requested') throw new DomainError('REVIEW_WRONG_KIND');
    const now = ctx.now();
    await tx
      .updateTable('review_tasks')
      .set({ status: 'done', done_at: now, answer })
      .where('id', '=', id)
      .execute();
    await enqueueEvents(tx, [
      {
        topic: APPLICATION_MILESTONE,
        payload: { applicationId: task.application_id, event: 'explanation_answered' },
      },
    ]);
    await recordAudit(tx, {
      actor,
      action: 'loans.explanation_answered',
      subject: { kind: 'loan_application', id: task.application_id },
      detail: { reviewId: id },
    });
    return { status: 'done' as const };
  });
}

/** The reviews of an application, with what was asked and answered, for its page. */
export async function reviewsOfApplication(db: Db | Tx, applicationId: string) {
  const rows = await db
    .selectFrom('review_tasks')
    .select(['id', 'reason', 'status', 'request_note', 'answer', 'created_at', 'done_at'])
    .where('application_id', '=', applicationId)
    .orderBy('created_at')
    .execute();
  return rows.map(reviewView);
}
