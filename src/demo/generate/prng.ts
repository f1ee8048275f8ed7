/**
 * A small seeded pseudo-random generator for demo data: sfc32 (Chris Doty-Humphrey's Small
 * Fast Counting generator, 32-bit variant) seeded through cyrb128. Never `Math.random`, so the
 * same seed always gives the same data.
 *
 * Streams are forked by label from the root seed (`rng.fork('tax')`), not from the parent's
 * state: adding a draw to one part of the generator does not shift the numbers of another.
 *
 * @example
 * const rng = createRng('42');
 * rng.int(1, 6); // the same die roll for seed '42', every time
 * rng.fork('persons').normal();
 */
export interface Rng {
  /** The seed text this stream was created from. */
  readonly seed: string;
  /** A uniform number in [0, 1). */
  next(): number;
  /** A uniform integer in [min, max], both included. */
  int(min: number, max: number): number;
  /** A uniform number in [min, max). */
  uniform(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** One item, chosen with probability proportional to its weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T;
  /** A standard normal deviate (Box–Muller). */
  normal(): number;
  /** A Poisson count (Knuth's method for small means, a rounded normal above 30). */
  poisson(mean: number): number;
  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[];
  /** An independent stream derived from this stream's seed and `label`. */
  fork(label: string): Rng;
}

/** cyrb128: four 32-bit hashes of a string, used as the generator's initial state. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/** sfc32 over the given state: returns a function giving uniform numbers in [0, 1). */
function sfc32(state: [number, number, number, number]): () => number {
  let [a, b, c, d] = state;
  const next = () => {
    a |= 0;
    b |= 0;
    c |= 0;
    d |= 0;
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  // The first outputs of a fresh state are weakly mixed; skip them.
  for (let i = 0; i < 15; i++) next();
  return next;
}

/** A generator seeded by `seed` (any text; numbers are given as their decimal text). */
export function createRng(seed: string): Rng {
  const next = sfc32(cyrb128(seed));
  let spareNormal: number | undefined;
  const rng: Rng = {
    seed,
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    uniform: (min, max) => min + next() * (max - min),
    chance: (probability) => next() < probability,
    pick<T>(items: readonly T[]): T {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      let total = 0;
      for (const [, weight] of items) total += weight;
      let target = next() * total;
      for (const [item, weight] of items) {
        target -= weight;
        if (target < 0) return item;
      }
      const last = items[items.length - 1];
      if (last === undefined) throw new RangeError('weighted pick from an empty list');
      return last[0];
    },
    normal() {
      if (spareNormal !== undefined) {
        const value = spareNormal;
        spareNormal = undefined;
        return value;
      }
      const u = 1 - next();
      const v = next();
      const radius = Math.sqrt(-2 * Math.log(u));
      spareNormal = radius * Math.sin(2 * Math.PI * v);
      return radius * Math.cos(2 * Math.PI * v);
    },
    poisson(mean) {
      if (mean <= 0) return 0;
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * rng.normal()));
      const limit = Math.exp(-mean);
      let count = 0;
      let product = next();
      while (product > limit) {
        count += 1;
        product *= next();
      }
      return count;
    },
    shuffle<T>(items: T[]): T[] {
      for (let i = items.length - 1; i > 0; i--) {
        const j = Math.floor(next() * (i + 1));
        const item = items[i] as T;
        items[i] = items[j] as T;
        items[j] = item;
      }
      return items;
    },
    fork: (label) => createRng(`${seed}/${label}`),
  };
  return rng;
}

/** The logistic function. */
export const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

export const clamp = (value: number, min: number, max: number): number =>
  Math.min(max, Math.max(min, value));
