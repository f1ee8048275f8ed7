/**
 * Verifies an audit-ledger receipt in the browser without taking the server's word for
 * anything: the leaf hash is recomputed from the leaf bytes (RFC 6962), the inclusion proof
 * is folded up to a root (RFC 9162 §2.1.3.2) and compared with the root of the signed
 * checkpoint, and the checkpoint's Ed25519 signature (C2SP signed note) is checked against
 * the log's verifier key with WebCrypto. Every function is pure apart from WebCrypto.
 */

/** A receipt as `GET /ledger/receipts/{auditEventId}` answers it. */
export interface LedgerReceipt {
  readonly auditEventId: string;
  readonly index: number;
  /** The leaf bytes, base64. */
  readonly entry: string;
  readonly leafHash: string;
  readonly salt: string;
  readonly content: string;
  readonly contentHash: string;
  readonly treeSize: number;
  readonly checkpoint: string;
  readonly inclusionProof: readonly string[];
  readonly vkey: string;
}

export type StepName =
  'verifierKey' | 'signature' | 'checkpoint' | 'leaf' | 'content' | 'leafHash' | 'inclusion';

/** One verification step: whether it held, and what was compared (hex or text). */
export interface VerificationStep {
  readonly step: StepName;
  readonly ok: boolean;
  readonly detail: string;
}

const ED25519 = 0x01;
const EM_DASH = '\u2014';
const HASH_SIZE = 32;

// ---------- bytes ----------

export function fromBase64(text: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) {
    throw new Error('not base64');
  }
  const binary = atob(text);
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

export function toBase64(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes));
}

export const toHex = (bytes: Uint8Array) =>
  [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');

const utf8 = (text: string) => new TextEncoder().encode(text);

const concat = (...parts: readonly Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

export const sameBytes = (a: Uint8Array, b: Uint8Array) =>
  a.length === b.length && a.every((byte, i) => byte === b[i]);

export async function sha256(...parts: readonly Uint8Array[]): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest('SHA-256', concat(...parts)));
}

// ---------- Merkle tree (RFC 6962 / RFC 9162) ----------

/** The hash of a leaf: SHA-256(0x00 ‖ entry). */
export const leafHash = (entry: Uint8Array) => sha256(Uint8Array.of(0), entry);

/** The hash of an interior node: SHA-256(0x01 ‖ left ‖ right). */
export const nodeHash = (left: Uint8Array, right: Uint8Array) =>
  sha256(Uint8Array.of(1), left, right);

/**
 * RFC 9162 §2.1.3.2: the root an inclusion proof leads to from the leaf hash at `index` in
 * a tree of `size` leaves, or null when the proof cannot be a proof for that position
 * (wrong length, index out of range). Numbers are halved arithmetically, not with bit
 * operators, which would truncate above 2^31.
 */
export async function rootFromInclusionProof(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
): Promise<Uint8Array | null> {
  const valid = (n: number) => Number.isSafeInteger(n) && n >= 0;
  if (!valid(index) || !valid(size) || index >= size) return null;
  if (leaf.length !== HASH_SIZE || proof.some((p) => p.length !== HASH_SIZE)) return null;
  const odd = (n: number) => n % 2 === 1;
  const half = (n: number) => Math.floor(n / 2);
  let fn = index;
  let sn = size - 1;
  let r = leaf;
  for (const p of proof) {
    if (sn === 0) return null;
    if (odd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      while (!odd(fn) && fn !== 0) {
        fn = half(fn);
        sn = half(sn);
      }
    } else {
      r = await nodeHash(r, p);
    }
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 ? r : null;
}

/** Whether `proof` shows the leaf at `index` in the tree of `size` leaves with `root`. */
export async function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  const computed = await rootFromInclusionProof(index, size, leaf, proof);
  return computed !== null && root.length === HASH_SIZE && sameBytes(computed, root);
}

// ---------- C2SP signed note and checkpoint ----------

export interface VerifierKey {
  readonly name: string;
  readonly keyHash: Uint8Array;
  /** The raw 32-byte Ed25519 public key. */
  readonly publicKey: Uint8Array;
}

