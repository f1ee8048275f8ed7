import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import type { FieldCipherName } from './config.js';
import type { KeySet } from './keys.js';

/**
 * Field-level encryption of personal data and HMAC blind indexes to find it again.
 *
 * A stored value is `v1:<alg>:<keyId>:<iv>:<ciphertext>:<tag>` (base64url parts), so each
 * value names the key and algorithm it needs: keys rotate and the cipher can change without
 * re-encrypting old rows. The `context` (e.g. `persons.id_number`) is bound to the value so a
 * ciphertext copied into another column does not decrypt.
 *
 * @example
 * const crypto = createFieldCrypto(keys, 'aes-256-gcm');
 * const stored = crypto.encrypt('110101199003071234', 'persons.id_number');
 * crypto.decrypt(stored, 'persons.id_number'); // '110101199003071234'
 */
export interface FieldCrypto {
  encrypt(plaintext: string, context: string): string;
  decrypt(stored: string, context: string): string;
  /**
   * Bytes (a document's content) in the same envelope, kept binary: the header
   * `v1:<alg>:<keyId>:<iv>:<tag>`, a newline, then the raw ciphertext.
   */
  encryptBytes(plaintext: Buffer, context: string): Buffer;
  decryptBytes(stored: Buffer, context: string): Buffer;
  /** The index written with a new value. */
  blindIndex(value: string, context: string): string;
  /** Every index the value may have been stored under (one per supported hash). */
  blindIndexCandidates(value: string, context: string): string[];
}

export class DecryptionError extends Error {}

type Algorithm = 'A256GCM' | 'SM4CTR-HSM3';
const ALGORITHM_OF: Record<FieldCipherName, Algorithm> = {
  'aes-256-gcm': 'A256GCM',
  sm4: 'SM4CTR-HSM3',
};
const BLIND_HASH_OF: Record<FieldCipherName, 'sha256' | 'sm3'> = {
  'aes-256-gcm': 'sha256',
  sm4: 'sm3',
};

const b64 = (b: Buffer) => b.toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

function encryptGcm(key: Buffer, plaintext: Buffer, context: string) {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(context));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct, tag: cipher.getAuthTag() };
}

function decryptGcm(key: Buffer, iv: Buffer, ct: Buffer, tag: Buffer, context: string): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(Buffer.from(context));
  decipher.setAuthTag(tag);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

// SM4 has no GCM mode in Node's OpenSSL, so SM4-CTR is combined with HMAC-SM3
// (encrypt-then-MAC); the 32-byte key splits into an encryption and a MAC half.
function sm4Mac(macKey: Buffer, iv: Buffer, ct: Buffer, context: string): Buffer {
  return createHmac('sm3', macKey).update(context).update('\0').update(iv).update(ct).digest();
}

function encryptSm4(key: Buffer, plaintext: Buffer, context: string) {
  const iv = randomBytes(16);
  const cipher = createCipheriv('sm4-ctr', key.subarray(0, 16), iv);
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ct, tag: sm4Mac(key.subarray(16), iv, ct, context) };
}

function decryptSm4(key: Buffer, iv: Buffer, ct: Buffer, tag: Buffer, context: string): Buffer {
  const expected = sm4Mac(key.subarray(16), iv, ct, context);
  if (tag.length !== expected.length || !timingSafeEqual(tag, expected)) {
    throw new DecryptionError('authentication tag mismatch');
  }
  const decipher = createDecipheriv('sm4-ctr', key.subarray(0, 16), iv);
  return Buffer.concat([decipher.update(ct), decipher.final()]);
}

function hmacIndex(hash: 'sha256' | 'sm3', key: Buffer, value: string, context: string): string {
  const digest = createHmac(hash, key).update(context).update('\0').update(value).digest('hex');
  return `${hash}:${digest}`;
}

