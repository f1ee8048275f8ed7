import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fitLogistic, LogisticFitError, predictLogit, type LogisticFit } from './logistic.js';

/**
 * UCI German credit (1000 rows), read in place. Numeric attributes 2, 5, 8, 11, 13, 16, 18
 * (duration, amount, instalment rate, residence, age, existing credits, dependants); the
 * 21st column is the class, 2 = bad.
 */
function germanCredit() {
  const rows = readFileSync('/work/shared/data/german.data', 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/));
  const columns = [1, 4, 7, 10, 12, 15, 17].map((c) => rows.map((row) => Number(row[c])));
  const target = rows.map((row) => (row[20] === '2' ? 1 : 0));
  return { columns, target };
}

/*
 * Reference fits computed once with Python: scikit-learn 1.2 LogisticRegression(
 * solver='newton-cg', tol=1e-12, max_iter=10000) with penalty=None, and with penalty='l2',
 * C=1/λ = 0.1; cross-checked against a plain numpy Newton iteration (agreement < 2e-11).
 * Parameters: intercept first. Standard errors are sqrt(diag(H⁻¹)) of the (penalised)
 * Hessian and the log-likelihood is unpenalised, both from the numpy fit.
 */
const UNPENALISED = {
  parameters: [
    -1.5697976509261473, 0.02621173506433937, 7.060021782537237e-5, 0.20355992048206895,
    0.040909332974385794, -0.021430752338821794, -0.1568902040098301, 0.1280032841396074,
  ],
  standardErrors: [
    0.4299766554669276, 0.007703302395210459, 3.4036002301162046e-5, 0.0725167167714083,
    0.06690897955276903, 0.007083375528928751, 0.1304996679643271, 0.20131339621996813,
  ],
  logLikelihood: -579.2240468175585,
};
const RIDGE_10 = {
  parameters: [
    -1.524824801254955, 0.026556461467951813, 6.826450354808829e-5, 0.19231939532801443,
    0.03897961406944761, -0.021226825668892235, -0.13173903247462618, 0.08756316755768899,
  ],
  standardErrors: [
    0.4103684357429515, 0.007683433135760947, 3.3852782536499874e-5, 0.0704782980263869,
    0.06539569784513342, 0.007039015871458706, 0.12006193520110729, 0.17013254265902883,
  ],
  logLikelihood: -579.2694516409238,
};

const parametersOf = (fit: LogisticFit) => [fit.intercept, ...fit.coefficients];

function expectWithin(actual: readonly number[], expected: readonly number[], tolerance: number) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((value, i) => {
    expect(Math.abs(value - expected[i]!), `index ${i}: ${value} vs ${expected[i]}`).toBeLessThan(
      tolerance,
    );
  });
}

describe('fitLogistic against a reference fit (German credit)', () => {
  const { columns, target } = germanCredit();

  it('matches the unpenalised maximum-likelihood fit', () => {
    const fit = fitLogistic(columns, target);
    expect(fit.converged).toBe(true);
    expectWithin(parametersOf(fit), UNPENALISED.parameters, 1e-6);
    expectWithin(fit.standardErrors, UNPENALISED.standardErrors, 1e-6);
    expect(fit.logLikelihood).toBeCloseTo(UNPENALISED.logLikelihood, 6);
  });

  it('matches the ridge fit with λ = 1/C and an unpenalised intercept', () => {
    const fit = fitLogistic(columns, target, { l2: 10 });
    expect(fit.converged).toBe(true);
    expectWithin(parametersOf(fit), RIDGE_10.parameters, 1e-6);
    expectWithin(fit.standardErrors, RIDGE_10.standardErrors, 1e-6);
    expect(fit.logLikelihood).toBeCloseTo(RIDGE_10.logLikelihood, 6);
  });
});