/** The key hash of signed-note: SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[0:4]. */
export async function noteKeyHash(name: string, publicKey: Uint8Array): Promise<Uint8Array> {
  return (await sha256(utf8(name), Uint8Array.of(0x0a, ED25519), publicKey)).slice(0, 4);
}

/**
 * Parses `<name>+<hex key hash>+<base64(0x01 ‖ key)>`; throws unless it is an Ed25519 key
 * whose stated key hash is the hash of its name and key.
 */
export async function parseVerifierKey(vkey: string): Promise<VerifierKey> {
  const match = /^([^+\s]+)\+([0-9a-f]{8})\+(\S+)$/u.exec(vkey.trim());
  if (!match) throw new Error('a verifier key is <name>+<key hash>+<key>');
  const [, name = '', hashHex = '', keyBase64 = ''] = match;
  const key = fromBase64(keyBase64);
  if (key.length !== 33 || key[0] !== ED25519) throw new Error('not an Ed25519 verifier key');
  const publicKey = key.slice(1);
  const keyHash = await noteKeyHash(name, publicKey);
  if (toHex(keyHash) !== hashHex) throw new Error('the key hash does not match the key');
  return { name, keyHash, publicKey };
}

export interface SignedNote {
  /** The signed text, up to and including its final newline. */
  readonly text: string;
  readonly signatures: readonly { name: string; keyHash: Uint8Array; signature: Uint8Array }[];
}

/** Splits a note into its text and signature lines; throws when malformed. */
export function parseSignedNote(note: string): SignedNote {
  const split = note.lastIndexOf('\n\n');
  if (split < 0 || !note.endsWith('\n')) throw new Error('malformed note');
  const text = note.slice(0, split + 1);
  const signatures = note
    .slice(split + 2, -1)
    .split('\n')
    .map((line) => {
      const match = new RegExp(`^${EM_DASH} (\\S+) (\\S+)$`, 'u').exec(line);
      if (!match) throw new Error('malformed signature line');
      const bytes = fromBase64(match[2] ?? '');
      if (bytes.length < 5) throw new Error('malformed signature');
      return { name: match[1] ?? '', keyHash: bytes.slice(0, 4), signature: bytes.slice(4) };
    });
  return { text, signatures };
}

/** Whether the note carries a valid Ed25519 signature by this key (WebCrypto). */
export async function verifyNoteSignature(note: SignedNote, key: VerifierKey): Promise<boolean> {
  const line = note.signatures.find(
    (s) => s.name === key.name && sameBytes(s.keyHash, key.keyHash),
  );
  if (!line || line.signature.length !== 64) return false;
  const publicKey = await crypto.subtle.importKey(
    'raw',
    new Uint8Array(key.publicKey),
    'Ed25519',
    false,
    ['verify'],
  );
  return crypto.subtle.verify(
    'Ed25519',
    publicKey,
    new Uint8Array(line.signature),
    utf8(note.text),
  );
}

export interface Checkpoint {
  readonly origin: string;
  readonly size: number;
  readonly root: Uint8Array;
}

/** Parses a checkpoint's text: origin, tree size, base64 root hash, extension lines. */
export function parseCheckpoint(text: string): Checkpoint {
  const lines = text.split('\n');
  if (lines.pop() !== '' || lines.length < 3) throw new Error('malformed checkpoint');
  const [origin = '', size = '', root = ''] = lines;
  if (!origin || !/^(0|[1-9]\d*)$/.test(size) || !Number.isSafeInteger(Number(size))) {
    throw new Error('malformed checkpoint');
  }
  const rootHash = fromBase64(root);
  if (rootHash.length !== HASH_SIZE) throw new Error('malformed checkpoint root');
  return { origin, size: Number(size), root: rootHash };
}

// ---------- the receipt ----------

/** The public fields of a ledger leaf (its canonical JSON). */
interface LeafFields {
  readonly event?: unknown;
  readonly content?: unknown;
}

