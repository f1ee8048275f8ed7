import { describe, expect, it } from 'vitest';
import { binCategorical, binIndex, woeOf, type BinStats } from './binning.js';

/** Rows from [category, goods, bads] triples, interleaved so row order is not grouped. */
function rows(spec: readonly (readonly [string | null, number, number])[]) {
  const values: (string | null)[] = [];
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

const summary = (bins: readonly BinStats[]) =>
  bins.map(({ bin, good, bad }) => ({ ...bin, good, bad }));

describe('binCategorical', () => {
  const data = rows([
    ['A', 36, 4],
    ['B', 20, 20],
    ['C', 25, 5],
    [null, 6, 4],
  ]);
  const binning = binCategorical('industry', data.values, data.target);

  it('orders categories by bad rate, with a missing bin and an empty other bin', () => {
    // Bad rates: A 0.1, C 0.167, B 0.5.
    expect(summary(binning.bins)).toEqual([
      { kind: 'categories', categories: ['A'], good: 36, bad: 4 },
      { kind: 'categories', categories: ['C'], good: 25, bad: 5 },
      { kind: 'categories', categories: ['B'], good: 20, bad: 20 },
      { kind: 'missing', good: 6, bad: 4 },
      { kind: 'other', good: 0, bad: 0 },
    ]);
    expect(binning.trend).toBe('none');
  });

  it('scores an unseen category in the other bin, with WOE 0', () => {
    expect(binning.bins[binIndex(binning, 'Z')]!.bin).toEqual({ kind: 'other' });
    expect(woeOf(binning, 'Z')).toBe(0);
    expect(woeOf(binning, 'B')).toBe(binning.bins[2]!.woe);
    expect(binning.bins[binIndex(binning, null)]!.bin).toEqual({ kind: 'missing' });
  });

  it('pools rare categories of similar bad rate, then joins pure pools to a neighbour', () => {
    // 90 rows, minimum 0.05 · 90 = 4.5. Rare, by bad rate: r1 (3 rows, 0 bad), r2 (2, 0),
    // r3 (3, 3 bad), r4 (2, 2 bad) → pools {r1, r2} (5 goods) and {r3, r4} (5 bads). Both are
    // pure, so each joins its only neighbour in bad-rate order: A (0.1) and B (0.5).
    const rare = rows([
      ['A', 36, 4],
      ['B', 20, 20],
      ['r1', 3, 0],
      ['r2', 2, 0],
      ['r3', 0, 3],
      ['r4', 0, 2],
    ]);
    const pooled = binCategorical('x', rare.values, rare.target);
    expect(summary(pooled.bins)).toEqual([
      { kind: 'categories', categories: ['r1', 'r2', 'A'], good: 41, bad: 4 },
      { kind: 'categories', categories: ['B', 'r3', 'r4'], good: 20, bad: 25 },
      { kind: 'other', good: 0, bad: 0 },
    ]);
  });

  it('pools rare categories with each other rather than with a frequent one in between', () => {
    // 87 rows, minimum 4.35. Rare: r1 (3 rows, bad rate 0.33) and r2 (4 rows, 0.75) pool to
    // 4 bads of 7 (0.57), although B (0.5) lies between them in bad-rate order.
    const rare = rows([
      ['A', 36, 4],
      ['B', 20, 20],
      ['r1', 2, 1],
      ['r2', 1, 3],
    ]);
    const pooled = binCategorical('x', rare.values, rare.target);
    expect(summary(pooled.bins)).toEqual([
      { kind: 'categories', categories: ['A'], good: 36, bad: 4 },
      { kind: 'categories', categories: ['B'], good: 20, bad: 20 },
      { kind: 'categories', categories: ['r1', 'r2'], good: 3, bad: 4 },
      { kind: 'other', good: 0, bad: 0 },
    ]);
  });

  it('merges down to maxBins and keeps each bin above minBinShare', () => {
    const many = rows(
      Array.from({ length: 30 }, (_, i) => [`c${i}`, 20 + (i % 7), 1 + ((i * 5) % 11)] as const),
    );
    const binned = binCategorical('x', many.values, many.target, {
      maxBins: 4,
      minBinShare: 0.1,
    });
    const groups = binned.bins.filter((s) => s.bin.kind === 'categories');
    expect(groups.length).toBeLessThanOrEqual(4);
    for (const s of groups) expect(s.share).toBeGreaterThanOrEqual(0.1);
    const rates = groups.map((s) => s.badRate);
    expect(rates).toEqual([...rates].sort((a, b) => a - b));
  });

  it('reproduces every bin count when the training values are scored again', () => {
    const counts = binning.bins.map(() => 0);
    for (const value of data.values) counts[binIndex(binning, value)]! += 1;
    expect(counts).toEqual(binning.bins.map((s) => s.count));
  });

  it('does not depend on the order the rows arrive in', () => {
    const reversed = binCategorical(
      'industry',
      [...data.values].reverse(),
      [...data.target].reverse(),
    );
    expect(reversed).toEqual(binning);
  });

  it('refuses a number for a categorical feature', () => {
    expect(() => binIndex(binning, 3)).toThrow(TypeError);
  });
});
