import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  consistencyProof,
  decodeBundle,
  EMPTY_ROOT,
  encodeBundle,
  encodeTileIndex,
  Frontier,
  hashesAtTileLevel,
  inclusionProof,
  isValidSubtree,
  leafHash,
  nodeHash,
  parseTilePath,
  rangeHash,
  rootFromLeafHashes,
  tilePath,
  verifyConsistency,
  verifyInclusion,
  verifySubtreeConsistency,
  verifySubtreeInclusion,
  type NodeReader,
} from './merkle.js';

// The public vectors of transparency-dev/merkle, read in place (see their README).
const VECTORS = fileURLToPath(new URL('../../../shared/testvectors/merkle/', import.meta.url));

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return jsonFiles(file);
    return name.endsWith('.json') ? [file] : [];
  });
}

interface Vector {
  leafIdx?: number;
  treeSize?: number;
  start?: number;
  end?: number;
  size?: number;
  size1?: number;
  size2?: number;
  root?: string | null;
  root1?: string | null;
  root2?: string | null;
  leafHash?: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}

const bytes = (b64: string | null | undefined) => Buffer.from(b64 ?? '', 'base64');
const proofOf = (v: Vector) => (v.proof ?? []).map(bytes);

function vectors(kind: string) {
  const dir = path.join(VECTORS, kind);
  return jsonFiles(dir).map((file) => ({
    name: path.relative(dir, file),
    vector: JSON.parse(readFileSync(file, 'utf8')) as Vector,
  }));
}

// The leaves of the RFC 6962 reference tree the vectors are built on (hex).
const REFERENCE_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
].map((hex) => leafHash(Buffer.from(hex, 'hex')));

/** A node reader over an in-memory list of leaf hashes. */
function memoryReader(leaves: readonly Buffer[]): NodeReader {
  return async (level, index) => {
    const width = 2 ** level;
    return rootFromLeafHashes(leaves.slice(index * width, (index + 1) * width));
  };
}

