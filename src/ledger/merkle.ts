import { createHash } from 'node:crypto';

/**
 * The Merkle tree of the audit ledger, pure: RFC 6962 / RFC 9162 hashing (leaf prefix 0x00,
 * node prefix 0x01, SHA-256), tree heads, inclusion and consistency proofs and their
 * verification, and the C2SP tlog-tiles coordinates.
 *
 * Indices and sizes are JavaScript numbers: every value must be a safe integer (< 2^53);
 * bit operators are avoided because they truncate to 32 bits.
 */

export const HASH_SIZE = 32;
/** Hashes per full tile (tile height 8). */
export const TILE_WIDTH = 256;
export const TILE_HEIGHT = 8;

const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest();
};

/** MTH of the empty tree: SHA-256 of the empty string. */
export const EMPTY_ROOT = sha256();

/** The hash of one entry: SHA-256(0x00 || entry). */
export const leafHash = (entry: Uint8Array): Buffer => sha256(Buffer.of(0), entry);

/** The hash of an interior node: SHA-256(0x01 || left || right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array): Buffer =>
  sha256(Buffer.of(1), left, right);

const isIndex = (n: number) => Number.isSafeInteger(n) && n >= 0;
const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** The largest power of two strictly smaller than n (n > 1). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** Whether n is a power of two (n ≥ 1). */
const isPowerOfTwo = (n: number) => n >= 1 && splitPoint(n + 1) === n;

/** MTH over a list of leaf hashes (for small trees, tests and verifiers). */
export function rootFromLeafHashes(leaves: readonly Uint8Array[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  const frontier = new Frontier();
  for (const leaf of leaves) frontier.append(leaf);
  return frontier.root();
}

/**
 * The right edge of a growing tree: the hashes of the complete subtrees of the tree of
 * `size` leaves, largest first (one per set bit of size). Appending a leaf merges equal
 * subtrees; the root folds them from the right, which is MTH's split at the largest power
 * of two.
 */
export class Frontier {
  private readonly nodes: { size: number; hash: Buffer }[] = [];
  private count = 0;

  constructor(size = 0, hashes: readonly Uint8Array[] = []) {
    const sizes: number[] = [];
    for (let bit = 2 ** 52; bit >= 1; bit /= 2)
      if (Math.floor(size / bit) % 2 === 1) sizes.push(bit);
    if (sizes.length !== hashes.length) throw new Error('frontier does not match the tree size');
    sizes.forEach((s, i) => this.nodes.push({ size: s, hash: Buffer.from(hashes[i] ?? []) }));
    this.count = size;
  }

  get size() {
    return this.count;
  }

  /**
   * Appends a leaf hash. `onComplete` hears of every complete subtree this closes
   * (level = log2 of its leaf count, index = its position at that level).
   */
  append(hash: Uint8Array, onComplete?: (level: number, index: number, hash: Buffer) => void) {
    let node: { size: number; hash: Buffer } = { size: 1, hash: Buffer.from(hash) };
    let start = this.count;
    onComplete?.(0, start, node.hash);
    let level = 0;
    for (let top = this.nodes.at(-1); top && top.size === node.size; top = this.nodes.at(-1)) {
      this.nodes.pop();
      start -= top.size;
      node = { size: node.size * 2, hash: nodeHash(top.hash, node.hash) };
      level += 1;
      onComplete?.(level, start / node.size, node.hash);
    }
    this.nodes.push(node);
    this.count += 1;
  }

  root(): Buffer {
    if (this.nodes.length === 0) return EMPTY_ROOT;
    let root = this.nodes[this.nodes.length - 1]!.hash;
    for (let i = this.nodes.length - 2; i >= 0; i -= 1) root = nodeHash(this.nodes[i]!.hash, root);
    return root;
  }

  hashes(): Buffer[] {
    return this.nodes.map((n) => n.hash);
  }
}

/**
 * Where proofs read tree hashes from: the hash of the complete subtree at `level` (2^level
 * leaves) and `index`. Async, so that it can read a database.
 */
export type NodeReader = (level: number, index: number) => Promise<Buffer>;

/** MTH(D[lo:hi]) of a tree, from complete-subtree hashes. */
export async function rangeHash(read: NodeReader, lo: number, hi: number): Promise<Buffer> {
  const n = hi - lo;
  if (n <= 0) return EMPTY_ROOT;
  if (isPowerOfTwo(n) && lo % n === 0) return read(Math.log2(n), lo / n);
  const k = splitPoint(n);
  return nodeHash(await rangeHash(read, lo, lo + k), await rangeHash(read, lo + k, hi));
}

/** RFC 9162 §2.1.3.1 PATH(m, D[lo:hi]): the inclusion proof of leaf m. */
export async function inclusionProof(
  read: NodeReader,
  index: number,
  size: number,
): Promise<Buffer[]> {
  if (!isIndex(index) || !isIndex(size) || index >= size) {
    throw new RangeError(`no leaf ${index} in a tree of size ${size}`);
  }
  const path = async (m: number, lo: number, hi: number): Promise<Buffer[]> => {
    if (hi - lo === 1) return [];
    const k = splitPoint(hi - lo);
    return m < lo + k
      ? [...(await path(m, lo, lo + k)), await rangeHash(read, lo + k, hi)]
      : [...(await path(m, lo + k, hi)), await rangeHash(read, lo, lo + k)];
  };
  return path(index, 0, size);
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]): the consistency proof from size m to size n. */
export async function consistencyProof(
  read: NodeReader,
  from: number,
  to: number,
): Promise<Buffer[]> {
  if (!isIndex(from) || !isIndex(to) || from > to) {
    throw new RangeError(`no consistency proof from ${from} to ${to}`);
  }
  if (from === 0 || from === to) return [];
  const subproof = async (m: number, lo: number, hi: number, known: boolean): Promise<Buffer[]> => {
    if (lo + m === hi) return known ? [] : [await rangeHash(read, lo, hi)];
    const k = splitPoint(hi - lo);
    return m <= k
      ? [...(await subproof(m, lo, lo + k, known)), await rangeHash(read, lo + k, hi)]
      : [...(await subproof(m - k, lo + k, hi, false)), await rangeHash(read, lo, lo + k)];
  };
  return subproof(from, 0, to, true);
}

