import { describe, expect, it } from 'vitest';
import { otherRows, parseRowIndices, seededRandom, SplitError, stratifiedSplit } from './split.js';

function target(goods: number, bads: number): Uint8Array<ArrayBuffer> {
  const values = new Uint8Array(goods + bads);
  // Bads spread through the rows, every third one while they last.
  let placed = 0;
  for (let i = 0; i < values.length && placed < bads; i += 3, placed += 1) values[i] = 1;
  for (let i = 1; placed < bads; i += 3, placed += 1) values[i] = 1;
  return values;
}

const asTarget = (values: Uint8Array) => values as unknown as ArrayLike<0 | 1>;

describe('seededRandom', () => {
  it('gives the same numbers in [0, 1) for the same seed, others for another', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const first = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(first);
    expect(first.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(seededRandom(43)()).not.toBe(first[0]);
  });
});

describe('stratifiedSplit', () => {
  const y = target(700, 300);

  it('keeps the bad rate in the test set and is deterministic per seed', () => {
    const test = stratifiedSplit(asTarget(y), 0.3, 7);
    expect(test.length).toBe(300);
    expect(Array.from(test).filter((i) => y[i] === 1).length).toBe(90);
    expect(Array.from(test)).toEqual(Array.from(stratifiedSplit(asTarget(y), 0.3, 7)));
    expect(Array.from(test)).not.toEqual(Array.from(stratifiedSplit(asTarget(y), 0.3, 8)));
    expect(Array.from(test)).toEqual([...test].sort((p, q) => p - q));
  });

  it('refuses a share outside (0, 1) and a fractional seed', () => {
    expect(() => stratifiedSplit(asTarget(y), 1, 7)).toThrow(SplitError);
    expect(() => stratifiedSplit(asTarget(y), 0, 7)).toThrow(SplitError);
    expect(() => stratifiedSplit(asTarget(y), 0.3, 1.5)).toThrow(/integer/);
  });
});

describe('parseRowIndices', () => {
  it('reads one index per line or separated by spaces and commas, sorted', () => {
    expect(Array.from(parseRowIndices('4\n0\n2\n', 5))).toEqual([0, 2, 4]);
    expect(Array.from(parseRowIndices('3, 1 0;2', 5))).toEqual([0, 1, 2, 3]);
  });

  it('refuses texts, out-of-range and repeated indices and an empty list', () => {
    expect(() => parseRowIndices('1\n-2\n', 5)).toThrow('"-2" is not a row index');
    expect(() => parseRowIndices('1.5', 5)).toThrow(/not a row index/);
    expect(() => parseRowIndices('5', 5)).toThrow(
      'row index 5 is out of range: the data has rows 0 to 4',
    );
    expect(() => parseRowIndices('1 2 1', 5)).toThrow('row index 1 is listed twice');
    expect(() => parseRowIndices(' \n', 5)).toThrow('it lists no row index');
  });
});

describe('otherRows', () => {
  it('lists the rows not taken', () => {
    expect(Array.from(otherRows(Uint32Array.from([1, 3]), 5))).toEqual([0, 2, 4]);
  });
});