describe('RFC 6962 test vectors (transparency-dev/merkle testdata)', () => {
  const inclusion = vectors('inclusion');
  const consistency = vectors('consistency');
  const subtreeInclusion = vectors('subtreeinclusion');
  const subtreeConsistency = vectors('subtreeconsistency');

  it('finds every vector', () => {
    expect(inclusion.length).toBeGreaterThan(50);
    expect(consistency.length).toBeGreaterThan(50);
    expect(subtreeInclusion.length).toBeGreaterThan(50);
    expect(subtreeConsistency.length).toBeGreaterThan(50);
  });

  it.each(inclusion)('inclusion $name', ({ vector: v }) => {
    const ok = verifyInclusion(
      v.leafIdx ?? -1,
      v.treeSize ?? -1,
      bytes(v.leafHash),
      proofOf(v),
      bytes(v.root),
    );
    expect(ok).toBe(!v.wantErr);
  });

  it.each(consistency)('consistency $name', ({ vector: v }) => {
    const ok = verifyConsistency(
      v.size1 ?? -1,
      v.size2 ?? -1,
      proofOf(v),
      bytes(v.root1),
      bytes(v.root2),
    );
    expect(ok).toBe(!v.wantErr);
  });

  it.each(subtreeInclusion)('subtree inclusion $name', ({ vector: v }) => {
    const ok = verifySubtreeInclusion(
      v.leafIdx ?? -1,
      v.start ?? -1,
      v.end ?? -1,
      bytes(v.leafHash),
      proofOf(v),
      bytes(v.root),
    );
    expect(ok).toBe(!v.wantErr);
  });

  it.each(subtreeConsistency)('subtree consistency $name', ({ vector: v }) => {
    const ok = verifySubtreeConsistency(
      v.start ?? -1,
      v.end ?? -1,
      v.size ?? -1,
      proofOf(v),
      bytes(v.root1),
      bytes(v.root2),
    );
    expect(ok).toBe(!v.wantErr);
  });

  it('generates exactly the happy-path proofs of the reference tree', async () => {
    const read = memoryReader(REFERENCE_LEAVES);
    let compared = 0;
    for (const { vector: v } of inclusion) {
      if (v.wantErr || v.desc !== 'happy path' || (v.treeSize ?? 99) > 8) continue;
      if (!bytes(v.leafHash).equals(REFERENCE_LEAVES[v.leafIdx ?? 0]!)) continue;
      const proof = await inclusionProof(read, v.leafIdx ?? 0, v.treeSize ?? 0);
      expect(proof.map((p) => p.toString('base64'))).toEqual(v.proof ?? []);
      expect((await rangeHash(read, 0, v.treeSize ?? 0)).toString('base64')).toBe(v.root);
      compared += 1;
    }
    for (const { vector: v } of consistency) {
      if (v.wantErr || v.desc !== 'happy path' || (v.size2 ?? 99) > 8) continue;
      const proof = await consistencyProof(read, v.size1 ?? 0, v.size2 ?? 0);
      expect(proof.map((p) => p.toString('base64'))).toEqual(v.proof ?? []);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(4);
  });
});

describe('proofs generated for every shape of small tree', () => {
  const leaves = Array.from({ length: 70 }, (_, i) => leafHash(Buffer.from(`entry ${i}`)));
  const read = memoryReader(leaves);

  it('verifies every inclusion and consistency proof up to 70 leaves', async () => {
    for (let size = 1; size <= leaves.length; size += 1) {
      const root = rootFromLeafHashes(leaves.slice(0, size));
      for (let index = 0; index < size; index += 1) {
        const proof = await inclusionProof(read, index, size);
        expect(verifyInclusion(index, size, leaves[index]!, proof, root)).toBe(true);
        if (size > 1) {
          const other = leaves[(index + 1) % size]!;
          expect(verifyInclusion(index, size, other, proof, root)).toBe(false);
        }
      }
      for (let from = 1; from <= size; from += 1) {
        const proof = await consistencyProof(read, from, size);
        const old = rootFromLeafHashes(leaves.slice(0, from));
        expect(verifyConsistency(from, size, proof, old, root)).toBe(true);
        if (from < size) {
          expect(verifyConsistency(from, size, proof, root, old)).toBe(false);
        }
      }
    }
  });

  it('keeps the frontier equal to MTH at every size, and reports tile-level subtrees', () => {
    const frontier = new Frontier();
    const completed: string[] = [];
    leaves.forEach((leaf, i) => {
      frontier.append(leaf, (level, index) => {
        if (level === 6) completed.push(`${level}/${index}`);
      });
      expect(frontier.root()).toEqual(rootFromLeafHashes(leaves.slice(0, i + 1)));
      const again = new Frontier(frontier.size, frontier.hashes());
      expect(again.root()).toEqual(frontier.root());
    });
    expect(completed).toEqual(['6/0']);
    expect(new Frontier().root()).toEqual(EMPTY_ROOT);
    expect(EMPTY_ROOT.toString('hex')).toBe(
      'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
    );
    expect(nodeHash(leaves[0]!, leaves[1]!)).toEqual(rootFromLeafHashes(leaves.slice(0, 2)));
  });

  it('knows which subtrees are valid', () => {
    expect(isValidSubtree(0, 1)).toBe(true);
    expect(isValidSubtree(8, 14)).toBe(true);
    expect(isValidSubtree(4, 7)).toBe(true);
    expect(isValidSubtree(3, 5)).toBe(false);
    expect(isValidSubtree(1, 1)).toBe(false);
  });
});

describe('tlog-tiles coordinates', () => {
  it('spells tile indexes in x-prefixed 3-digit groups', () => {
    expect(encodeTileIndex(0)).toBe('000');
    expect(encodeTileIndex(5)).toBe('005');
    expect(encodeTileIndex(1000)).toBe('x001/000');
    expect(encodeTileIndex(1234067)).toBe('x001/x234/067');
    expect(tilePath({ level: 0, index: 1234067, width: 256 })).toBe('tile/0/x001/x234/067');
    expect(tilePath({ level: 1, index: 2, width: 17 })).toBe('tile/1/002.p/17');
    expect(tilePath({ level: 'entries', index: 0, width: 3 })).toBe('tile/entries/000.p/3');
  });

  it('parses tile paths and refuses what the spec does not allow', () => {
    expect(parseTilePath('0/x001/x234/067')).toEqual({ level: 0, index: 1234067, width: 256 });
    expect(parseTilePath('2/001.p/17')).toEqual({ level: 2, index: 1, width: 17 });
    expect(parseTilePath('entries/x001/000.p/255')).toEqual({
      level: 'entries',
      index: 1000,
      width: 255,
    });
    for (const bad of [
      '',
      '0',
      '00/000',
      '64/000',
      '0/1',
      '0/0001',
      '0/x000/001',
      '0/001/x002',
      '0/000.p/0',
      '0/000.p/256',
      '0/000.p/01',
      '0/000.p',
      'x/000',
      'entries/abc',
    ]) {
      expect(parseTilePath(bad), bad).toBeNull();
    }
  });

  it('counts hashes per level as the spec example (size 70,000)', () => {
    expect(hashesAtTileLevel(70_000, 0)).toBe(70_000);
    expect(Math.floor(hashesAtTileLevel(70_000, 0) / 256)).toBe(273);
    expect(hashesAtTileLevel(70_000, 0) % 256).toBe(112);
    expect(hashesAtTileLevel(70_000, 1) % 256).toBe(17);
    expect(hashesAtTileLevel(70_000, 2)).toBe(1);
  });

  it('round-trips entry bundles (uint16 big-endian lengths)', () => {
    const entries = [Buffer.from('a'), Buffer.alloc(0), Buffer.alloc(300, 7)];
    const bundle = encodeBundle(entries);
    expect(bundle.subarray(0, 3)).toEqual(Buffer.from([0, 1, 0x61]));
    expect(decodeBundle(bundle)).toEqual(entries);
    expect(() => decodeBundle(bundle.subarray(0, bundle.length - 1))).toThrow();
    expect(() => encodeBundle([Buffer.alloc(65536)])).toThrow();
  });
});
