import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from './default-policy.js';
import { checkExpressions, RulesEngine, validateJdm } from './engine.js';
import { canonicalJdm } from './jdm.js';
import { interpretPolicyOutput, type PolicyInput } from './policy.js';
import { applicant } from './testing.js';

const engine = new RulesEngine();
afterAll(() => engine.dispose());

async function decide(input: PolicyInput) {
  const evaluation = await engine.evaluate(defaultPolicy(), input);
  return { outcome: interpretPolicyOutput(evaluation.result), trace: evaluation.trace };
}

describe('the default policy', () => {
  it('is valid JDM, expressions included, and survives a canonical round trip', () => {
    const text = readFileSync(new URL('./default-policy.jdm.json', import.meta.url), 'utf8');
    expect(validateJdm(text)).toMatchObject({ ok: true });
    expect(checkExpressions(defaultPolicy())).toEqual([]);
    expect(JSON.parse(canonicalJdm(defaultPolicy()))).toEqual(JSON.parse(text));
  });

  it('approves a sound grade A enterprise at the grade A terms', async () => {
    const { outcome, trace } = await decide(applicant({}, { tax_paid_12m: 50_000_000 }));
    expect(outcome).toEqual({
      decision: 'approve',
      reasons: ['SCORE_GRADE_A'],
      maxLimitFen: 300_000_000,
      rateBp: 385,
      maxTermMonths: 36,
    });
    expect(trace.map((rule) => rule.ruleId)).toEqual(['approve-enterprise-a', 'limit-tax-paid']);
  });

  it('caps an enterprise limit at eight times the tax paid in a year', async () => {
    const { outcome } = await decide(applicant({ grade: 'B' }, { tax_paid_12m: 5_000_000 }));
    expect(outcome).toEqual({
      decision: 'approve',
      reasons: ['SCORE_GRADE_B'],
      maxLimitFen: 40_000_000,
      rateBp: 480,
      maxTermMonths: 24,
    });
  });

  it('approves an individual at the consumer terms, tax or not', async () => {
    const person = applicant(
      { applicantKind: 'person', grade: 'B', checks: { identity: 'passed' } },
      { tax_paid_12m: null, years_since_registration: null, business_closed: null },
    );
    expect((await decide(person)).outcome).toEqual({
      decision: 'approve',
      reasons: ['SCORE_GRADE_B'],
      maxLimitFen: 10_000_000,
      rateBp: 560,
      maxTermMonths: 24,
    });
  });

  it('declines a dishonest debtor whatever the grade, and the trace says which rule', async () => {
    const { outcome, trace } = await decide(applicant({}, { listed_dishonest: 1 }));
    expect(outcome).toEqual({
      decision: 'decline',
      reasons: ['LISTED_DISHONEST', 'SCORE_GRADE_A'],
    });
    expect(trace[0]).toEqual({
      node: 'loan-policy',
      ruleId: 'decline-dishonest',
      outputs: { decision: 'decline', reason: 'LISTED_DISHONEST' },
    });
    expect(trace.map((rule) => rule.ruleId)).toEqual([
      'decline-dishonest',
      'approve-enterprise-a',
      'limit-tax-paid',
    ]);
  });

  it.each([
    [{}, { business_closed: 1 }, ['BUSINESS_CLOSED']],
    [{}, { tax_arrears_months_12m: 4 }, ['TAX_ARREARS']],
    [{ grade: 'E' as const }, {}, ['SCORE_GRADE_E']],
    [{ checks: { identity: 'failed' as const } }, {}, ['CHECK_FAILED']],
  ])('declines %j %j with %j', async (overrides, features, reasons) => {
    const { outcome } = await decide(applicant(overrides, features));
    expect(outcome.decision).toBe('decline');
    expect(outcome.reasons).toEqual(expect.arrayContaining(reasons));
    expect(outcome.maxLimitFen).toBeUndefined();
  });

  it('sends grade D to review', async () => {
    const { outcome } = await decide(applicant({ grade: 'D' }));
    expect(outcome).toEqual({ decision: 'review', reasons: ['SCORE_GRADE_D'] });
  });

  it('sends a pending check to review and keeps the proposed terms for the officer', async () => {
    const input = applicant(
      { grade: 'C', checks: { identity: 'passed', social_security: 'pending' } },
      { tax_arrears_months_12m: 1 },
    );
    expect((await decide(input)).outcome).toEqual({
      decision: 'review',
      reasons: ['CHECK_PENDING', 'TAX_ARREARS_RECENT', 'SCORE_GRADE_C'],
      maxLimitFen: 30_000_000,
      rateBp: 650,
      maxTermMonths: 12,
    });
  });

  it('reviews missing tax history and young businesses, but not a missing social security feature', async () => {
    const input = applicant(
      {},
      { tax_paid_12m: null, years_since_registration: 0.4, ss_continuous_months: null },
    );
    expect((await decide(input)).outcome).toEqual({
      decision: 'review',
      reasons: ['YOUNG_BUSINESS', 'NO_TAX_HISTORY', 'SCORE_GRADE_A'],
      maxLimitFen: 300_000_000,
      rateBp: 385,
      maxTermMonths: 36,
    });
  });

  it('reviews large amounts', async () => {
    const { outcome } = await decide(applicant({ requestedAmountFen: 800_000_000n }));
    expect(outcome.decision).toBe('review');
    expect(outcome.reasons).toEqual(['LARGE_AMOUNT', 'SCORE_GRADE_A']);
  });
});
