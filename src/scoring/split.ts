/**
 * Hold-out sets for validating a scorecard: a seeded stratified split, and lists of row
 * indices as users write them in a file. Row indices are 0-based data rows (the header and
 * blank lines do not count). Pure.
 */

export class SplitError extends Error {}

/**
 * mulberry32: a 32-bit generator, small and fast, and identical on every platform and Node
 * version, so a seed gives the same split everywhere (Math.random cannot be seeded).
 *
 * @example
 * const next = seededRandom(42);
 * next(); // a number in [0, 1), the same on every run
 */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items: Uint32Array, next: () => number): Uint32Array {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = Math.floor(next() * (i + 1));
    const swap = items[i] ?? 0;
    items[i] = items[j] ?? 0;
    items[j] = swap;
  }
  return items;
}

/**
 * The test rows of a stratified split: within each class, `testShare` of the rows (rounded)
 * drawn at random, so the test set keeps the data's bad rate. Sorted ascending.
 *
 * @example
 * stratifiedSplit(target, 0.3, 7); // Uint32Array [2, 5, 11, …], 30 % of the goods and of the bads
 */
export function stratifiedSplit(
  target: ArrayLike<0 | 1>,
  testShare: number,
  seed: number,
): Uint32Array {
  if (!(testShare > 0 && testShare < 1)) {
    throw new SplitError(`the test share must be between 0 and 1, got ${testShare}`);
  }
  if (!Number.isSafeInteger(seed)) throw new SplitError(`the seed must be an integer, got ${seed}`);
  const next = seededRandom(seed);
  const byClass: [number[], number[]] = [[], []];
  for (let i = 0; i < target.length; i += 1) byClass[target[i] === 1 ? 1 : 0].push(i);
  const test = byClass.flatMap((rows) => {
    const drawn = shuffle(Uint32Array.from(rows), next);
    return Array.from(drawn.subarray(0, Math.round(rows.length * testShare)));
  });
  return Uint32Array.from(test).sort();
}

/**
 * Parses a list of row indices: integers separated by whitespace, commas or semicolons (one
 * per line is the usual form). Each must name one of `rows` data rows, once. Sorted.
 */
export function parseRowIndices(text: string, rows: number): Uint32Array {
  const tokens = text.split(/[\s,;]+/).filter((token) => token !== '');
  if (tokens.length === 0) throw new SplitError('it lists no row index');
  const indices = new Uint32Array(tokens.length);
  const seen = new Uint8Array(rows);
  tokens.forEach((token, i) => {
    if (!/^\d+$/.test(token)) throw new SplitError(`"${token}" is not a row index (0, 1, 2, …)`);
    const index = Number(token);
    if (index >= rows) {
      throw new SplitError(
        `row index ${token} is out of range: the data has rows 0 to ${rows - 1}`,
      );
    }
    if (seen[index]) throw new SplitError(`row index ${index} is listed twice`);
    seen[index] = 1;
    indices[i] = index;
  });
  return indices.sort();
}

/** The rows of 0..rows-1 not in `taken` (sorted ascending, each within range). */
export function otherRows(taken: Uint32Array, rows: number): Uint32Array {
  const isTaken = new Uint8Array(rows);
  for (const index of taken) isTaken[index] = 1;
  const others = new Uint32Array(rows - taken.length);
  let k = 0;
  for (let i = 0; i < rows; i += 1) if (!isTaken[i]) others[k++] = i;
  return others;
}
