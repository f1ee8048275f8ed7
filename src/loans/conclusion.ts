import type { Insertable, QueryCreator, Selectable } from 'kysely';
import { auditEventQuery, type AuditEntry } from '../ledger/ledger.service.js';
import { queueEventsQuery, type OutboxEvent } from '../notify/outbox.service.js';
import type { Tx } from '../platform/db.js';
import type { DB } from '../platform/schema.js';
import {
  APPLICATION_MILESTONE,
  planMoves,
  type Move,
  type TimelineRow,
} from './application-events.js';
import type { ApplicationEvent, ApplicationStatus } from './application-state.js';
import type { CheckResult } from '../verify/checks.js';
import type { Decision, ScoreSnapshot } from './decide.js';
import type {
  ApplicationChecksTable,
  LoanApplicationsTable,
  LoanDecisionsTable,
} from './loans.table.js';
import { newOffer } from './offers.service.js';
import { newReviewTask } from './reviews.service.js';

/** A decision's row to insert: its JSON columns as text. */
export type DecisionRow = Omit<
  Selectable<LoanDecisionsTable>,
  'reasons' | 'fired_rules' | 'input_snapshot'
> & {
  readonly reasons: string;
  readonly fired_rules: string;
  readonly input_snapshot: string | null;
};

/** A machine decision and the rows that record it, not yet written. */
export interface Verdict {
  readonly decision: Decision;
  readonly decisionRow: DecisionRow;
  readonly checkRows: readonly Insertable<ApplicationChecksTable>[];
  readonly checks: readonly CheckResult[];
  /** The score the decision was taken on, as its snapshot keeps it. */
  readonly score: ScoreSnapshot | null;
  readonly failedChecks: readonly string[];
  /** When to verify again: a source was down. */
  readonly retryAfterSeconds: number | null;
}

/** Everything a verification writes, in the order it happened. */
export interface Conclusion {
  readonly status: ApplicationStatus;
  readonly retryVerificationAt: Date | null;
  readonly timeline: readonly TimelineRow[];
  readonly milestones: readonly OutboxEvent[];
  readonly verdict: Verdict;
  readonly offer: ReturnType<typeof newOffer> | null;
  readonly review: ReturnType<typeof newReviewTask> | null;
  readonly audit: AuditEntry;
}

const DECISION_EVENTS: Record<Decision['outcome'], ApplicationEvent | null> = {
  approve: 'decide_approve',
  review: 'decide_review',
  decline: 'decide_decline',
  pending: null,
};

/**
 * What follows a verification: the moves before it (submission, or a retry), the failed
 * checks' and the wait's milestones, the decision's move, a review task on review, an offer
 * on approval, and the audit event; while a source is down, the time of the next attempt.
 */
export function planConclusion(
  application: {
    id: string;
    status: ApplicationStatus;
    termMonths: number;
    repaymentMethod: string;
    lenderOrganisationId: string;
  },
  movesBefore: readonly Move[],
  verdict: Verdict,
  /** The product's highest rate, for an approval whose rules and grade named none. */
  highestRateBp: number,
  now: Date,
): Conclusion {
  const { decision } = verdict;
  const before = planMoves(application, movesBefore, now);
  const waiting = [
    ...(verdict.failedChecks.length > 0
      ? [{ event: 'check_failed', checks: verdict.failedChecks.join(', ') }]
      : []),
    ...(decision.outcome === 'pending' ? [{ event: 'verification_waiting' }] : []),
  ].map((payload) => ({
    topic: APPLICATION_MILESTONE,
    payload: { applicationId: application.id, ...payload },
  }));
  const offer =
    decision.outcome === 'approve' && decision.limitFen !== null
      ? newOffer(
          {
            id: application.id,
            term_months: application.termMonths,
            repayment_method: application.repaymentMethod,
          },
          {
            id: verdict.decisionRow.id,
            limit_fen: decision.limitFen,
            term_months: decision.termMonths,
          },
          decision.rateBp ?? highestRateBp,
          now,
        )
      : null;
  const event = DECISION_EVENTS[decision.outcome];
  const after = planMoves(
    { id: application.id, status: before.status },
    [
      ...(event ? [{ event, actor: 'system', detail: { outcome: decision.outcome } }] : []),
      ...(offer
        ? [
            {
              event: 'offer' as const,
              actor: 'system',
              detail: {
                offerId: offer.id,
                amountFen: offer.amount_fen.toString(),
                rateBp: offer.annual_rate_bp,
              },
            },
          ]
        : []),
    ],
    now,
  );
  return {
    status: after.status,
    retryVerificationAt:
      verdict.retryAfterSeconds === null
        ? null
        : new Date(now.getTime() + verdict.retryAfterSeconds * 1000),
    timeline: [...before.timeline, ...after.timeline],
    milestones: [...before.milestones, ...waiting, ...after.milestones],
    verdict,
    offer,
    review:
      decision.outcome === 'review'
        ? newReviewTask(
            { id: application.id, lenderOrganisationId: application.lenderOrganisationId },
            'policy',
            now,
          )
        : null,
    audit: {
      actor: 'system',
      action: decision.outcome === 'pending' ? 'loans.verification_waiting' : 'loans.decided',
      subject: { kind: 'loan_application', id: application.id },
      detail: {
        decisionId: verdict.decisionRow.id,
        outcome: decision.outcome,
        reasons: [...decision.reasons],
      },
    },
  };
}