describe('fitLogistic in closed form', () => {
  // x = 0: 3 bads, 7 goods; x = 1: 6 bads, 4 goods.
  const x = [...Array<number>(10).fill(0), ...Array<number>(10).fill(1)];
  const y = [0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1] as (0 | 1)[];

  it('gives the log odds of the reference group and the log odds ratio for a binary feature', () => {
    const fit = fitLogistic([x], y);
    expect(fit.intercept).toBeCloseTo(Math.log(3 / 7), 12);
    expect(fit.coefficients[0]).toBeCloseTo(Math.log(6 / 4 / (3 / 7)), 12);
    // Woolf: the variance of a log odds ratio is the sum of the reciprocal cell counts.
    expect(fit.standardErrors[0]).toBeCloseTo(Math.sqrt(1 / 3 + 1 / 7), 10);
    expect(fit.standardErrors[1]).toBeCloseTo(Math.sqrt(1 / 3 + 1 / 7 + 1 / 6 + 1 / 4), 10);
    const expectedLogLik =
      3 * Math.log(0.3) + 7 * Math.log(0.7) + 6 * Math.log(0.6) + 4 * Math.log(0.4);
    expect(fit.logLikelihood).toBeCloseTo(expectedLogLik, 10);
  });

  it('fits an intercept-only model to the base rate', () => {
    const fit = fitLogistic([], y);
    expect(fit.coefficients).toEqual([]);
    expect(fit.intercept).toBeCloseTo(Math.log(9 / 11), 12);
  });

  it('treats integer weights as repeated rows', () => {
    const weights = x.map((_, i) => 1 + (i % 3));
    const repeatedX = x.flatMap((value, i) => Array<number>(weights[i]!).fill(value));
    const repeatedY = y.flatMap((value, i) => Array<0 | 1>(weights[i]!).fill(value));
    const weighted = fitLogistic([x], y, { weights });
    const repeated = fitLogistic([repeatedX], repeatedY);
    expectWithin(parametersOf(weighted), parametersOf(repeated), 1e-9);
    expectWithin(weighted.standardErrors, repeated.standardErrors, 1e-9);
    expect(weighted.logLikelihood).toBeCloseTo(repeated.logLikelihood, 9);
  });
});

describe('predictLogit', () => {
  const fit: LogisticFit = {
    intercept: -1,
    coefficients: [0.5, -2],
    standardErrors: [0, 0, 0],
    iterations: 0,
    converged: true,
    logLikelihood: 0,
  };

  it('adds the intercept to the weighted sum of the row', () => {
    expect(predictLogit(fit, [2, 0.25])).toBeCloseTo(-1 + 1 - 0.5, 15);
  });

  it('refuses a row of the wrong width', () => {
    expect(() => predictLogit(fit, [1])).toThrow(/1 values, the model has 2/);
  });
});

describe('fitLogistic errors', () => {
  const x = [1, 2, 3, 4, 5, 6];

  it('refuses a single-class target', () => {
    expect(() => fitLogistic([x], [0, 0, 0, 0, 0, 0])).toThrow(/single class \(no bads\)/);
    expect(() => fitLogistic([x], [1, 1, 1, 1, 1, 1])).toThrow(/single class \(no goods\)/);
  });

  it('reports a duplicated column as a singular Hessian', () => {
    const error = catchError(() => fitLogistic([x, [...x]], [0, 1, 0, 1, 1, 0]));
    expect(error.code).toBe('singular');
    expect(error.message).toMatch(/singular Hessian: column 1 .*duplicated or collinear/);
  });

  it('reports a constant column as a singular Hessian', () => {
    expect(() => fitLogistic([x, Array<number>(6).fill(2)], [0, 1, 0, 1, 1, 0])).toThrow(
      /singular Hessian: column 1/,
    );
  });

  it('reports complete separation instead of diverging', () => {
    const error = catchError(() => fitLogistic([x], [0, 0, 0, 1, 1, 1]));
    expect(error.code).toBe('separation');
    expect(error.message).toMatch(/separation/);
  });

  it('reports quasi-complete separation (a bin with only bads)', () => {
    const error = catchError(() => fitLogistic([[0, 0, 0, 0, 1, 1, 1]], [0, 1, 0, 1, 1, 1, 1]));
    expect(error.code).toBe('separation');
  });

  it('fits separated or collinear data once a ridge penalty is set', () => {
    const separated = fitLogistic([x], [0, 0, 0, 1, 1, 1], { l2: 1 });
    expect(separated.converged).toBe(true);
    expect(separated.coefficients[0]).toBeGreaterThan(0);
    const duplicated = fitLogistic([x, [...x]], [0, 1, 0, 1, 1, 0], { l2: 1 });
    expect(duplicated.coefficients[0]).toBeCloseTo(duplicated.coefficients[1]!, 12);
  });

  it('refuses malformed input', () => {
    expect(() => fitLogistic([[1, 2]], [0, 1, 1])).toThrow(/column 0 has 2 values/);
    expect(() => fitLogistic([[1, Number.NaN]], [0, 1])).toThrow(/not finite/);
    expect(() => fitLogistic([[1, 2]], [0, 2 as 1])).toThrow(/not 0 or 1/);
    expect(() => fitLogistic([[1, 2]], [0, 1], { weights: [1, -1] })).toThrow(/weights\[1\]/);
    expect(() => fitLogistic([[1, 2]], [0, 1], { l2: -1 })).toThrow(/l2/);
  });
});

function catchError(action: () => unknown): LogisticFitError {
  try {
    action();
  } catch (error) {
    if (error instanceof LogisticFitError) return error;
    throw error;
  }
  throw new Error('expected a LogisticFitError');
}
