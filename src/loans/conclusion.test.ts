import { describe, expect, it } from 'vitest';
import type { ApplicationStatus } from './application-state.js';
import { planConclusion, type DecisionRow, type Verdict } from './conclusion.js';
import type { Decision } from './decide.js';

const NOW = new Date('2026-12-07T08:00:00Z');
const SUBMISSION = [
  { event: 'submit' as const, actor: 'user:u1' },
  { event: 'start_verification' as const, actor: 'system' },
];

function verdict(decision: Decision, overrides: Partial<Verdict> = {}): Verdict {
  const decisionRow = { id: 'd1', outcome: decision.outcome } as DecisionRow;
  return {
    decision,
    decisionRow,
    checkRows: [],
    checks: [],
    score: null,
    failedChecks: [],
    retryAfterSeconds: null,
    ...overrides,
  };
}

const application = (status: ApplicationStatus) => ({
  id: 'a1',
  status,
  termMonths: 12,
  repaymentMethod: 'equal_instalment',
  lenderOrganisationId: 'bank-a',
});

const approval: Decision = {
  outcome: 'approve',
  limitFen: 30_000_000n,
  rateBp: null,
  termMonths: 6,
  reasons: [],
};

describe('the conclusion of a verification', () => {
  it('of an approval moves a submission on to an offer with the limit, term and rate', () => {
    const plan = planConclusion(application('draft'), SUBMISSION, verdict(approval), 720, NOW);
    expect(plan.status).toBe('offered');
    expect(plan.timeline.map((row) => [row.event, row.from_status, row.to_status])).toEqual([
      ['submit', 'draft', 'submitted'],
      ['start_verification', 'submitted', 'verifying'],
      ['decide_approve', 'verifying', 'decided'],
      ['offer', 'decided', 'offered'],
    ]);
    // No rate from the rules or the grade: the product's highest.
    expect(plan.offer).toMatchObject({
      decision_id: 'd1',
      amount_fen: 30_000_000n,
      annual_rate_bp: 720,
      term_months: 6,
      repayment_method: 'equal_instalment',
    });
    expect(plan.offer?.expires_at.getTime()).toBe(NOW.getTime() + 7 * 86_400_000);
    expect(plan.review).toBeNull();
    expect(plan.retryVerificationAt).toBeNull();
    expect(plan.audit).toMatchObject({
      action: 'loans.decided',
      detail: { decisionId: 'd1', outcome: 'approve' },
    });
  });

  it('queues every milestone in the order it happened, failed checks before the decision', () => {
    const review: Decision = { ...approval, outcome: 'review', reasons: ['SS_NOT_CONTINUOUS'] };
    const plan = planConclusion(
      application('draft'),
      SUBMISSION,
      verdict(review, { failedChecks: ['social_security', 'identity'] }),
      720,
      NOW,
    );
    expect(plan.milestones.map((m) => m.payload)).toEqual([
      { applicationId: 'a1', event: 'submit', status: 'submitted' },
      { applicationId: 'a1', event: 'start_verification', status: 'verifying' },
      { applicationId: 'a1', event: 'check_failed', checks: 'social_security, identity' },
      { applicationId: 'a1', event: 'decide_review', status: 'decided' },
    ]);
    expect(plan.review).toMatchObject({ reason: 'policy', status: 'open', application_id: 'a1' });
    expect(plan.offer).toBeNull();
  });

  it('of a wait for a source keeps a retried application verifying, with the next attempt', () => {
    const pending: Decision = {
      outcome: 'pending',
      limitFen: null,
      rateBp: null,
      termMonths: null,
      reasons: ['BIZ_SOURCE_UNAVAILABLE'],
    };
    const plan = planConclusion(
      application('verifying'),
      [{ event: 'retry_verification', actor: 'system' }],
      verdict(pending, { retryAfterSeconds: 900 }),
      720,
      NOW,
    );
    expect(plan.status).toBe('verifying');
    expect(plan.timeline.map((row) => row.event)).toEqual(['retry_verification']);
    expect(plan.milestones.map((m) => m.payload.event)).toEqual([
      'retry_verification',
      'verification_waiting',
    ]);
    expect(plan.retryVerificationAt).toEqual(new Date(NOW.getTime() + 900_000));
    expect(plan.audit.action).toBe('loans.verification_waiting');
  });

  it('refuses a move the status does not allow', () => {
    expect(() =>
      planConclusion(application('declined'), SUBMISSION, verdict(approval), 720, NOW),
    ).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
  });
});
