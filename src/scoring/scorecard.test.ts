import { describe, expect, it } from 'vitest';
import {
  reasonContributions,
  scoreRange,
  scoreRow,
  trainScorecard,
  TrainingError,
} from './scorecard.js';

/** 600 rows: risk rises with `arrears`; `colour` has nothing to do with it by design. */
function data() {
  const arrears: number[] = [];
  const colour: string[] = [];
  const target: (0 | 1)[] = [];
  for (let i = 0; i < 600; i += 1) {
    const months = i % 6;
    arrears.push(months);
    colour.push(Math.floor(i / 6) % 2 === 0 ? 'red' : 'blue');
    target.push((i * 7919) % 100 < 4 + months * 8 ? 1 : 0);
  }
  return {
    columns: [
      { name: 'arrears', kind: 'numeric' as const, values: arrears },
      { name: 'colour', kind: 'categorical' as const, values: colour },
    ],
    target,
  };
}

const values = (arrears: number) => (name: string) => (name === 'arrears' ? arrears : 'red');

describe('trainScorecard and scoreRow', () => {
  const { scorecard, selection } = trainScorecard(data(), { l2: 0.01 });

  it('keeps the informative feature, with its IV, and accounts for every candidate', () => {
    const kept = scorecard.features.map((f) => f.name);
    expect(kept).toContain('arrears');
    expect(kept.length + selection.dropped.length).toBe(2);
    expect(scorecard.features.find((f) => f.name === 'arrears')?.iv).toBeGreaterThan(0.1);
  });

  it('gives more points to fewer months of arrears, and a higher PD to more', () => {
    const good = scoreRow(scorecard, values(0));
    const bad = scoreRow(scorecard, values(5));
    expect(good.score).toBeGreaterThan(bad.score);
    expect(good.probabilityOfDefault).toBeLessThan(bad.probabilityOfDefault);
    const range = scoreRange(scorecard);
    expect(good.score).toBeLessThanOrEqual(range.max);
    expect(bad.score).toBeGreaterThanOrEqual(range.min);
  });

  it('names as reasons only the features that cost points, with what they cost', () => {
    const none = reasonContributions(scoreRow(scorecard, values(0)));
    expect(none.map((r) => r.feature)).not.toContain('arrears');
    const reason = reasonContributions(scoreRow(scorecard, values(5))).find(
      (r) => r.feature === 'arrears',
    );
    expect(reason).toMatchObject({ feature: 'arrears', value: 5 });
    expect(reason?.shortfall).toBeGreaterThan(0.5);
  });

  it('refuses data that cannot make a scorecard', () => {
    const { columns } = data();
    const allGood = new Array<0>(600).fill(0);
    expect(() => trainScorecard({ columns, target: allGood })).toThrow(TrainingError);
    expect(() => trainScorecard({ columns: [], target: [] })).toThrow(/no rows/);
  });
});
