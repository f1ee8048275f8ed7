import { describe, expect, it } from 'vitest';
import {
  buildPolicyInput,
  interpretPolicyOutput,
  NO_DECISION_REASON,
  NO_LIMIT_REASON,
  PolicyOutputError,
} from './policy.js';

describe('buildPolicyInput', () => {
  const source = {
    applicantKind: 'enterprise' as const,
    score: 690,
    grade: 'B' as const,
    probabilityOfDefault: 0.03,
    requestedAmountFen: 123_456_789n,
    termMonths: 24,
    checks: {
      social_security: 'pending',
      identity: 'failed',
      business_status: 'pending',
      tax: 'passed',
    } as const,
    features: { listed_dishonest: 0, industry: 'C13', tax_paid_12m: null },
  };

  it('turns fen into a JSON number and lists failed and pending checks by name', () => {
    expect(buildPolicyInput(source)).toEqual({
      applicantKind: 'enterprise',
      productCode: null,
      score: 690,
      grade: 'B',
      probabilityOfDefault: 0.03,
      requestedAmountFen: 123_456_789,
      termMonths: 24,
      checks: source.checks,
      checksFailed: ['identity'],
      checksPending: ['business_status', 'social_security'],
      features: { listed_dishonest: 0, industry: 'C13', tax_paid_12m: null },
    });
  });

  it('refuses amounts a double cannot hold exactly', () => {
    const tooBig = BigInt(Number.MAX_SAFE_INTEGER) + 1n;
    expect(() => buildPolicyInput({ ...source, requestedAmountFen: tooBig })).toThrow(RangeError);
    expect(() => buildPolicyInput({ ...source, requestedAmountFen: -1n })).toThrow(RangeError);
  });
});

describe('interpretPolicyOutput', () => {
  it('merges collected rows: strictest decision, lowest limit and term, highest rate', () => {
    expect(
      interpretPolicyOutput([
        {
          decision: 'approve',
          reason: 'SCORE_GRADE_B',
          maxLimitFen: 100_000_000,
          rateBp: 480,
          maxTermMonths: 24,
        },
        { maxLimitFen: 40_000_000 },
        { decision: 'review', reasons: ['CHECK_PENDING', 'SCORE_GRADE_B'], rateBp: 520 },
        { decision: 'approve', maxTermMonths: 36, reason: null, rateBp: null },
      ]),
    ).toEqual({
      decision: 'review',
      reasons: ['SCORE_GRADE_B', 'CHECK_PENDING'],
      maxLimitFen: 40_000_000,
      rateBp: 520,
      maxTermMonths: 24,
    });
  });

  it('lets decline win over everything and offers no terms', () => {
    expect(
      interpretPolicyOutput([
        { decision: 'approve', reason: 'SCORE_GRADE_A', maxLimitFen: 300_000_000, rateBp: 385 },
        { decision: 'decline', reason: 'LISTED_DISHONEST' },
        { decision: 'review', reason: 'CHECK_PENDING' },
      ]),
    ).toEqual({
      decision: 'decline',
      reasons: ['SCORE_GRADE_A', 'LISTED_DISHONEST', 'CHECK_PENDING'],
    });
  });

  it('accepts a single outcome object, as a first-hit table gives', () => {
    expect(
      interpretPolicyOutput({ decision: 'approve', reason: 'OK', maxLimitFen: 0, rateBp: 0 }),
    ).toEqual({ decision: 'approve', reasons: ['OK'], maxLimitFen: 0, rateBp: 0 });
  });

  it('sends to review when no rule decides, or an approval has no limit', () => {
    expect(interpretPolicyOutput([])).toEqual({
      decision: 'review',
      reasons: [NO_DECISION_REASON],
    });
    expect(interpretPolicyOutput([{ maxLimitFen: 5 }])).toEqual({
      decision: 'review',
      reasons: [NO_DECISION_REASON],
      maxLimitFen: 5,
    });
    expect(interpretPolicyOutput([{ decision: 'approve', reason: 'SCORE_GRADE_A' }])).toEqual({
      decision: 'review',
      reasons: ['SCORE_GRADE_A', NO_LIMIT_REASON],
    });
  });

  it.each([
    [null, '', 'should be an object'],
    [[{ decision: 'approve' }, 'x'], '[1]', 'should be an object'],
    [[{}, { maxLimit: 5 }], '[1].maxLimit', 'unknown output field'],
    [{ decision: 'accept' }, 'decision', 'should be one of approve, review, decline'],
    [[{ maxLimitFen: 1.5 }], '[0].maxLimitFen', 'should be an integer'],
    [[{ maxLimitFen: '100' }], '[0].maxLimitFen', 'should be an integer'],
    [[{ maxLimitFen: -1 }], '[0].maxLimitFen', 'should be an integer'],
    [[{ rateBp: 385.5 }], '[0].rateBp', 'should be an integer'],
    [[{ rateBp: 12_000 }], '[0].rateBp', 'from 0 to 10000'],
    [[{ maxTermMonths: 0 }], '[0].maxTermMonths', 'from 1 to 600'],
    [[{ reason: 'low score' }], '[0].reason', 'a reason code should be'],
    [[{ reasons: 'A' }], '[0].reasons', 'should be a list'],
    [[{ reasons: ['A', 7] }], '[0].reasons[1]', 'a reason code should be'],
  ])('refuses %j at %s', (result, path, message) => {
    let error: unknown;
    try {
      interpretPolicyOutput(result);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(PolicyOutputError);
    expect((error as PolicyOutputError).path).toBe(path);
    expect((error as PolicyOutputError).message).toContain(message);
  });
});
