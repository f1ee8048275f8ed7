import { describe, expect, it } from 'vitest';
import { fairnessFlags, ratesByGroup, type DecisionFact } from './rates.js';

const facts = (group: string, n: number, approved: number, loans: number, defaults: number) =>
  Array.from({ length: n }, (_, i): DecisionFact => ({
    group,
    approved: i < approved,
    defaulted: i < loans ? i < defaults : null,
  }));

describe('ratesByGroup', () => {
  it('counts decided, approved, loans and defaults per group', () => {
    const rates = ratesByGroup([
      ...facts('manufacturing', 4, 3, 2, 1),
      { group: 'trade', approved: null, defaulted: null },
    ]);
    expect(rates).toEqual([
      {
        group: 'manufacturing',
        applications: 4,
        decided: 4,
        approved: 3,
        approvalRate: 0.75,
        loans: 2,
        defaults: 1,
        defaultRate: 0.5,
      },
      {
        group: 'trade',
        applications: 1,
        decided: 0,
        approved: 0,
        approvalRate: null,
        loans: 0,
        defaults: 0,
        defaultRate: null,
      },
    ]);
  });
});

describe('fairnessFlags', () => {
  it('flags groups that default alike but are approved differently', () => {
    const rates = ratesByGroup([
      ...facts('catering', 100, 50, 40, 2), // approves 50 %, defaults 5 %
      ...facts('technology', 100, 80, 40, 2), // approves 80 %, defaults 5 %
      ...facts('trade', 100, 52, 40, 8), // defaults 20 %: not similar
    ]);
    expect(fairnessFlags(rates)).toEqual([
      { groups: ['catering', 'technology'], approvalRates: [0.5, 0.8], defaultRates: [0.05, 0.05] },
    ]);
  });

  it('says nothing about groups too small to judge', () => {
    const rates = ratesByGroup([...facts('a', 10, 2, 10, 0), ...facts('b', 10, 9, 10, 0)]);
    expect(fairnessFlags(rates)).toEqual([]);
    expect(fairnessFlags(rates, { minDecided: 5, minLoans: 5 })).toHaveLength(1);
  });
});
