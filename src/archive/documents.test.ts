import { describe, expect, it } from 'vitest';
import { createFieldCrypto, DecryptionError } from '../platform/crypto.js';
import { generateKeySet } from '../platform/keys.js';
import { cleanFileName, documentProblems, sha256Hex, type NewDocument } from './archive.service.js';

const doc = (change: Partial<NewDocument> = {}): NewDocument => ({
  content: Buffer.from('劳动合同', 'utf8'),
  mediaType: 'application/pdf',
  fileName: '劳动合同.pdf',
  kind: 'alternative_proof',
  ownerUserId: null,
  ...change,
});

describe('a new document', () => {
  it('is addressed by the hex SHA-256 of its bytes', () => {
    expect(sha256Hex(Buffer.from('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('passes when well formed, media type parameters included', () => {
    expect(documentProblems(doc())).toEqual([]);
    expect(documentProblems(doc({ mediaType: 'text/plain; charset=utf-8' }))).toEqual([]);
    expect(documentProblems(doc({ mediaType: 'Image/JPEG' }))).toEqual([]);
  });

  it('names every problem by field', () => {
    const problems = documentProblems(
      doc({
        content: Buffer.alloc(0),
        mediaType: 'pdf',
        fileName: 'a/b.pdf',
        kind: 'selfie' as NewDocument['kind'],
        applicationId: 'not-a-uuid',
      }),
    );
    expect(problems.map((p) => `${p.path} ${p.code}`)).toEqual([
      'file empty_file',
      'file bad_media_type',
      'file invalid',
      'kind enum',
      'applicationId format',
    ]);
  });
});

describe('file names', () => {
  it('keep the name only, without control characters, at most 255 characters', () => {
    expect(cleanFileName('C:\\fakepath\\收入证明.pdf')).toBe('收入证明.pdf');
    expect(cleanFileName('../../etc/passwd')).toBe('passwd');
    expect(cleanFileName('a\u0000b\nc.txt')).toBe('abc.txt');
    expect(cleanFileName('  ')).toBe('document');
    expect(Array.from(cleanFileName('𠀀'.repeat(300)))).toHaveLength(255);
  });
});

describe('encrypted bytes', () => {
  const keys = generateKeySet();
  const content = Buffer.from([0, 1, 2, 0x0a, 255, ...Buffer.from('收入证明')]);

  for (const cipher of ['aes-256-gcm', 'sm4'] as const) {
    it(`round-trip with ${cipher}, bound to their context`, () => {
      const crypto = createFieldCrypto(keys, cipher);
      const sealed = crypto.encryptBytes(content, 'archive:x');
      expect(sealed.includes(content)).toBe(false);
      expect(crypto.decryptBytes(sealed, 'archive:x').equals(content)).toBe(true);
      expect(() => crypto.decryptBytes(sealed, 'archive:y')).toThrow(DecryptionError);
      const tampered = Buffer.from(sealed);
      tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
      expect(() => crypto.decryptBytes(tampered, 'archive:x')).toThrow(DecryptionError);
    });
  }

  it('refuse what is not an envelope', () => {
    const crypto = createFieldCrypto(keys, 'aes-256-gcm');
    expect(() => crypto.decryptBytes(Buffer.from('plain text'), 'c')).toThrow(DecryptionError);
  });
});