const sameHash = (a: Uint8Array, b: Uint8Array) =>
  a.length === HASH_SIZE && b.length === HASH_SIZE && Buffer.compare(a, b) === 0;

/**
 * RFC 9162 §2.1.3.2: whether `proof` shows the leaf with hash `leaf` at `index` in the tree
 * of `size` leaves with root `root`. Malformed input is simply not a valid proof.
 */
export function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isIndex(index) || !isIndex(size) || index >= size) return false;
  if (leaf.length !== HASH_SIZE || proof.some((p) => p.length !== HASH_SIZE)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Buffer = Buffer.from(leaf);
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(r, root);
}

/**
 * RFC 9162 §2.1.4.2: whether `proof` shows the tree of `size1` leaves (root1) to be a prefix
 * of the tree of `size2` leaves (root2).
 */
export function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): boolean {
  if (!isIndex(size1) || !isIndex(size2) || size1 > size2) return false;
  if (proof.some((p) => p.length !== HASH_SIZE)) return false;
  // The empty tree has one head, MTH({}); extending it proves nothing, so it is refused
  // (RFC 9162 requires 0 < size1), as the public vectors expect.
  if (size1 === 0) {
    return (
      size2 === 0 &&
      proof.length === 0 &&
      Buffer.from(root1).equals(EMPTY_ROOT) &&
      Buffer.from(root2).equals(EMPTY_ROOT)
    );
  }
  // Equal sizes: nothing to prove but that the two heads are the same bytes.
  if (size1 === size2) return proof.length === 0 && Buffer.from(root1).equals(root2);
  if (root1.length !== HASH_SIZE || root2.length !== HASH_SIZE) return false;
  if (proof.length === 0) return false;
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Buffer = Buffer.from(path[0]!);
  let sr: Buffer = Buffer.from(path[0]!);
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = nodeHash(c, fr);
      sr = nodeHash(c, sr);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      sr = nodeHash(sr, c);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && sameHash(fr, root1) && sameHash(sr, root2);
}