export function createFieldCrypto(keys: KeySet, cipherName: FieldCipherName): FieldCrypto {
  const algorithm = ALGORITHM_OF[cipherName];
  const keyFor = (id: string): Buffer => {
    const key = keys.fieldKeys.get(id);
    if (!key) throw new DecryptionError(`no field key with id "${id}"`);
    return key;
  };
  const seal = (plaintext: Buffer, context: string) => {
    const key = keyFor(keys.activeFieldKeyId);
    return algorithm === 'A256GCM'
      ? encryptGcm(key, plaintext, context)
      : encryptSm4(key, plaintext, context);
  };
  const open = (
    stored: { alg: string | undefined; keyId: string; iv: Buffer; ct: Buffer; tag: Buffer },
    context: string,
  ) => {
    const { alg, iv, ct, tag } = stored;
    const key = keyFor(stored.keyId);
    try {
      if (alg === 'A256GCM') return decryptGcm(key, iv, ct, tag, context);
      if (alg === 'SM4CTR-HSM3') return decryptSm4(key, iv, ct, tag, context);
    } catch (error) {
      if (error instanceof DecryptionError) throw error;
      throw new DecryptionError('value does not decrypt with its key');
    }
    throw new DecryptionError(`unknown algorithm "${alg}"`);
  };
  return {
    encrypt(plaintext, context) {
      const { iv, ct, tag } = seal(Buffer.from(plaintext, 'utf8'), context);
      return ['v1', algorithm, keys.activeFieldKeyId, b64(iv), b64(ct), b64(tag)].join(':');
    },
    decrypt(stored, context) {
      const [version, alg, keyId, iv, ct, tag] = stored.split(':');
      if (version !== 'v1' || !keyId || iv === undefined || ct === undefined || !tag) {
        throw new DecryptionError('not an encrypted field value');
      }
      const parts = { alg, keyId, iv: unb64(iv), ct: unb64(ct), tag: unb64(tag) };
      return open(parts, context).toString('utf8');
    },
    encryptBytes(plaintext, context) {
      const { iv, ct, tag } = seal(plaintext, context);
      const header = ['v1', algorithm, keys.activeFieldKeyId, b64(iv), b64(tag)].join(':');
      return Buffer.concat([Buffer.from(`${header}\n`, 'ascii'), ct]);
    },
    decryptBytes(stored, context) {
      const newline = stored.subarray(0, 256).indexOf(0x0a);
      const [version, alg, keyId, iv, tag] =
        newline < 0 ? [] : stored.subarray(0, newline).toString('ascii').split(':');
      if (version !== 'v1' || !keyId || iv === undefined || !tag) {
        throw new DecryptionError('not encrypted bytes');
      }
      const ct = stored.subarray(newline + 1);
      return open({ alg, keyId, iv: unb64(iv), ct, tag: unb64(tag) }, context);
    },
    blindIndex(value, context) {
      return hmacIndex(BLIND_HASH_OF[cipherName], keys.blindIndexKey, value, context);
    },
    blindIndexCandidates(value, context) {
      return (['sha256', 'sm3'] as const).map((h) =>
        hmacIndex(h, keys.blindIndexKey, value, context),
      );
    },
  };
}

/**
 * A JSON value stored in a pair of columns: in clear (jsonb) when it is no personal data,
 * else encrypted (text). Exactly one of the two is set.
 */
export function sealJson(
  crypto: FieldCrypto,
  value: unknown,
  context: string,
  personal: boolean,
): { clear: string | null; sealed: string | null } {
  return sealJsonText(crypto, JSON.stringify(value), context, personal);
}

/** {@link sealJson} of a value already written as JSON text (not serialised again). */
export function sealJsonText(
  crypto: FieldCrypto,
  json: string,
  context: string,
  personal: boolean,
): { clear: string | null; sealed: string | null } {
  return personal
    ? { clear: null, sealed: crypto.encrypt(json, context) }
    : { clear: json, sealed: null };
}

/** The value of a column pair written by {@link sealJson}. */
export function openJson(
  crypto: FieldCrypto,
  clear: unknown,
  sealed: string | null,
  context: string,
): unknown {
  return sealed === null ? clear : JSON.parse(crypto.decrypt(sealed, context));
}