const step = (name: StepName, ok: boolean, detail: string): VerificationStep => ({
  step: name,
  ok,
  detail,
});

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The steps about the checkpoint: the key, the signature, the checkpoint's own text. */
async function checkpointSteps(
  receipt: LedgerReceipt,
  vkey: string,
): Promise<{ steps: VerificationStep[]; checkpoint: Checkpoint | null }> {
  let key: VerifierKey | null = null;
  const steps: VerificationStep[] = [];
  try {
    key = await parseVerifierKey(vkey);
    steps.push(step('verifierKey', true, `${key.name} ${toHex(key.keyHash)}`));
  } catch (error) {
    steps.push(step('verifierKey', false, message(error)));
  }
  let note: SignedNote;
  try {
    note = parseSignedNote(receipt.checkpoint);
  } catch (error) {
    steps.push(step('signature', false, message(error)), step('checkpoint', false, '—'));
    return { steps, checkpoint: null };
  }
  const signed = key !== null && (await verifyNoteSignature(note, key));
  steps.push(step('signature', signed, signed ? 'Ed25519' : '—'));
  try {
    // An unsigned checkpoint is still read, so that the proof's own step says what it shows.
    const checkpoint = parseCheckpoint(note.text);
    const ours = checkpoint.origin === key?.name && checkpoint.size === receipt.treeSize;
    steps.push(step('checkpoint', signed && ours, `${checkpoint.origin} · ${checkpoint.size}`));
    return { steps, checkpoint };
  } catch (error) {
    steps.push(step('checkpoint', false, message(error)));
    return { steps, checkpoint: null };
  }
}

/** The steps about the leaf: its event, the content it commits to, its hash. */
async function leafSteps(
  receipt: LedgerReceipt,
  auditEventId: string,
): Promise<{ steps: VerificationStep[]; hash: Uint8Array | null }> {
  let entry: Uint8Array;
  try {
    entry = fromBase64(receipt.entry);
  } catch (error) {
    const detail = message(error);
    const steps = (['leaf', 'content', 'leafHash'] as const).map((name) =>
      step(name, false, detail),
    );
    return { steps, hash: null };
  }
  // The hash is of the bytes as they are; whether they read as a leaf is a step of its own.
  const hash = await leafHash(entry);
  let fields: LeafFields = {};
  let leaf: VerificationStep;
  try {
    fields = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(entry)) as LeafFields;
    leaf = step('leaf', fields.event === auditEventId, `#${String(fields.event)}`);
  } catch (error) {
    leaf = step('leaf', false, message(error));
  }
  let content: VerificationStep;
  try {
    const computed = toHex(await sha256(fromBase64(receipt.salt), utf8(receipt.content)));
    content = step('content', computed === fields.content, computed);
  } catch (error) {
    content = step('content', false, message(error));
  }
  return { steps: [leaf, content, step('leafHash', true, toBase64(hash))], hash };
}

/**
 * Verifies a receipt of the audit event `auditEventId` against the verifier key `vkey` the
 * reader trusts. Returns every step in order; the receipt holds only if every step is ok.
 * The receipt's own `leafHash`, `contentHash` and `vkey` are never trusted: all of them
 * are recomputed or supplied.
 */
export async function verifyReceipt(
  receipt: LedgerReceipt,
  vkey: string,
  auditEventId: string = receipt.auditEventId,
): Promise<VerificationStep[]> {
  const { steps: checkpointChecks, checkpoint } = await checkpointSteps(receipt, vkey);
  const { steps: leafChecks, hash } = await leafSteps(receipt, auditEventId);
  let included = false;
  let detail = '—';
  if (checkpoint && hash) {
    try {
      const proof = receipt.inclusionProof.map(fromBase64);
      const root = await rootFromInclusionProof(receipt.index, checkpoint.size, hash, proof);
      included = root !== null && sameBytes(root, checkpoint.root);
      detail = root ? toBase64(root) : 'no root';
    } catch (error) {
      detail = message(error);
    }
  }
  return [...checkpointChecks, ...leafChecks, step('inclusion', included, detail)];
}

export const allPassed = (steps: readonly VerificationStep[]) =>
  steps.length > 0 && steps.every((s) => s.ok);
