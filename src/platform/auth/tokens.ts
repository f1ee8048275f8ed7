import { createHash, randomBytes } from 'node:crypto';

/** SHA-256 of a high-entropy secret; enough for random tokens, unlike for passwords. */
export const secretHash = (secret: string) => createHash('sha256').update(secret).digest('hex');

/** A session bearer token: 256 random bits. */
export const newSessionToken = () => `xys_${randomBytes(32).toString('base64url')}`;

/**
 * A provider API key: a public prefix (to recognise the key in lists and logs) and
 * 256 random bits. Only its hash is stored; the key is shown once.
 */
export function newApiKey(): { key: string; prefix: string } {
  const prefix = `xyk_${randomBytes(6).toString('hex')}`;
  return { prefix, key: `${prefix}_${randomBytes(32).toString('base64url')}` };
}

/** The prefix of a presented API key, or null when it is not shaped like one. */
export function apiKeyPrefix(key: string): string | null {
  const match = /^(xyk_[0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key);
  return match?.[1] ?? null;
}
