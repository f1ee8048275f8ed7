import {
  createHash,
  createPublicKey,
  sign as edSign,
  verify as edVerify,
  type KeyObject,
} from 'node:crypto';

/**
 * C2SP signed-note and tlog-checkpoint, pure.
 *
 * A note is a UTF-8 text ending in a newline, a blank line, then one or more signature lines
 * `— <name> <base64(key hash (4 bytes) || signature)>`. For Ed25519 (signature type 0x01)
 * the key hash is the first 4 bytes of SHA-256(name || 0x0A || 0x01 || public key), and the
 * signature is over the text alone (up to and including its final newline). The verifier key
 * is `<name>+<hex key hash>+<base64(0x01 || public key)>`.
 *
 * A checkpoint's text is: the origin line, the tree size in decimal, the root hash in
 * base64 (standard, padded), then optional extension lines.
 */

const ED25519 = 0x01;
const EM_DASH = '\u2014';

/** A key name: non-empty, no whitespace and no `+` (signed-note). */
export const isKeyName = (name: string) => /^[^\s+]+$/u.test(name) && name.length > 0;

export class NoteError extends Error {}

/** The raw 32-byte Ed25519 public key of a private or public KeyObject. */
export function rawPublicKey(key: KeyObject): Buffer {
  const publicKey = key.type === 'private' ? createPublicKey(key) : key;
  const jwk = publicKey.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new NoteError('not Ed25519');
  return Buffer.from(jwk.x, 'base64url');
}

export function keyHash(name: string, publicKey: Uint8Array): Buffer {
  return createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.of(0x0a, ED25519))
    .update(publicKey)
    .digest()
    .subarray(0, 4);
}

/** The verifier key, `<name>+<hex key hash>+<base64(0x01 || public key)>`. */
export function verifierKey(name: string, publicKey: Uint8Array): string {
  if (!isKeyName(name)) throw new NoteError(`bad key name "${name}"`);
  return `${name}+${keyHash(name, publicKey).toString('hex')}+${Buffer.concat([
    Buffer.of(ED25519),
    publicKey,
  ]).toString('base64')}`;
}

export interface Verifier {
  readonly name: string;
  readonly keyHash: Buffer;
  readonly publicKey: KeyObject;
}

/** Parses a verifier key; only Ed25519 keys are supported. */
export function parseVerifierKey(vkey: string): Verifier {
  // The base64 key may itself contain `+`: split at the first two only.
  const match = /^([^+]*)\+([^+]*)\+(.*)$/su.exec(vkey.trim());
  if (!match) throw new NoteError('a verifier key has three parts');
  const [, name = '', hashHex = '', keyBase64 = ''] = match;
  if (!isKeyName(name) || !/^[0-9a-f]{8}$/.test(hashHex)) throw new NoteError('bad verifier key');
  const key = Buffer.from(keyBase64, 'base64');
  if (key.length !== 33 || key[0] !== ED25519 || key.toString('base64') !== keyBase64) {
    throw new NoteError('the verifier key is not an Ed25519 key');
  }
  const raw = key.subarray(1);
  if (!keyHash(name, raw).equals(Buffer.from(hashHex, 'hex'))) {
    throw new NoteError('the verifier key hash does not match its key');
  }
  const publicKey = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') },
    format: 'jwk',
  });
  return { name, keyHash: keyHash(name, raw), publicKey };
}

/** Signs `text` (which must end in a newline) as a note with one Ed25519 signature. */
export function signNote(text: string, name: string, privateKey: KeyObject): string {
  if (!text.endsWith('\n')) throw new NoteError('a note text ends with a newline');
  if (!isKeyName(name)) throw new NoteError(`bad key name "${name}"`);
  const signature = edSign(null, Buffer.from(text, 'utf8'), privateKey);
  const hash = keyHash(name, rawPublicKey(privateKey));
  return `${text}\n${EM_DASH} ${name} ${Buffer.concat([hash, signature]).toString('base64')}\n`;
}

export interface OpenedNote {
  readonly text: string;
  /** Names of the given verifiers whose signatures verified. */
  readonly verifiedBy: readonly string[];
}

/**
 * Opens a signed note: splits text and signatures and checks the signatures of the known
 * verifiers. Throws when the note is malformed or no known verifier signed it; signatures
 * by unknown keys are ignored, as signed-note allows.
 */
export function openNote(note: string, verifiers: readonly Verifier[]): OpenedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new NoteError('malformed note');
  const text = note.slice(0, split + 1);
  const lines = note.slice(split + 2, -1).split('\n');
  const verifiedBy: string[] = [];
  for (const line of lines) {
    const match = /^\u2014 (\S+) (\S+)$/u.exec(line);
    if (!match) throw new NoteError('malformed signature line');
    const [, name = '', blob = ''] = match;
    const bytes = Buffer.from(blob, 'base64');
    if (bytes.length < 5 || bytes.toString('base64') !== blob) {
      throw new NoteError('malformed signature');
    }
    const verifier = verifiers.find(
      (v) => v.name === name && v.keyHash.equals(bytes.subarray(0, 4)),
    );
    if (!verifier) continue;
    if (!edVerify(null, Buffer.from(text, 'utf8'), verifier.publicKey, bytes.subarray(4))) {
      throw new NoteError(`the signature of ${name} does not verify`);
    }
    verifiedBy.push(name);
  }
  if (verifiedBy.length === 0) throw new NoteError('no known key signed this note');
  return { text, verifiedBy };
}

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Buffer;
  readonly extensions: readonly string[];
}

export function checkpointText(
  checkpoint: Omit<Checkpoint, 'extensions'> & {
    extensions?: readonly string[];
  },
): string {
  const lines = [
    checkpoint.origin,
    String(checkpoint.size),
    checkpoint.root.toString('base64'),
    ...(checkpoint.extensions ?? []),
  ];
  return lines.join('\n') + '\n';
}

export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.pop() !== '' || lines.length < 3) throw new NoteError('malformed checkpoint');
  const [origin = '', size = '', root = '', ...extensions] = lines;
  if (origin === '' || !/^(0|[1-9]\d*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new NoteError('malformed checkpoint');
  }
  const rootHash = Buffer.from(root, 'base64');
  if (rootHash.length !== 32 || rootHash.toString('base64') !== root) {
    throw new NoteError('malformed checkpoint root');
  }
  if (extensions.some((line) => line === '')) throw new NoteError('malformed checkpoint');
  return { origin, size: Number(size), root: rootHash, extensions };
}

/** Opens a signed checkpoint of the given origin; throws unless it verifies. */
export function openCheckpoint(note: string, verifier: Verifier, origin = verifier.name) {
  const opened = openNote(note, [verifier]);
  const checkpoint = parseCheckpoint(opened.text);
  if (checkpoint.origin !== origin) throw new NoteError('the checkpoint is of another log');
  return checkpoint;
}