/**
 * A subtree [start, end) of the Merkle Tree Certificates draft (draft-ietf-plants-merkle-
 * tree-certs §4.1): non-empty and start a multiple of the smallest power of two ≥ end-start.
 */
export function isValidSubtree(start: number, end: number): boolean {
  if (!isIndex(start) || !isIndex(end) || start >= end) return false;
  const width = end - start;
  const ceil = isPowerOfTwo(width) ? width : splitPoint(width) * 2;
  return start % ceil === 0;
}

/**
 * Whether `proof` shows the leaf `leaf` at `index` inside the subtree [start, end) whose
 * hash is `root`: the subtree is itself an RFC 6962 tree over D[start:end].
 */
export function verifySubtreeInclusion(
  index: number,
  start: number,
  end: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): boolean {
  if (!isValidSubtree(start, end) || !isIndex(index) || index < start || index >= end) {
    return false;
  }
  return verifyInclusion(index - start, end - start, leaf, proof, root);
}

/**
 * Whether `proof` shows the subtree [start, end) with hash `subtreeRoot` to be part of the
 * tree of `size` leaves with root `root`. Assumption (our reading of the draft's
 * SUBTREE_SUBPROOF, checked against the public vectors): the proof lists, deepest first,
 * the hash of every sibling on the way from the subtree's node up to the root, preceded by
 * the hash of the deepest node that lies wholly inside the subtree when the subtree is not
 * itself a node of the tree. The verifier retraces that descent, which the three numbers
 * fix, and rebuilds both hashes.
 */
export function verifySubtreeConsistency(
  start: number,
  end: number,
  size: number,
  proof: readonly Uint8Array[],
  subtreeRoot: Uint8Array,
  root: Uint8Array,
): boolean {
  if (!isIndex(start) || !isIndex(end) || !isIndex(size) || end > size) return false;
  if (proof.some((p) => p.length !== HASH_SIZE)) return false;
  // The empty subtree is part of every tree: its hash must be MTH({}) and nothing is proved.
  if (start === end) return proof.length === 0 && Buffer.from(subtreeRoot).equals(EMPTY_ROOT);
  if (!isValidSubtree(start, end)) return false;
  // Descend from the root to the node where the subtree's remaining part is whole.
  const steps: ('left' | 'right' | 'split')[] = [];
  let lo = 0;
  let hi = size;
  let from = start;
  while (!(from === lo && end === hi)) {
    const mid = lo + splitPoint(hi - lo);
    if (end <= mid) {
      steps.push('left');
      hi = mid;
    } else if (from >= mid) {
      steps.push('right');
      lo = mid;
    } else {
      // Only a subtree that starts at this node can straddle its split (it is aligned).
      if (from !== lo) return false;
      steps.push('split');
      lo = mid;
      from = mid;
    }
  }
  const known = !steps.includes('split');
  const hashes = [...proof];
  if (hashes.length !== steps.length + (known ? 0 : 1)) return false;
  let inner: Buffer = Buffer.from(known ? subtreeRoot : hashes.shift()!);
  let whole: Buffer = inner;
  for (let i = steps.length - 1; i >= 0; i -= 1) {
    const sibling = hashes.shift()!;
    const step = steps[i];
    if (step === 'left') whole = nodeHash(whole, sibling);
    else {
      whole = nodeHash(sibling, whole);
      if (step === 'split') inner = nodeHash(sibling, inner);
    }
  }
  return inner.equals(subtreeRoot) && whole.equals(root);
}

