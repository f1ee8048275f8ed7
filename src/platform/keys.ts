import { createPrivateKey, generateKeyPairSync, randomBytes, type KeyObject } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type KeyEnv } from './config.js';

/** Every secret key the platform uses, resolved from configuration or `DATA_DIR/keys.json`. */
export interface KeySet {
  /** Field-encryption keys by key id; old ids stay so that old values can still be read. */
  readonly fieldKeys: ReadonlyMap<string, Buffer>;
  /** The key id new values are encrypted with. */
  readonly activeFieldKeyId: string;
  /** HMAC key of the blind indexes; changing it requires re-indexing every row. */
  readonly blindIndexKey: Buffer;
  /** Ed25519 private key that signs ledger tree heads. */
  readonly signingKey: KeyObject;
}

interface KeyFile {
  fieldKeys?: Record<string, string>;
  activeFieldKeyId?: string;
  blindIndexKey?: string;
  signingKey?: string;
}

const KEY_FILE = 'keys.json';

function decodeKey(name: string, base64: string): Buffer {
  const key = Buffer.from(base64, 'base64');
  if (key.length !== 32) throw new ConfigError(`${name} must be 32 bytes in base64`);
  return key;
}

function parseFieldKeys(raw: string): Map<string, Buffer> {
  const keys = new Map<string, Buffer>();
  for (const entry of raw.split(',')) {
    const [id, value] = entry.trim().split(':');
    if (!id || !value || !/^[A-Za-z0-9_-]{1,32}$/.test(id)) {
      throw new ConfigError('XINYI_FIELD_KEYS must look like "k1:<base64>,k2:<base64>"');
    }
    keys.set(id, decodeKey(`XINYI_FIELD_KEYS (${id})`, value));
  }
  return keys;
}

function parseSigningKey(base64: string): KeyObject {
  try {
    const key = createPrivateKey({
      key: Buffer.from(base64, 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new ConfigError('XINYI_SIGNING_KEY must be an Ed25519 private key, PKCS#8 DER in base64');
  }
}

function newSigningKey(): string {
  const { privateKey } = generateKeyPairSync('ed25519');
  return privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
}

function readKeyFile(file: string): KeyFile {
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as KeyFile;
  } catch {
    throw new ConfigError(`${file} is not valid JSON; restore it from a backup`);
  }
}

/** Fills in what the file lacks; returns whether anything was generated. */
function completeKeyFile(stored: KeyFile, env: KeyEnv): boolean {
  let changed = false;
  if (!env.fieldKeys && !stored.fieldKeys) {
    stored.fieldKeys = { k1: randomBytes(32).toString('base64') };
    stored.activeFieldKeyId = 'k1';
    changed = true;
  }
  if (!env.blindIndexKey && !stored.blindIndexKey) {
    stored.blindIndexKey = randomBytes(32).toString('base64');
    changed = true;
  }
  if (!env.signingKey && !stored.signingKey) {
    stored.signingKey = newSigningKey();
    changed = true;
  }
  return changed;
}

function resolveKeySet(env: KeyEnv, stored: KeyFile): KeySet {
  const fieldKeys = env.fieldKeys
    ? parseFieldKeys(env.fieldKeys)
    : new Map(
        Object.entries(stored.fieldKeys ?? {}).map(([id, v]) => [
          id,
          decodeKey(`field key ${id}`, v),
        ]),
      );
  const activeFieldKeyId =
    env.fieldKeyId ?? (env.fieldKeys ? [...fieldKeys.keys()].at(-1) : stored.activeFieldKeyId);
  if (!activeFieldKeyId || !fieldKeys.has(activeFieldKeyId)) {
    throw new ConfigError(`the active field key id "${activeFieldKeyId}" has no key`);
  }
  return Object.freeze({
    fieldKeys,
    activeFieldKeyId,
    blindIndexKey: decodeKey(
      'XINYI_BLIND_INDEX_KEY',
      env.blindIndexKey ?? stored.blindIndexKey ?? '',
    ),
    signingKey: parseSigningKey(env.signingKey ?? stored.signingKey ?? ''),
  });
}

/**
 * Resolves the key set: environment variables win; whatever they leave out is read from,
 * or on first start generated into, `DATA_DIR/keys.json` (mode 0600).
 */
export function loadKeys(env: KeyEnv, dataDir: string): KeySet {
  const file = path.join(dataDir, KEY_FILE);
  const stored = readKeyFile(file);
  if (completeKeyFile(stored, env)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  return resolveKeySet(env, stored);
}

/** A fresh in-memory key set, for tests and throw-away databases. */
export function generateKeySet(): KeySet {
  const stored: KeyFile = {};
  completeKeyFile(stored, {
    fieldKeys: undefined,
    fieldKeyId: undefined,
    blindIndexKey: undefined,
    signingKey: undefined,
  });
  return resolveKeySet(
    {
      fieldKeys: undefined,
      fieldKeyId: undefined,
      blindIndexKey: undefined,
      signingKey: undefined,
    },
    stored,
  );
}
