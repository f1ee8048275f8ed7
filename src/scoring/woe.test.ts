import { describe, expect, it } from 'vitest';
import { binStats, binWoe, totalIv, woeTable } from './woe.js';

const expectNear = (actual: number, expected: number) =>
  expect(Math.abs(actual - expected)).toBeLessThan(1e-9);

describe('woeTable', () => {
  // good_total = 100 + 200 + 100 = 400, bad_total = 10 + 40 + 50 = 100
  const counts = [
    { good: 100, bad: 10 },
    { good: 200, bad: 40 },
    { good: 100, bad: 50 },
  ];

  it('matches a hand-computed table of three bins', () => {
    const table = woeTable(counts);
    // 100/400 = 0.25, 10/100 = 0.1: WOE = ln(0.25 / 0.1) = ln 2.5, IV = (0.25 − 0.1) · ln 2.5
    expectNear(table[0]!.woe, 0.9162907318741551);
    expectNear(table[0]!.iv, 0.13744360978112327);
    // 200/400 = 0.5, 40/100 = 0.4: WOE = ln 1.25, IV = 0.1 · ln 1.25
    expectNear(table[1]!.woe, 0.22314355131420976);
    expectNear(table[1]!.iv, 0.02231435513142098);
    // 100/400 = 0.25, 50/100 = 0.5: WOE = ln 0.5, IV = (−0.25) · (−ln 2)
    expectNear(table[2]!.woe, -0.6931471805599453);
    expectNear(table[2]!.iv, 0.17328679513998632);
  });

  it('sums the IV terms into the total', () => {
    // 0.13744360978112327 + 0.02231435513142098 + 0.17328679513998632
    expectNear(totalIv(counts), 0.3330447600525306);
  });

  it('smooths a bin without bads by adding 0.5 to both its counts', () => {
    // good_total = 100, bad_total = 20. Bin 1 becomes (10.5, 0.5):
    // WOE = ln((10.5/100) / (0.5/20)) = ln(0.105 / 0.025) = ln 4.2, IV = 0.08 · ln 4.2
    const [pure, mixed] = woeTable([
      { good: 10, bad: 0 },
      { good: 90, bad: 20 },
    ]);
    expectNear(pure!.woe, 1.4350845252893227);
    expectNear(pure!.iv, 0.11480676202314583);
    // Bin 2 is not smoothed: WOE = ln(0.9 / 1.0), IV = (0.9 − 1.0) · ln 0.9
    expectNear(mixed!.woe, -0.10536051565782628);
    expectNear(mixed!.iv, 0.010536051565782635);
  });

  it('smooths a bin without goods symmetrically', () => {
    // (0.5/100) / (5.5/20) = 0.005 / 0.275: WOE = −ln 55, IV = (0.005 − 0.275) · (−ln 55)
    const { woe, iv } = binWoe(0, 5, 100, 20);
    expectNear(woe, -Math.log(55));
    expectNear(iv, 0.27 * Math.log(55));
  });

  it('gives 0 where there is no evidence: an empty bin, or a sample of one class', () => {
    expect(binWoe(0, 0, 100, 20)).toEqual({ woe: 0, iv: 0 });
    expect(
      woeTable([
        { good: 5, bad: 0 },
        { good: 7, bad: 0 },
      ]),
    ).toEqual([
      { woe: 0, iv: 0 },
      { woe: 0, iv: 0 },
    ]);
  });
});

describe('binStats', () => {
  it('reports share of all rows, bad rate, WOE and IV', () => {
    const stats = binStats({ kind: 'missing' }, 100, 10, { rows: 500, good: 400, bad: 100 });
    expect(stats).toMatchObject({ count: 110, share: 0.22, good: 100, bad: 10 });
    expectNear(stats.badRate, 10 / 110);
    expectNear(stats.woe, Math.log(2.5));
  });

  it('gives an empty bin the sample bad rate, matching its WOE of 0', () => {
    const stats = binStats({ kind: 'other' }, 0, 0, { rows: 500, good: 400, bad: 100 });
    expect(stats).toMatchObject({ count: 0, share: 0, badRate: 0.2, woe: 0, iv: 0 });
  });
});
