import { describe, expect, it } from 'vitest';
import {
  binPoints,
  DEFAULT_SCALING,
  probabilityFromScore,
  scalingFactors,
  scoreFromLogit,
} from './points.js';

describe('scalingFactors', () => {
  it('gives factor pdo/ln2 and offset baseScore − factor·ln(baseOdds) for 600/50/20', () => {
    const { factor, offset } = scalingFactors(DEFAULT_SCALING);
    expect(DEFAULT_SCALING).toEqual({ baseScore: 600, baseOdds: 50, pdo: 20 });
    expect(factor).toBeCloseTo(28.8539, 4);
    expect(offset).toBeCloseTo(487.1229, 4);
  });

  it('refuses scaling that cannot be inverted', () => {
    expect(() => scalingFactors({ baseScore: 600, baseOdds: 50, pdo: 0 })).toThrow(/PDO/);
    expect(() => scalingFactors({ baseScore: 600, baseOdds: -1, pdo: 20 })).toThrow(/odds/);
  });
});

describe('scoreFromLogit and probabilityFromScore', () => {
  it('scores the base odds at the base score and PDO more when the odds double', () => {
    // logit(p_bad) = −ln(odds of good).
    expect(scoreFromLogit(-Math.log(50), DEFAULT_SCALING)).toBeCloseTo(600, 10);
    expect(scoreFromLogit(-Math.log(100), DEFAULT_SCALING)).toBeCloseTo(620, 10);
    expect(scoreFromLogit(-Math.log(25), DEFAULT_SCALING)).toBeCloseTo(580, 10);
  });

  it('inverts the score to the probability of bad', () => {
    expect(probabilityFromScore(600, DEFAULT_SCALING)).toBeCloseTo(1 / 51, 14);
    expect(probabilityFromScore(620, DEFAULT_SCALING)).toBeCloseTo(1 / 101, 14);
    for (const logit of [-4, -0.3, 0, 2.5]) {
      const score = scoreFromLogit(logit, DEFAULT_SCALING);
      expect(probabilityFromScore(score, DEFAULT_SCALING)).toBeCloseTo(
        1 / (1 + Math.exp(-logit)),
        14,
      );
    }
  });
});

describe('binPoints', () => {
  const intercept = -1.2;
  const coefficients = [-0.8, -1.1, -0.45];
  const row = [0.35, -0.6, 1.2];

  it('adds up over a row to the score of its logit', () => {
    const total = row.reduce(
      (sum, woe, j) =>
        sum + binPoints(coefficients[j]!, woe, intercept, coefficients.length, DEFAULT_SCALING),
      0,
    );
    const logit = row.reduce((sum, woe, j) => sum + coefficients[j]! * woe, intercept);
    expect(Math.abs(total - scoreFromLogit(logit, DEFAULT_SCALING))).toBeLessThan(1e-9);
  });

  it('gives more points to a safer bin when the coefficient is negative', () => {
    const safer = binPoints(-0.8, 0.5, intercept, 3, DEFAULT_SCALING);
    const riskier = binPoints(-0.8, -0.5, intercept, 3, DEFAULT_SCALING);
    expect(safer - riskier).toBeCloseTo(0.8 * scalingFactors(DEFAULT_SCALING).factor, 10);
  });

  it('refuses a feature count that is not a positive integer', () => {
    expect(() => binPoints(-1, 0, 0, 0, DEFAULT_SCALING)).toThrow(/featureCount/);
    expect(() => binPoints(-1, 0, 0, 1.5, DEFAULT_SCALING)).toThrow(/featureCount/);
  });
});
