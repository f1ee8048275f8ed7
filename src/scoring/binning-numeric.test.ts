import { describe, expect, it } from 'vitest';
import { binIndex, binNumeric, type BinStats, type FeatureBinning } from './binning.js';
import { CHI_SQUARE_95_DF1, chiSquare } from './chi-square.js';

/** Rows from [value, goods, bads] triples, interleaved so row order is not sorted. */
function rows(spec: readonly (readonly [number | null, number, number])[]) {
  const values: (number | null)[] = [];
  const target: (0 | 1)[] = [];
  for (const [value, good, bad] of spec) {
    for (let i = 0; i < good + bad; i++) {
      values.push(value);
      target.push(i < good ? 0 : 1);
    }
  }
  const order = values.map((_, i) => (i * 7919) % values.length);
  return { values: order.map((i) => values[i]!), target: order.map((i) => target[i]!) };
}

const ranges = (binning: FeatureBinning) => binning.bins.filter((s) => s.bin.kind === 'range');
const summary = (bins: readonly BinStats[]) =>
  bins.map(({ bin, good, bad }) => ({ ...bin, good, bad }));

describe('binNumeric monotonic merging', () => {
  // Values 1..5, 20 rows each, bad rates 0.1, 0.3, 0.2, 0.5, 0.6: the 0.3 → 0.2 step breaks
  // an ascending trend, so values 2 and 3 pool into 10 bads of 40 (0.25).
  const { values, target } = rows([
    [1, 18, 2],
    [2, 14, 6],
    [3, 16, 4],
    [4, 10, 10],
    [5, 8, 12],
  ]);
  const ascending = [
    { kind: 'range', lower: null, upper: 2, good: 18, bad: 2 },
    { kind: 'range', lower: 2, upper: 4, good: 30, bad: 10 },
    { kind: 'range', lower: 4, upper: 5, good: 10, bad: 10 },
    { kind: 'range', lower: 5, upper: null, good: 8, bad: 12 },
  ];

  it('pools the violating pair into the expected ascending bins', () => {
    const binning = binNumeric('x', values, target, { monotonic: 'ascending' });
    expect(summary(binning.bins)).toEqual(ascending);
    expect(binning.trend).toBe('ascending');
  });

  it('picks ascending in auto mode: descending pools everything (IV 0)', () => {
    const binning = binNumeric('x', values, target);
    expect(summary(binning.bins)).toEqual(ascending);
    expect(binNumeric('x', values, target, { monotonic: 'descending' }).bins).toHaveLength(1);
  });

  it('keeps the non-monotone bins when asked for none', () => {
    const binning = binNumeric('x', values, target, { monotonic: 'none' });
    expect(ranges(binning).map((s) => s.bad)).toEqual([2, 6, 4, 10, 12]);
    expect(binning.trend).toBe('none');
  });

  it('pools back over several blocks when a later bin breaks the trend', () => {
    // Bad rates 0.1, 0.6, 0.3, 0.2, 0.8: 0.6 and 0.3 pool to 18/40 = 0.45, which the 0.2 then
    // breaks, so values 2..4 pool to 22/60 ≈ 0.37; that is above 0.1, so pooling stops.
    const data = rows([
      [1, 18, 2],
      [2, 8, 12],
      [3, 14, 6],
      [4, 16, 4],
      [5, 4, 16],
    ]);
    const binning = binNumeric('x', data.values, data.target, { monotonic: 'ascending' });
    expect(summary(binning.bins)).toEqual([
      { kind: 'range', lower: null, upper: 2, good: 18, bad: 2 },
      { kind: 'range', lower: 2, upper: 5, good: 38, bad: 22 },
      { kind: 'range', lower: 5, upper: null, good: 4, bad: 16 },
    ]);
  });
});

describe('binNumeric limits', () => {
  it('joins a bin below minBinShare to its neighbour', () => {
    // 92 rows; value 10 holds 2 (< 0.05 · 92 = 4.6), so it joins value 9.
    const spec = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => [v, 10 - v, v] as const);
    const data = rows([...spec, [10, 1, 1]]);
    const binning = binNumeric('x', data.values, data.target, { maxBins: 20, monotonic: 'none' });
    expect(ranges(binning)).toHaveLength(9);
    expect(summary(ranges(binning)).at(-1)).toEqual({
      kind: 'range',
      lower: 9,
      upper: null,
      good: 2,
      bad: 10,
    });
  });

  it('respects minBinShare and maxBins on noisy data, in both methods', () => {
    const data = sigmoidSample(5000, 1);
    for (const method of ['chi2', 'iv'] as const) {
      const binning = binNumeric('x', data.values, data.target, {
        method,
        maxBins: 3,
        minBinShare: 0.1,
      });
      expect(ranges(binning).length).toBeLessThanOrEqual(3);
      for (const s of ranges(binning)) expect(s.count).toBeGreaterThanOrEqual(500);
    }
  });

  it('stops chi2 merging only when every adjacent pair reaches the threshold', () => {
    const data = sigmoidSample(3000, 2);
    const binning = binNumeric('x', data.values, data.target, {
      maxBins: 20,
      minBinShare: 0,
      monotonic: 'none',
      chiSquareThreshold: CHI_SQUARE_95_DF1,
    });
    const bins = ranges(binning);
    for (let i = 1; i < bins.length; i++) {
      expect(chiSquare(bins[i - 1]!, bins[i]!)).toBeGreaterThanOrEqual(CHI_SQUARE_95_DF1);
    }
  });

  it('pre-bins by equal frequency into at most maxPrebins bins', () => {
    // 0..99, one good and one bad each: 4 pre-bins of 50 rows; equal bad rates, no merging.
    const data = rows(Array.from({ length: 100 }, (_, v) => [v, 1, 1] as const));
    const binning = binNumeric('x', data.values, data.target, {
      maxPrebins: 4,
      minBinShare: 0,
      monotonic: 'none',
    });
    expect(ranges(binning).map((s) => [s.bin, s.count])).toEqual([
      [{ kind: 'range', lower: null, upper: 25 }, 50],
      [{ kind: 'range', lower: 25, upper: 50 }, 50],
      [{ kind: 'range', lower: 50, upper: 75 }, 50],
      [{ kind: 'range', lower: 75, upper: null }, 50],
    ]);
  });

  it('never splits a run of equal values across pre-bins', () => {
    // 90 % of the rows hold 0: one pre-bin, even though it spans 18 quantiles.
    const data = rows([
      [0, 80, 10],
      [1, 3, 2],
      [2, 1, 4],
    ]);
    const binning = binNumeric('x', data.values, data.target, {
      minBinShare: 0,
      monotonic: 'none',
    });
    expect(ranges(binning).map((s) => s.bin)).toEqual([
      { kind: 'range', lower: null, upper: 1 },
      { kind: 'range', lower: 1, upper: 2 },
      { kind: 'range', lower: 2, upper: null },
    ]);
  });
});

