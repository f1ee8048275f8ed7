import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { auditLeaf, canonicalJson, contentHash, leafContent, parseLeaf } from './leaf.js';
import {
  checkpointText,
  keyHash,
  openCheckpoint,
  openNote,
  parseCheckpoint,
  parseVerifierKey,
  rawPublicKey,
  signNote,
  verifierKey,
} from './note.js';

describe('signed notes (C2SP signed-note)', () => {
  it('verifies the published example of the Go note package', () => {
    // The example key and note of golang.org/x/mod/sumdb/note's documentation.
    const verifier = parseVerifierKey(
      'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW',
    );
    const note =
      'If you think cryptography is the answer to your problem,\n' +
      "then you don't know what your problem is.\n" +
      '\n' +
      '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
    expect(openNote(note, [verifier]).verifiedBy).toEqual(['PeterNeumann']);
    expect(() => openNote(note.replace('problem,', 'problem;'), [verifier])).toThrow();
  });

  it('signs checkpoints that verify under the vkey, and nothing altered', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const origin = 'xinyi.example/ledger';
    const vkey = verifierKey(origin, rawPublicKey(privateKey));
    // A key whose base64 holds a `+` still parses (split at the first two only).
    expect(parseVerifierKey(verifierKey('k', Buffer.alloc(32, 0xfb))).name).toBe('k');
    expect(vkey).toMatch(/^xinyi\.example\/ledger\+[0-9a-f]{8}\+A[A-Za-z0-9+/]{43}$/);
    const verifier = parseVerifierKey(vkey);
    expect(verifier.keyHash).toEqual(keyHash(origin, rawPublicKey(privateKey)));

    const root = Buffer.alloc(32, 7);
    const text = checkpointText({ origin, size: 42, root });
    expect(text).toBe(`${origin}\n42\n${root.toString('base64')}\n`);
    const note = signNote(text, origin, privateKey);
    expect(note.startsWith(`${text}\n\u2014 ${origin} `)).toBe(true);
    expect(openCheckpoint(note, verifier)).toEqual({ origin, size: 42, root, extensions: [] });

    expect(() => openCheckpoint(note.replace('\n42\n', '\n43\n'), verifier)).toThrow();
    expect(() => openCheckpoint(note, verifier, 'other.example/log')).toThrow();
    const other = parseVerifierKey(
      verifierKey(origin, rawPublicKey(generateKeyPairSync('ed25519').privateKey)),
    );
    expect(() => openCheckpoint(note, other)).toThrow(/no known key/);
  });

  it('refuses malformed keys and checkpoints', () => {
    expect(() => parseVerifierKey('name+00000000+AAAA')).toThrow();
    expect(() => parseVerifierKey('a b+00000000+AAAA')).toThrow();
    expect(() => parseCheckpoint('origin\n01\nAAAA\n')).toThrow();
    expect(() => parseCheckpoint('origin\n1\n')).toThrow();
    expect(() => parseCheckpoint(`origin\n1\n${Buffer.alloc(31).toString('base64')}\n`)).toThrow();
  });
});

describe('audit leaves', () => {
  const source = {
    id: '17',
    at: '2026-11-25T14:07:26.123456Z',
    actorKind: 'user',
    actorId: '7d9a5a36-6a7b-4f5e-9d51-0d3c7e1c2a10',
    actorRole: 'lender_officer',
    actorOrganisationId: null,
    action: 'person.read',
    subjectKind: 'person_ref',
    subjectId: 'blind-index-of-an-id-number',
    detail: { b: 1, a: ['x', { d: null, c: 2 }] },
    requestId: 'req-1',
  };

  it('holds ids, type, actor and time, and only a salted hash of the rest', () => {
    const salt = Buffer.alloc(16, 1);
    const leaf = parseLeaf(auditLeaf(source, salt));
    expect(leaf).toEqual({
      v: 1,
      event: '17',
      type: 'person.read',
      at: source.at,
      actor: { kind: 'user', id: source.actorId, role: 'lender_officer' },
      subject: { kind: 'person_ref' },
      content: contentHash(salt, leafContent(source)),
    });
    expect(auditLeaf(source, salt).toString()).not.toContain('blind-index');
    expect(auditLeaf(source, Buffer.alloc(16, 2))).not.toEqual(auditLeaf(source, salt));
    expect(canonicalJson(source.detail)).toBe('{"a":["x",{"c":2,"d":null}],"b":1}');
  });
});
