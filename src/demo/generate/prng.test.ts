import { describe, expect, it } from 'vitest';
import { createRng } from './prng.js';

const draws = (seed: string, n = 5) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('gives the same numbers for the same seed and different ones for another', () => {
    expect(draws('42')).toEqual(draws('42'));
    expect(draws('42')).not.toEqual(draws('43'));
  });

  it('forks streams by label, whatever the parent has drawn', () => {
    const fresh = createRng('seed');
    const used = createRng('seed');
    used.next();
    used.normal();
    expect(fresh.fork('tax').next()).toBe(used.fork('tax').next());
    expect(fresh.fork('tax').next()).not.toBe(fresh.fork('customs').next());
  });

  it('draws uniform numbers in [0, 1) and integers within their bounds', () => {
    const rng = createRng('uniform');
    const values = Array.from({ length: 20_000 }, () => rng.next());
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.reduce((sum, value) => sum + value, 0) / values.length).toBeCloseTo(0.5, 1);
    const dice = new Set(Array.from({ length: 1_000 }, () => rng.int(1, 6)));
    expect([...dice].sort()).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('draws normal and Poisson deviates with the right means', () => {
    const rng = createRng('moments');
    let normal = 0;
    let squares = 0;
    let poisson = 0;
    for (let i = 0; i < 20_000; i++) {
      const z = rng.normal();
      normal += z;
      squares += z * z;
      poisson += rng.poisson(2.5);
    }
    expect(normal / 20_000).toBeCloseTo(0, 1);
    expect(squares / 20_000).toBeCloseTo(1, 1);
    expect(poisson / 20_000).toBeCloseTo(2.5, 1);
  });

  it('picks by weight', () => {
    const rng = createRng('weights');
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) {
      if (
        rng.weighted([
          ['heavy', 9],
          ['light', 1],
        ] as const) === 'heavy'
      )
        heavy += 1;
    }
    expect(heavy / 10_000).toBeCloseTo(0.9, 1);
  });
});
