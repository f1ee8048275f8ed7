import { describe, expect, it } from 'vitest';
import {
  binCategorical,
  binIndex,
  binNumeric,
  describeBin,
  woeOf,
  type BinningOptions,
  type FeatureBinning,
} from './binning.js';

describe('describeBin', () => {
  it('writes ranges as half-open intervals with open ends as inequalities', () => {
    expect(describeBin({ kind: 'range', lower: 12, upper: 24 }, 'en')).toBe('[12, 24)');
    expect(describeBin({ kind: 'range', lower: null, upper: 12 }, 'zh-CN')).toBe('< 12');
    expect(describeBin({ kind: 'range', lower: -0.5, upper: null }, 'en')).toBe('≥ -0.5');
    expect(describeBin({ kind: 'range', lower: null, upper: null }, 'en')).toBe('all');
    expect(describeBin({ kind: 'range', lower: null, upper: null }, 'zh-CN')).toBe('全部');
  });

  it('names the other kinds in both languages', () => {
    const categories = { kind: 'categories', categories: ['A', 'B'] } as const;
    expect(describeBin(categories, 'en')).toBe('A, B');
    expect(describeBin(categories, 'zh-CN')).toBe('A、B');
    expect(describeBin({ kind: 'missing' }, 'en')).toBe('missing');
    expect(describeBin({ kind: 'missing' }, 'zh-CN')).toBe('缺失');
    expect(describeBin({ kind: 'special', value: -1 }, 'en')).toBe('special -1');
    expect(describeBin({ kind: 'special', value: -1 }, 'zh-CN')).toBe('特殊值 -1');
    expect(describeBin({ kind: 'other' }, 'en')).toBe('other');
    expect(describeBin({ kind: 'other' }, 'zh-CN')).toBe('其他');
  });
});

describe('binning of random data (property)', () => {
  // A seeded generator (mulberry32), so a failure reproduces.
  function generator(seed: number) {
    let a = seed >>> 0;
    return () => {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = Math.imul(a ^ (a >>> 15), 1 | a);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function randomOptions(random: () => number): BinningOptions {
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
    return {
      maxPrebins: 1 + Math.floor(random() * 30),
      maxBins: 1 + Math.floor(random() * 8),
      minBinShare: random() * 0.2,
      method: pick(['chi2', 'iv'] as const),
      monotonic: pick(['auto', 'ascending', 'descending', 'none'] as const),
      specialValues: random() < 0.5 ? [-1] : [],
      ...(random() < 0.3 ? { chiSquareThreshold: 3.841 } : {}),
    };
  }

  function expectConsistent(binning: FeatureBinning, values: readonly (number | string | null)[]) {
    const counts = binning.bins.map(() => 0);
    for (const value of values) counts[binIndex(binning, value)]! += 1;
    expect(counts).toEqual(binning.bins.map((s) => s.count));
    expect(counts.reduce((a, b) => a + b, 0)).toBe(values.length);
    const shares = binning.bins.reduce((sum, s) => sum + s.share, 0);
    expect(Math.abs(shares - 1)).toBeLessThan(1e-9);
    for (const s of binning.bins) expect(s.iv).toBeGreaterThanOrEqual(0);
    expect(binning.iv).toBeGreaterThanOrEqual(0);
    for (const value of values.slice(0, 50)) {
      expect(woeOf(binning, value)).toBe(binning.bins[binIndex(binning, value)]!.woe);
    }
  }

  it('numeric: bins cover every row, shares sum to 1, IV ≥ 0, ranges tile the line', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = generator(seed);
      const n = 1 + Math.floor(random() * 400);
      const spread = 1 + Math.floor(random() * 50);
      const values = Array.from({ length: n }, () => {
        const u = random();
        if (u < 0.05) return null;
        if (u < 0.08) return -1;
        return Math.floor(random() * spread) / (random() < 0.5 ? 1 : 4);
      });
      const target = values.map((v) => (random() < 0.1 + (v ?? 0) / (2 * spread) ? 1 : 0));
      const options = randomOptions(random);
      const binning = binNumeric('x', values, target, options);
      expectConsistent(binning, values);
      const ranges = binning.bins.flatMap((s) => (s.bin.kind === 'range' ? [s.bin] : []));
      expect(ranges.length).toBeLessThanOrEqual(options.maxBins!);
      ranges.forEach((bin, i) => {
        expect(bin.lower).toBe(i === 0 ? null : ranges[i - 1]!.upper);
        if (i === ranges.length - 1) expect(bin.upper).toBeNull();
      });
      if (options.monotonic === 'ascending') expect(binning.trend).not.toBe('descending');
      if (options.monotonic === 'descending') expect(binning.trend).not.toBe('ascending');
    }
  });

  it('categorical: bins cover every row, shares sum to 1, IV ≥ 0', () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = generator(1000 + seed);
      const n = 1 + Math.floor(random() * 400);
      const kinds = 1 + Math.floor(random() * 40);
      const values = Array.from({ length: n }, () =>
        random() < 0.05 ? null : `k${Math.floor(random() ** 2 * kinds)}`,
      );
      const target = values.map(() => (random() < 0.3 ? 1 : 0));
      const options = randomOptions(random);
      const binning = binCategorical('x', values, target, options);
      expectConsistent(binning, values);
      const groups = binning.bins.filter((s) => s.bin.kind === 'categories');
      expect(groups.length).toBeLessThanOrEqual(options.maxBins!);
    }
  });
});
