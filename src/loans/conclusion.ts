import type { Insertable, Selectable } from 'kysely';
import type { AuditEntry } from '../ledger/ledger.service.js';
import type { OutboxEvent } from '../notify/outbox.service.js';
import {
  APPLICATION_MILESTONE,
  planMoves,
  type Move,
  type TimelineRow,
} from './application-events.js';
import type { ApplicationEvent, ApplicationStatus } from './application-state.js';
import type { CheckResult } from '../verify/checks.js';
import type { Decision, ScoreSnapshot } from './decide.js';
import type { ApplicationChecksTable, LoanDecisionsTable } from './loans.table.js';
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