/** A new application is inserted in its concluded status; a waiting one is updated. */
export type ConclusionTarget =
  | { readonly insert: Insertable<LoanApplicationsTable> }
  | { readonly update: { readonly id: string } };

/**
 * Writes a conclusion in one statement: the application, its timeline, milestones, check
 * results, decision, offer or review task, and the audit event (whose id it returns). The
 * parts are data-modifying `with` queries; their foreign keys are checked at the end of
 * the statement, when the application row exists. One round trip instead of one per row
 * kind is most of what a decision costs.
 */
export async function storeConclusion(
  tx: Tx,
  target: ConclusionTarget,
  conclusion: Conclusion,
  at: Date,
): Promise<{ auditEventId: string }> {
  const { verdict, offer, review } = conclusion;
  let query: QueryCreator<DB> =
    'insert' in target
      ? withPart(tx, 'application', (db) =>
          db
            .insertInto('loan_applications')
            .values({
              ...target.insert,
              status: conclusion.status,
              retry_verification_at: conclusion.retryVerificationAt,
            })
            .returning('id'),
        )
      : withPart(tx, 'application', (db) =>
          db
            .updateTable('loan_applications')
            .set({
              status: conclusion.status,
              updated_at: at,
              retry_verification_at: conclusion.retryVerificationAt,
            })
            .where('id', '=', target.update.id)
            .returning('id'),
        );
  query = withPart(query, 'timeline', (db) =>
    db
      .insertInto('application_events')
      .values([...conclusion.timeline])
      .returning('id'),
  );
  if (conclusion.milestones.length > 0) {
    query = withPart(query, 'milestones', (db) => queueEventsQuery(db, conclusion.milestones));
  }
  if (verdict.checkRows.length > 0) {
    query = withPart(query, 'checks', (db) =>
      db
        .insertInto('application_checks')
        .values([...verdict.checkRows])
        .returning('id'),
    );
  }
  query = withPart(query, 'decision', (db) =>
    db.insertInto('loan_decisions').values(verdict.decisionRow).returning('id'),
  );
  if (offer) {
    query = withPart(query, 'offer', (db) =>
      db.insertInto('loan_offers').values(offer).returning('id'),
    );
  }
  if (review) {
    query = withPart(query, 'review', (db) =>
      db.insertInto('review_tasks').values(review).returning('id'),
    );
  }
  const audit = await auditEventQuery(query, conclusion.audit).executeTakeFirstOrThrow();
  return { auditEventId: String(audit.id) };
}

/**
 * Adds a data-modifying `with` part. Its rows are not read by the rest of the statement, so
 * the part's name is left out of the type: the parts can then be added conditionally.
 */
function withPart(
  query: QueryCreator<DB>,
  name: string,
  part: (db: QueryCreator<DB>) => { compile: () => unknown },
): QueryCreator<DB> {
  return query.with(name, part as never);
}
