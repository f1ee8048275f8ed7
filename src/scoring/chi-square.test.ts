import { describe, expect, it } from 'vitest';
import { CHI_SQUARE_95_DF1, chiSquare, mergeAdjacent, resolveOptions } from './chi-square.js';

const rules = {
  maxBins: 10,
  minCount: 0,
  method: 'chi2' as const,
  threshold: undefined,
  totalGood: 0,
  totalBad: 0,
};

describe('chiSquare', () => {
  it('matches the 2×2 formula N·(ad − bc)² / (row₁·row₂·col₁·col₂)', () => {
    // N = 80, ad − bc = 30·30 − 10·10 = 800: 80 · 640 000 / (40·40·40·40) = 20
    expect(chiSquare({ good: 30, bad: 10 }, { good: 10, bad: 30 })).toBe(20);
  });

  it('is 0 for equal bad rates and for tables with an empty column', () => {
    expect(chiSquare({ good: 30, bad: 10 }, { good: 60, bad: 20 })).toBe(0);
    expect(chiSquare({ good: 30, bad: 0 }, { good: 60, bad: 0 })).toBe(0);
  });
});

describe('mergeAdjacent', () => {
  const cells = [
    { good: 50, bad: 50 },
    { good: 49, bad: 51 },
    { good: 10, bad: 90 },
  ];

  it('merges pairs below the χ² threshold and keeps distinct ones', () => {
    const segments = mergeAdjacent(cells, { ...rules, threshold: CHI_SQUARE_95_DF1 });
    expect(segments).toEqual([
      { start: 0, end: 2, good: 99, bad: 101 },
      { start: 2, end: 3, good: 10, bad: 90 },
    ]);
  });

  it('merges the pair losing the least IV in iv mode', () => {
    const segments = mergeAdjacent(cells, {
      ...rules,
      maxBins: 2,
      method: 'iv',
      totalGood: 109,
      totalBad: 191,
    });
    expect(segments.map((s) => [s.start, s.end])).toEqual([
      [0, 2],
      [2, 3],
    ]);
  });

  it('joins a pure or small bin to its more similar neighbour first', () => {
    const segments = mergeAdjacent(
      [
        { good: 40, bad: 10 },
        { good: 3, bad: 0 },
        { good: 10, bad: 40 },
      ],
      { ...rules, minCount: 5 },
    );
    expect(segments.map((s) => [s.start, s.end])).toEqual([
      [0, 2],
      [2, 3],
    ]);
  });
});

describe('resolveOptions', () => {
  it('fills the documented defaults', () => {
    expect(resolveOptions({})).toEqual({
      maxPrebins: 20,
      maxBins: 6,
      minBinShare: 0.05,
      method: 'chi2',
      monotonic: 'auto',
      specialValues: [],
      chiSquareThreshold: undefined,
    });
  });

  it('refuses nonsensical options', () => {
    expect(() => resolveOptions({ maxBins: 0 })).toThrow(RangeError);
    expect(() => resolveOptions({ maxPrebins: 2.5 })).toThrow(RangeError);
    expect(() => resolveOptions({ minBinShare: 1 })).toThrow(RangeError);
    expect(() => resolveOptions({ chiSquareThreshold: -1 })).toThrow(RangeError);
    expect(() => resolveOptions({ specialValues: [Number.NaN] })).toThrow(RangeError);
  });
});
