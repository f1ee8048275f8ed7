import { describe, expect, it } from 'vitest';
import { correlationMatrix, selectFeatures, varianceInflation } from './selection.js';

// Rows of an 8×8 Hadamard matrix: zero mean and mutually orthogonal.
const H1 = [1, 1, 1, 1, -1, -1, -1, -1];
const H2 = [1, 1, -1, -1, 1, 1, -1, -1];
const H3 = [1, -1, 1, -1, 1, -1, 1, -1];
const H4 = [1, -1, -1, 1, 1, -1, -1, 1];
const H5 = [1, -1, 1, -1, -1, 1, -1, 1];
const H6 = [1, 1, -1, -1, -1, -1, 1, 1];
const add = (...columns: number[][]) => H1.map((_, i) => columns.reduce((s, c) => s + c[i]!, 0));
const times = (factor: number, column: number[]) => column.map((value) => factor * value);

describe('correlationMatrix', () => {
  it('gives ±1 for exact linear relations, 0 for orthogonal and constant columns', () => {
    const r = correlationMatrix([
      [1, 2, 3, 4],
      [2, 4, 6, 8],
      [4, 3, 2, 1],
      [1, -1, -1, 1],
      [5, 5, 5, 5],
    ]);
    expect(r[0]![1]).toBeCloseTo(1, 14);
    expect(r[0]![2]).toBeCloseTo(-1, 14);
    expect(r[0]![3]).toBeCloseTo(0, 14);
    expect(r[0]![4]).toBe(0);
    expect(r.map((row, i) => row[i])).toEqual([1, 1, 1, 1, 1]);
  });

  it('matches a hand-computed Pearson r', () => {
    // x = [1,2,3], y = [1,3,2]: Σdxdy = 1, Σdx² = 2, Σdy² = 2, so r = 0.5.
    expect(
      correlationMatrix([
        [1, 2, 3],
        [1, 3, 2],
      ])[1]![0],
    ).toBeCloseTo(0.5, 14);
  });
});

describe('varianceInflation', () => {
  it('is 1 for orthogonal columns', () => {
    varianceInflation([H1, H2, H3]).forEach((vif) => expect(vif).toBeCloseTo(1, 12));
  });

  it('is 1/(1 − r²) for two columns', () => {
    const [a, b] = varianceInflation([
      [1, 2, 3],
      [1, 3, 2],
    ]);
    expect(a).toBeCloseTo(1 / (1 - 0.25), 12);
    expect(b).toBeCloseTo(1 / (1 - 0.25), 12);
  });

  it('is large for a nearly collinear column and matches the OLS R² by hand', () => {
    // z = H1 + H2 + 0.1·H4: R²(z | H1, H2) = 16/16.08, R²(H1 | H2, z) = 8/8.08.
    const vifs = varianceInflation([H1, H2, add(H1, H2, times(0.1, H4))]);
    expect(vifs[0]).toBeCloseTo(101, 8);
    expect(vifs[1]).toBeCloseTo(101, 8);
    expect(vifs[2]).toBeCloseTo(201, 8);
  });

  it('is infinite for an exact linear combination or a constant column', () => {
    expect(varianceInflation([H1, H2, add(H1, times(2, H2))])).toEqual([
      Infinity,
      Infinity,
      Infinity,
    ]);
    const withConstant = varianceInflation([H1, H2, Array<number>(8).fill(3)]);
    expect(withConstant[0]).toBeCloseTo(1, 12);
    expect(withConstant[2]).toBe(Infinity);
  });
});

describe('selectFeatures', () => {
  const candidates = [
    { feature: 'weak', iv: 0.01, values: H6 },
    { feature: 'a', iv: 0.5, values: H1 },
    // |r| with a is 0.995.
    { feature: 'a_twin', iv: 0.3, values: add(H1, times(0.1, H5)) },
    { feature: 'b', iv: 0.4, values: H2 },
    { feature: 'd', iv: 0.25, values: H3 },
    // |r| ≤ 0.58 with each of a, b, d, but VIF 301 on all three together.
    { feature: 'sum', iv: 0.2, values: add(H1, H2, H3, times(0.1, H4)) },
  ];

  it('drops low IV, then correlated, then high-VIF features, with the reasons', () => {
    const result = selectFeatures(candidates);
    expect(result.selected).toEqual(['a', 'b', 'd']);
    expect(result.dropped.map(({ feature, reason }) => [feature, reason])).toEqual([
      ['weak', 'low_iv'],
      ['a_twin', 'correlated'],
      ['sum', 'vif'],
    ]);
    expect(result.dropped[0]!.detail).toBe('IV 0.01 < 0.02');
    expect(result.dropped[1]!.detail).toMatch(/^\|r\| = 0\.995 > 0\.7 with a /);
    expect(result.dropped[2]!.detail).toBe('VIF 301 > 5');
  });

  it('follows the thresholds it is given', () => {
    const loose = selectFeatures(candidates, { minIv: 0, maxCorrelation: 1, maxVif: 1e6 });
    expect(loose.selected).toEqual(['a', 'b', 'a_twin', 'd', 'sum', 'weak']);
    expect(loose.dropped).toEqual([]);
  });

  it('keeps the most informative features up to maxFeatures', () => {
    const result = selectFeatures(candidates, { maxFeatures: 2 });
    expect(result.selected).toEqual(['a', 'b']);
    expect(result.dropped.at(-1)).toMatchObject({ feature: 'd', reason: 'max_features' });
  });

  it('refuses duplicate names and bad options', () => {
    expect(() => selectFeatures([candidates[1]!, candidates[1]!])).toThrow(/twice/);
    expect(() => selectFeatures(candidates, { maxCorrelation: 0 })).toThrow(/options/);
  });
});