// ---------------------------------------------------------------------------------------
// C2SP tlog-tiles coordinates
// ---------------------------------------------------------------------------------------

/** A tile: `level` L (tree level 8L), index N, and width W (256 for a full tile). */
export interface TileRef {
  readonly level: number;
  readonly index: number;
  readonly width: number;
}

/** `<N>` as tlog-tiles spells it: 3-digit groups, all but the last prefixed with `x`. */
export function encodeTileIndex(index: number): string {
  if (!isIndex(index)) throw new RangeError(`bad tile index ${index}`);
  const groups: string[] = [];
  let rest = index;
  do {
    groups.unshift(String(rest % 1000).padStart(3, '0'));
    rest = Math.floor(rest / 1000);
  } while (rest > 0);
  return groups.map((g, i) => (i < groups.length - 1 ? `x${g}` : g)).join('/');
}

/** The path of a tile below the log prefix: `tile/<L>/<N>[.p/<W>]` or `tile/entries/…`. */
export function tilePath(tile: TileRef | { level: 'entries'; index: number; width: number }) {
  const suffix = tile.width === TILE_WIDTH ? '' : `.p/${tile.width}`;
  return `tile/${tile.level}/${encodeTileIndex(tile.index)}${suffix}`;
}

/**
 * Parses what follows `tile/` in a tile URL; null when it is not a path the spec allows
 * (leading zeros, level above 63, width outside 1..255, …).
 */
export function parseTilePath(
  path: string,
): { level: number | 'entries'; index: number; width: number } | null {
  const parts = path.split('/');
  const head = parts.shift();
  let level: number | 'entries';
  if (head === 'entries') level = 'entries';
  else if (head !== undefined && /^(0|[1-9]\d?)$/.test(head) && Number(head) <= 63) {
    level = Number(head);
  } else return null;
  let width = TILE_WIDTH;
  const last = parts.at(-2);
  if (last !== undefined && last.endsWith('.p')) {
    const w = parts.pop()!;
    if (!/^[1-9]\d{0,2}$/.test(w) || Number(w) > 255) return null;
    width = Number(w);
    parts[parts.length - 1] = last.slice(0, -2);
  }
  if (parts.length === 0) return null;
  let index = 0;
  for (const [i, part] of parts.entries()) {
    const re = i < parts.length - 1 ? /^x\d{3}$/ : /^\d{3}$/;
    if (!re.test(part)) return null;
    index = index * 1000 + Number(part.replace('x', ''));
  }
  // One spelling per index: no leading all-zero group.
  if (parts.length > 1 && parts[0] === 'x000') return null;
  if (!isIndex(index)) return null;
  return { level, index, width };
}

/**
 * How many hashes the tree of `size` leaves has at tile level L (each the hash of a full
 * 256^L-leaf subtree): floor(size / 256^L).
 */
export const hashesAtTileLevel = (size: number, level: number) =>
  Math.floor(size / TILE_WIDTH ** level);

/** Entry bundle: each entry as a big-endian uint16 length and its bytes. */
export function encodeBundle(entries: readonly Uint8Array[]): Buffer {
  const parts: Buffer[] = [];
  for (const entry of entries) {
    if (entry.length > 0xffff) throw new RangeError('an entry is longer than 65535 bytes');
    const length = Buffer.alloc(2);
    length.writeUInt16BE(entry.length);
    parts.push(length, Buffer.from(entry));
  }
  return Buffer.concat(parts);
}

export function decodeBundle(bundle: Uint8Array): Buffer[] {
  const data = Buffer.from(bundle);
  const entries: Buffer[] = [];
  let at = 0;
  while (at < data.length) {
    if (at + 2 > data.length) throw new Error('truncated entry bundle');
    const length = data.readUInt16BE(at);
    if (at + 2 + length > data.length) throw new Error('truncated entry bundle');
    entries.push(data.subarray(at + 2, at + 2 + length));
    at += 2 + length;
  }
  return entries;
}
