import { describe, expect, it } from 'vitest';
import { defaultPolicy } from './default-policy.js';
import { dryRun, type DryRunCase } from './dry-run.js';
import { RulesEngine } from './engine.js';
import { jdmHash } from './jdm.js';
import { applicant, editedDefaultPolicy } from './testing.js';

const cases: DryRunCase[] = [
  { id: 'ent-a', input: applicant() },
  { id: 'ent-b', input: applicant({ grade: 'B' }) },
  { id: 'ent-c', input: applicant({ grade: 'C' }) },
  { id: 'ent-c-2', input: applicant({ grade: 'C', score: 640 }) },
  { id: 'ent-d', input: applicant({ grade: 'D' }) },
  { id: 'dishonest', input: applicant({}, { listed_dishonest: 1 }) },
  { id: 'person-c', input: applicant({ applicantKind: 'person', grade: 'C' }) },
];

// Grade C enterprises go to review, grade A gets a lower limit, grade D is declined, and a
// typo makes the individual grade C limit negative.
const candidate = editedDefaultPolicy({
  'approve-enterprise-c': { decision: '"review"', reason: '"SCORE_GRADE_C_REVIEW"' },
  'approve-enterprise-a': { 'max-limit': '200000000' },
  'review-grade-d': { decision: '"decline"' },
  'approve-person-c': { 'max-limit': '-3000000' },
});

describe('dryRun', () => {
  it('counts the decisions that flip, and which way, and the changed terms', async () => {
    const report = await dryRun(defaultPolicy(), candidate, cases);
    expect(report.currentHash).toBe(jdmHash(defaultPolicy()));
    expect(report.candidateHash).toBe(jdmHash(candidate));
    expect(report.counts).toEqual({
      total: 7,
      unchanged: 2,
      flipped: 3,
      termsChanged: 1,
      reasonsChanged: 0,
      errors: 1,
      transitions: { 'approve->review': 2, 'review->decline': 1 },
      decisions: {
        current: { approve: 4, review: 1, decline: 1 },
        candidate: { approve: 2, review: 2, decline: 2 },
      },
    });
    const byId = new Map(report.cases.map((c) => [c.id, c]));
    expect(byId.get('ent-c')).toMatchObject({
      flipped: true,
      transition: 'approve->review',
      current: { outcome: { decision: 'approve', maxLimitFen: 30_000_000 } },
      candidate: { outcome: { decision: 'review', reasons: ['SCORE_GRADE_C_REVIEW'] } },
    });
    expect(byId.get('ent-a')).toMatchObject({
      flipped: false,
      transition: null,
      termsChanged: true,
      candidate: { outcome: { maxLimitFen: 200_000_000 } },
    });
    const failed = byId.get('person-c');
    expect(failed?.current).toHaveProperty('outcome.decision', 'approve');
    expect(failed?.candidate).toHaveProperty('error');
    expect((failed?.candidate as { error: string }).error).toContain('maxLimitFen');
    expect(report.cases.map((c) => c.id)).toEqual(cases.map((c) => c.id));
  });

  it('reports no change for the same policy, using the engine it is given', async () => {
    const engine = new RulesEngine();
    try {
      const report = await dryRun(defaultPolicy(), defaultPolicy(), cases, {
        engine,
        concurrency: 2,
      });
      expect(report.counts).toMatchObject({ total: 7, unchanged: 7, flipped: 0, errors: 0 });
      expect(report.currentHash).toBe(report.candidateHash);
      expect(engine.size).toBe(1);
      const first = report.cases[0]?.current;
      expect(first && 'fired' in first ? first.fired.map((r) => r.ruleId) : []).toEqual([
        'approve-enterprise-a',
        'limit-tax-paid',
      ]);
    } finally {
      engine.dispose();
    }
  });
});
