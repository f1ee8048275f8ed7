/// <reference types="vite/client" />
import { describe, expect, it } from 'vitest';
import {
  allPassed,
  fromBase64,
  parseVerifierKey,
  toBase64,
  verifyInclusion,
  verifyReceipt,
  type LedgerReceipt,
} from './ledger-verify';
import fixture from './testdata/receipt.json';

/**
 * The receipt fixture is a real receipt served by `GET /ledger/receipts/2` of a test server
 * (signed with a throwaway key), with the `GET /ledger/vkey` of that server.
 */
const receipt: LedgerReceipt = fixture.receipt;
const vkey = fixture.vkey;

/** The public Merkle proof vectors of transparency-dev/merkle, read in place. */
interface InclusionVector {
  leafIdx: number;
  treeSize: number;
  root: string | null;
  leafHash: string | null;
  proof: string[] | null;
  desc: string;
  wantErr: boolean;
}
const vectors = import.meta.glob<InclusionVector>(
  '../../../../shared/testvectors/merkle/inclusion/*/*.json',
  { eager: true, import: 'default' },
);

const b64 = (text: string | null) => fromBase64(text ?? '');

const flipByte = (base64: string, at: number) => {
  const bytes = fromBase64(base64);
  bytes[at] = (bytes[at] ?? 0) ^ 0x01;
  return toBase64(bytes);
};

const failing = async (changed: LedgerReceipt, key = vkey) =>
  (await verifyReceipt(changed, key)).filter((s) => !s.ok).map((s) => s.step);

describe('RFC 9162 inclusion proofs', () => {
  it('reads the public vectors', () => {
    expect(Object.keys(vectors).length).toBeGreaterThan(40);
  });

  for (const [file, vector] of Object.entries(vectors)) {
    const name = file.split('inclusion/')[1] ?? file;
    it(`${vector.wantErr ? 'rejects' : 'accepts'} ${name} (${vector.desc})`, async () => {
      const ok = await verifyInclusion(
        vector.leafIdx,
        vector.treeSize,
        b64(vector.leafHash),
        (vector.proof ?? []).map(b64),
        b64(vector.root),
      );
      expect(ok).toBe(!vector.wantErr);
    });
  }
});

describe('a ledger receipt, verified in the page', () => {
  it('passes every step for the receipt the server gave', async () => {
    const steps = await verifyReceipt(receipt, vkey);
    expect(steps.map((s) => s.step)).toEqual([
      'verifierKey',
      'signature',
      'checkpoint',
      'leaf',
      'content',
      'leafHash',
      'inclusion',
    ]);
    expect(steps.filter((s) => !s.ok)).toEqual([]);
    expect(allPassed(steps)).toBe(true);
    // The recomputed leaf hash is the one the server stated.
    expect(steps.find((s) => s.step === 'leafHash')?.detail).toBe(receipt.leafHash);
  });

  it('fails the inclusion when one byte of the leaf changes', async () => {
    const tampered = { ...receipt, entry: flipByte(receipt.entry, 40) };
    expect(await failing(tampered)).toContain('inclusion');
    // A change that leaves the leaf readable JSON fails the same way.
    const text = atob(receipt.entry).replace('"v":1', '"v":2');
    expect(await failing({ ...receipt, entry: btoa(text) })).toEqual(['inclusion']);
  });

  it('fails when the leaf names another event', async () => {
    expect(
      (await verifyReceipt(receipt, vkey, '3')).filter((s) => !s.ok).map((s) => s.step),
    ).toEqual(['leaf']);
  });

  it('fails the inclusion when a proof hash changes, is dropped or is added', async () => {
    const [first = '', ...rest] = receipt.inclusionProof;
    expect(await failing({ ...receipt, inclusionProof: [flipByte(first, 0), ...rest] })).toEqual([
      'inclusion',
    ]);
    expect(await failing({ ...receipt, inclusionProof: rest })).toEqual(['inclusion']);
    expect(
      await failing({ ...receipt, inclusionProof: [...receipt.inclusionProof, first] }),
    ).toEqual(['inclusion']);
    expect(await failing({ ...receipt, index: receipt.index + 1 })).toEqual(['inclusion']);
  });

  it('fails the content when the content or its salt changes', async () => {
    expect(
      await failing({ ...receipt, content: receipt.content.replace('{}', '{"x":1}') }),
    ).toEqual(['content']);
    expect(await failing({ ...receipt, salt: flipByte(receipt.salt, 0) })).toEqual(['content']);
  });

  it('fails the signature when the checkpoint text or its signature changes', async () => {
    const [origin, size, root, ...rest] = receipt.checkpoint.split('\n');
    const otherRoot = flipByte(root ?? '', 3);
    const forgedRoot = [origin, size, otherRoot, ...rest].join('\n');
    expect(await failing({ ...receipt, checkpoint: forgedRoot })).toEqual(
      expect.arrayContaining(['signature', 'checkpoint', 'inclusion']),
    );
    const signatureLine = receipt.checkpoint.trimEnd().split('\n').at(-1) ?? '';
    const blob = signatureLine.split(' ').at(-1) ?? '';
    const forgedSignature = receipt.checkpoint.replace(blob, flipByte(blob, 20));
    expect(await failing({ ...receipt, checkpoint: forgedSignature })).toEqual([
      'signature',
      'checkpoint',
    ]);
  });

  it('trusts the verifier key it is given, not the one in the receipt', async () => {
    const other = await parseVerifierKey(vkey);
    expect(other.name).toBe('xinyi.local/ledger');
    const key = vkey.trim();
    const lastKeyByte = flipByte(key.split('+').at(-1) ?? '', 32);
    const wrongKey = `${key.split('+').slice(0, 2).join('+')}+${lastKeyByte}`;
    expect(await failing(receipt, wrongKey)).toEqual(['verifierKey', 'signature', 'checkpoint']);
    expect(await failing({ ...receipt, vkey: wrongKey })).toEqual([]);
  });

  it('refuses malformed base64 instead of reading around it', async () => {
    expect(await failing({ ...receipt, entry: 'not base64!' })).toEqual([
      'leaf',
      'content',
      'leafHash',
      'inclusion',
    ]);
  });
});