describe('binNumeric missing and special values', () => {
  const data = rows([
    [null, 3, 2],
    [Number.NaN, 1, 1],
    [-1, 6, 1],
    [1, 30, 5],
    [2, 30, 10],
    [3, 20, 20],
  ]);
  const binning = binNumeric('x', data.values, data.target, { specialValues: [-1, -2] });

  it('gives missing (null and NaN) and each special value present its own bin', () => {
    const apart = binning.bins.filter((s) => s.bin.kind !== 'range');
    expect(summary(apart)).toEqual([
      { kind: 'special', value: -1, good: 6, bad: 1 },
      { kind: 'missing', good: 4, bad: 3 },
    ]);
    expect(binning.bins.reduce((sum, s) => sum + s.count, 0)).toBe(data.values.length);
  });

  it('scores them into their bins, and an absent special value into the neutral bin', () => {
    const kindAt = (value: number | null) => binning.bins[binIndex(binning, value)]!.bin;
    expect(kindAt(-1)).toEqual({ kind: 'special', value: -1 });
    expect(kindAt(null)).toEqual({ kind: 'missing' });
    expect(kindAt(Number.NaN)).toEqual({ kind: 'missing' });
    const neutral = ranges(binning).reduce((a, b) => (Math.abs(b.woe) < Math.abs(a.woe) ? b : a));
    expect(binning.bins[binIndex(binning, -2)]).toBe(neutral);
  });

  it('sends missing values to the neutral bin when training had none', () => {
    const clean = rows([
      [1, 30, 5],
      [2, 30, 10],
      [3, 20, 20],
    ]);
    const noMissing = binNumeric('x', clean.values, clean.target);
    const neutral = noMissing.bins.reduce((a, b) => (Math.abs(b.woe) < Math.abs(a.woe) ? b : a));
    expect(noMissing.bins[binIndex(noMissing, null)]).toBe(neutral);
  });
});

describe('binNumeric degenerate input', () => {
  it('bins a constant column into one bin with IV 0', () => {
    const data = rows([[7, 40, 10]]);
    const binning = binNumeric('x', data.values, data.target);
    expect(summary(binning.bins)).toEqual([
      { kind: 'range', lower: null, upper: null, good: 40, bad: 10 },
    ]);
    expect(binning.iv).toBe(0);
    expect(binning.trend).toBe('none');
  });

  it('survives a sample without bads and an empty sample', () => {
    const allGood = binNumeric('x', [1, 2, 3, 4], [0, 0, 0, 0]);
    expect(allGood.bins).toHaveLength(1);
    expect(allGood.iv).toBe(0);
    const empty = binNumeric('x', [], []);
    expect(empty.bins).toEqual([]);
    expect(binIndex(empty, 3)).toBe(-1);
  });

  it('refuses mismatched lengths and targets other than 0 and 1', () => {
    expect(() => binNumeric('x', [1, 2], [0])).toThrow(RangeError);
    expect(() => binNumeric('x', [1, 2], [0, 2 as 1])).toThrow(RangeError);
  });
});

describe('binNumeric boundaries', () => {
  const data = sigmoidSample(2000, 3);
  const binning = binNumeric('x', data.values, data.target, { monotonic: 'none' });

  it('cuts at training values, and a value equal to a cut point scores in the upper bin', () => {
    const bins = ranges(binning);
    expect(bins.length).toBeGreaterThan(2);
    bins.forEach(({ bin }, i) => {
      if (bin.kind !== 'range' || bin.lower === null) return;
      expect(data.values).toContain(bin.lower);
      expect(binIndex(binning, bin.lower)).toBe(i);
      expect(binIndex(binning, bin.lower - 0.5)).toBe(i - 1);
    });
  });

  it('reproduces every bin count when the training values are scored again', () => {
    const counts = binning.bins.map(() => 0);
    for (const value of data.values) counts[binIndex(binning, value)]! += 1;
    expect(counts).toEqual(binning.bins.map((s) => s.count));
  });
});

/** Integer values 0..99 with a rising default probability, from a seeded generator. */
function sigmoidSample(n: number, seed: number) {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  const values: number[] = [];
  const target: (0 | 1)[] = [];
  for (let i = 0; i < n; i++) {
    const value = Math.floor(random() * 100);
    values.push(value);
    target.push(random() < 1 / (1 + Math.exp(-(value - 50) / 12)) ? 1 : 0);
  }
  return { values, target };
}
