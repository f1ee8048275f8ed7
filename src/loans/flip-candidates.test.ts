import { describe, expect, it } from 'vitest';
import type { Bin, BinStats } from '../scoring/binning.js';
import { DEFAULT_SCALING } from '../scoring/points.js';
import { SCORECARD_FORMAT, type Scorecard, type ScorecardFeature } from '../scoring/scorecard.js';
import { flipCandidates } from './flip-candidates.js';

const range = (lower: number | null, upper: number | null): Bin => ({
  kind: 'range',
  lower,
  upper,
});

function feature(
  name: string,
  bins: readonly (readonly [Bin, number])[],
  kind: 'numeric' | 'categorical' = 'numeric',
): ScorecardFeature {
  const stats: BinStats[] = bins.map(([bin]) => ({
    bin,
    count: 10,
    good: 9,
    bad: 1,
    share: 0.1,
    badRate: 0.1,
    woe: 0,
    iv: 0,
  }));
  return {
    name,
    kind,
    coefficient: 1,
    iv: 0.1,
    binning: { feature: name, kind, bins: stats, iv: 0.1, trend: 'none' },
    bins: bins.map(([bin, points]) => ({ bin, woe: 0, points, count: 10, badRate: 0.1 })),
  };
}

const scorecard: Scorecard = {
  format: SCORECARD_FORMAT,
  scaling: DEFAULT_SCALING,
  intercept: 0,
  population: { rows: 100, bads: 10 },
  features: [
    // More months of contributions, more points.
    feature('ss_months_12m', [
      [range(null, 6), 10],
      [range(6, 12), 40],
      [range(12, null), 70],
      [{ kind: 'missing' }, 0],
    ]),
    // More months in arrears, fewer points.
    feature('tax_arrears_months_12m', [
      [range(null, 1), 60],
      [range(1, 3), 30],
      [range(3, null), 5],
    ]),
    feature(
      'industry',
      [[{ kind: 'categories', categories: ['manufacturing'] }, 20]],
      'categorical',
    ),
  ],
};

describe('flipCandidates', () => {
  it('proposes each better bin by the smallest move, nearest first', () => {
    const candidates = flipCandidates(scorecard, {
      ss_months_12m: 8,
      tax_arrears_months_12m: 4,
      industry: 'manufacturing',
    });
    expect(candidates).toEqual([
      // 8 → 12 months: a move of half the value.
      expect.objectContaining({
        feature: 'ss_months_12m',
        to: 12,
        direction: 'at_least',
        threshold: 12,
        pointsGained: 30,
        distance: 0.5,
      }),
      // 4 → 2 months in arrears (below 3).
      expect.objectContaining({
        feature: 'tax_arrears_months_12m',
        to: 2,
        direction: 'below',
        threshold: 3,
        pointsGained: 25,
        distance: 0.5,
      }),
      expect.objectContaining({
        feature: 'tax_arrears_months_12m',
        to: 0,
        direction: 'below',
        threshold: 1,
        pointsGained: 55,
        distance: 1,
      }),
    ]);
  });

  it('proposes data where there was none, as the largest move', () => {
    const candidates = flipCandidates(scorecard, { tax_arrears_months_12m: 0 });
    expect(candidates.map((c) => [c.feature, c.to, c.distance])).toEqual([
      ['ss_months_12m', 12, 10],
      ['ss_months_12m', 6, 10],
      ['ss_months_12m', 5, 10],
    ]);
  });

  it('moves a fractional bound by a hair, and proposes nothing at the best bins', () => {
    const ratio: Scorecard = {
      ...scorecard,
      features: [
        feature('debt_ratio', [
          [range(null, 0.35), 50],
          [range(0.35, null), 10],
        ]),
      ],
    };
    const [candidate] = flipCandidates(ratio, { debt_ratio: 0.5 });
    expect(candidate?.direction).toBe('below');
    expect(candidate?.to).toBeLessThan(0.35);
    expect(candidate?.to).toBeGreaterThan(0.3499);
    expect(flipCandidates(ratio, { debt_ratio: 0.1 })).toEqual([]);
  });
});
