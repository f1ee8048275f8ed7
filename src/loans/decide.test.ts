import { describe, expect, it } from 'vitest';
import { decide, type DecisionInput } from './decide.js';

const base: DecisionInput = {
  requestedAmountFen: 50_000_000n,
  termMonths: 12,
  terms: {
    minAmountFen: 1_000_000n,
    maxAmountFen: 100_000_000n,
    minTermMonths: 3,
    maxTermMonths: 36,
    rateBpByGrade: { A: 380, B: 450, C: 560 },
    approveFromScore: 560,
    declineBelowScore: 500,
  },
  score: { score: 610, grade: 'A', probabilityOfDefault: 0.015, modelId: 'm1' },
  checks: [{ check: 'business_status', outcome: 'pass', problems: [] }],
  policy: { decision: 'approve', reasons: [] },
};

describe('decide', () => {
  it('approves a low-risk applicant at once, with the limit asked and the grade rate', () => {
    expect(decide(base)).toEqual({
      outcome: 'approve',
      limitFen: 50_000_000n,
      rateBp: 380,
      termMonths: 12,
      reasons: [],
    });
  });

  it('sends a medium score to review and declines a high-risk one', () => {
    const medium = decide({ ...base, score: { ...base.score!, score: 530, grade: 'C' } });
    expect(medium).toMatchObject({ outcome: 'review', reasons: ['SCORE_IN_REVIEW_BAND'] });
    const high = decide({ ...base, score: { ...base.score!, score: 470, grade: 'E' } });
    expect(high).toEqual({
      outcome: 'decline',
      limitFen: null,
      rateBp: null,
      termMonths: null,
      reasons: ['SCORE_BELOW_CUT_OFF'],
    });
  });

  it('never declines for a source that is down: the decision waits', () => {
    const down = decide({
      ...base,
      checks: [{ check: 'social_security', outcome: 'unavailable', problems: [] }],
    });
    expect(down.outcome).toBe('pending');
  });

  it('a failed check declines unless other proof can settle it, then a person reviews', () => {
    const hard = decide({
      ...base,
      checks: [
        {
          check: 'court_enforcement',
          outcome: 'fail',
          problems: [{ code: 'COURT_DISHONEST', proofAccepted: false }],
        },
      ],
    });
    expect(hard).toMatchObject({ outcome: 'decline', reasons: ['COURT_DISHONEST'] });
    const soft = decide({
      ...base,
      checks: [
        {
          check: 'social_security',
          outcome: 'fail',
          problems: [{ code: 'SS_EMPLOYER_MISMATCH', proofAccepted: true }],
        },
      ],
    });
    expect(soft).toMatchObject({ outcome: 'review', reasons: ['SS_EMPLOYER_MISMATCH'] });
  });

  it('takes the strictest word and the smallest limit, keeping every reason', () => {
    const result = decide({
      ...base,
      policy: {
        decision: 'review',
        reasons: ['TAX_ARREARS'],
        maxLimitFen: 20_000_000,
        rateBp: 520,
        maxTermMonths: 6,
      },
    });
    expect(result).toEqual({
      outcome: 'review',
      limitFen: 20_000_000n,
      rateBp: 520,
      termMonths: 6,
      reasons: ['TAX_ARREARS'],
    });
  });

  it('declines amounts and terms the product does not offer', () => {
    const result = decide({ ...base, requestedAmountFen: 200_000_000n, termMonths: 60 });
    expect(result.reasons).toEqual(['AMOUNT_ABOVE_PRODUCT_MAXIMUM', 'TERM_OUTSIDE_PRODUCT']);
    expect(result.outcome).toBe('decline');
  });

  it('is the same for the same snapshot', () => {
    expect(decide(base)).toEqual(decide(structuredClone(base)));
  });
});
