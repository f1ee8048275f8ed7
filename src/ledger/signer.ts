import { createPrivateKey, type KeyObject } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../platform/config.js';
import { rawPublicKey } from './note.js';

/**
 * The node's ledger signing key, resolved as the key set is (src/platform/keys.ts): the
 * `XINYI_SIGNING_KEY` environment variable (Ed25519, PKCS#8 DER in base64) wins; otherwise
 * the `signingKey` of `DATA_DIR/keys.json`, which `openRuntime` generates on first start.
 * Read only here: the ledger never generates a key of its own, so every node of one
 * database signs with the same configured key.
 */
const cache = new WeakMap<Config, { privateKey: KeyObject; publicKey: Buffer }>();

function parse(base64: string, source: string): KeyObject {
  try {
    const key = createPrivateKey({
      key: Buffer.from(base64, 'base64'),
      format: 'der',
      type: 'pkcs8',
    });
    if (key.asymmetricKeyType !== 'ed25519') throw new Error('not ed25519');
    return key;
  } catch {
    throw new ConfigError(`${source} must be an Ed25519 private key, PKCS#8 DER in base64`);
  }
}

function storedKey(dataDir: string): string | undefined {
  const file = path.join(dataDir, 'keys.json');
  if (!existsSync(file)) return undefined;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { signingKey?: string }).signingKey;
  } catch {
    throw new ConfigError(`${file} is not valid JSON; restore it from a backup`);
  }
}

export function ledgerSigningKey(config: Config): { privateKey: KeyObject; publicKey: Buffer } {
  const cached = cache.get(config);
  if (cached) return cached;
  const fromEnv = config.keyEnv.signingKey;
  const stored = fromEnv ? undefined : storedKey(config.dataDir);
  if (!fromEnv && !stored) {
    throw new ConfigError(
      'no ledger signing key: set XINYI_SIGNING_KEY or start the server once so that it ' +
        `generates ${path.join(config.dataDir, 'keys.json')}`,
    );
  }
  const privateKey = fromEnv
    ? parse(fromEnv, 'XINYI_SIGNING_KEY')
    : parse(stored ?? '', 'the signingKey of keys.json');
  const resolved = { privateKey, publicKey: rawPublicKey(privateKey) };
  cache.set(config, resolved);
  return resolved;
}
