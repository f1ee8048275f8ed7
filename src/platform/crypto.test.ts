import { describe, expect, it } from 'vitest';
import { createFieldCrypto, DecryptionError, openJson, sealJson } from './crypto.js';
import { generateKeySet, type KeySet } from './keys.js';

const keys = generateKeySet();

describe('field encryption', () => {
  for (const cipher of ['aes-256-gcm', 'sm4'] as const) {
    describe(cipher, () => {
      const crypto = createFieldCrypto(keys, cipher);

      it('round-trips a value and never stores the plaintext', () => {
        const stored = crypto.encrypt('110101199003071234', 'persons.id_number');
        expect(stored).not.toContain('110101199003071234');
        expect(stored).toMatch(cipher === 'sm4' ? /^v1:SM4CTR-HSM3:k1:/ : /^v1:A256GCM:k1:/);
        expect(crypto.decrypt(stored, 'persons.id_number')).toBe('110101199003071234');
      });

      it('uses a fresh IV, so equal plaintexts give different ciphertexts', () => {
        expect(crypto.encrypt('王小明', 'persons.name')).not.toBe(
          crypto.encrypt('王小明', 'persons.name'),
        );
      });

      it('refuses a value moved to another column', () => {
        const stored = crypto.encrypt('王小明', 'persons.name');
        expect(() => crypto.decrypt(stored, 'persons.id_number')).toThrow(DecryptionError);
      });

      it('refuses a tampered ciphertext', () => {
        const parts = crypto.encrypt('王小明', 'persons.name').split(':');
        const ct = Buffer.from(parts[4] ?? '', 'base64url');
        ct[0] = (ct[0] ?? 0) ^ 1;
        parts[4] = ct.toString('base64url');
        expect(() => crypto.decrypt(parts.join(':'), 'persons.name')).toThrow(DecryptionError);
      });
    });
  }

  it('reads values of either cipher, whatever the configured one', () => {
    const aes = createFieldCrypto(keys, 'aes-256-gcm');
    const sm4 = createFieldCrypto(keys, 'sm4');
    expect(aes.decrypt(sm4.encrypt('李娜', 'persons.name'), 'persons.name')).toBe('李娜');
    expect(sm4.decrypt(aes.encrypt('李娜', 'persons.name'), 'persons.name')).toBe('李娜');
  });

  it('rotates keys: new values use the active key, old values still read', () => {
    const old = createFieldCrypto(keys, 'aes-256-gcm');
    const stored = old.encrypt('张伟', 'persons.name');
    const rotated: KeySet = {
      ...keys,
      fieldKeys: new Map([...keys.fieldKeys, ['k2', Buffer.alloc(32, 7)]]),
      activeFieldKeyId: 'k2',
    };
    const current = createFieldCrypto(rotated, 'aes-256-gcm');
    expect(current.decrypt(stored, 'persons.name')).toBe('张伟');
    expect(current.encrypt('张伟', 'persons.name')).toMatch(/^v1:A256GCM:k2:/);
  });

  it('refuses a value whose key is gone', () => {
    const stored = createFieldCrypto(keys, 'aes-256-gcm').encrypt('x', 'c');
    const other = createFieldCrypto(generateKeySet(), 'aes-256-gcm');
    expect(() => other.decrypt(stored.replace(':k1:', ':k9:'), 'c')).toThrow(/no field key/);
    expect(() => other.decrypt(stored, 'c')).toThrow(DecryptionError);
  });
});

describe('blind index', () => {
  it('is deterministic per key and context and reveals nothing of the value', () => {
    const crypto = createFieldCrypto(keys, 'aes-256-gcm');
    const a = crypto.blindIndex('110101199003071234', 'persons.id_number');
    expect(crypto.blindIndex('110101199003071234', 'persons.id_number')).toBe(a);
    expect(crypto.blindIndex('110101199003071234', 'other')).not.toBe(a);
    expect(a).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(
      createFieldCrypto(generateKeySet(), 'aes-256-gcm').blindIndex(
        '110101199003071234',
        'persons.id_number',
      ),
    ).not.toBe(a);
  });

  it('finds values indexed under either hash after the cipher setting changes', () => {
    const sm4 = createFieldCrypto(keys, 'sm4');
    const aes = createFieldCrypto(keys, 'aes-256-gcm');
    expect(sm4.blindIndex('x', 'c')).toMatch(/^sm3:/);
    expect(aes.blindIndexCandidates('x', 'c')).toContain(sm4.blindIndex('x', 'c'));
  });
});

describe('JSON in a clear/sealed column pair', () => {
  const crypto = createFieldCrypto(generateKeySet(), 'aes-256-gcm');
  const value = [{ feature: 'age', value: 34 }];

  it('keeps what is no personal data in clear', () => {
    const stored = sealJson(crypto, value, 'ctx', false);
    expect(stored).toEqual({ clear: JSON.stringify(value), sealed: null });
    expect(openJson(crypto, value, stored.sealed, 'ctx')).toEqual(value);
  });

  it('encrypts personal data and reads it back only in its context', () => {
    const stored = sealJson(crypto, value, 'ctx', true);
    expect(stored.clear).toBeNull();
    expect(stored.sealed).not.toContain('age');
    expect(openJson(crypto, null, stored.sealed, 'ctx')).toEqual(value);
    expect(() => openJson(crypto, null, stored.sealed, 'other')).toThrow(DecryptionError);
  });
});
