import { describe, expect, it } from 'vitest';
import { trainScorecard } from './scorecard.js';
import { characteristicStability } from './stability.js';

/** 400 rows: x in 0..9, bads concentrated at high x; y is noise. */
function data() {
  const x: number[] = [];
  const target: (0 | 1)[] = [];
  for (let i = 0; i < 400; i += 1) {
    const value = i % 10;
    x.push(value);
    target.push(value >= 7 && i % 3 === 0 ? 1 : value < 7 && i % 17 === 0 ? 1 : 0);
  }
  return { columns: [{ name: 'x', kind: 'numeric' as const, values: x }], target, x };
}

describe('characteristicStability', () => {
  const { columns, target, x } = data();
  const { scorecard } = trainScorecard({ columns, target }, { l2: 0.1 });

  it('is 0 when the live population is spread like the training one', () => {
    const live = x.map((value) => () => value);
    const [stability] = characteristicStability(scorecard, live);
    expect(stability?.feature).toBe('x');
    expect(stability?.csi).toBeCloseTo(0, 12);
  });

  it('grows when the live population moves to other bins', () => {
    const shifted = x.map((value) => () => (value >= 5 ? value : 9));
    const [stability] = characteristicStability(scorecard, shifted);
    expect(stability?.csi).toBeGreaterThan(0.1);
    const total = stability?.bins.reduce((n, b) => n + b.actualShare, 0);
    expect(total).toBeCloseTo(1, 12);
  });
});
