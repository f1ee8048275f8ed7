import type { AppContext } from '../platform/context.js';
import { auditLeaf, contentHash, parseLeaf } from './leaf.js';
import {
  decodeBundle,
  Frontier,
  leafHash,
  rootFromLeafHashes,
  TILE_HEIGHT,
  TILE_WIDTH,
  tilePath,
  verifyConsistency,
  verifyInclusion,
} from './merkle.js';
import { openCheckpoint, parseVerifierKey, type Checkpoint, type Verifier } from './note.js';
import { ledgerVerifierKey } from './log.service.js';
import { auditLeafSources } from './sequencer.js';

/** The log (or a proof) does not verify; the message says where. */
export class LedgerVerifyError extends Error {}

export type VerifyProgress = (done: number, total: number) => void;

export interface LogReport {
  readonly origin: string;
  readonly size: number;
  readonly root: string;
  /** Signed checkpoints checked against the recomputed tree. */
  readonly checkpoints: number;
}

const fail = (message: string): never => {
  throw new LedgerVerifyError(message);
};

function open(note: string, verifier: Verifier, what = 'checkpoint'): Checkpoint {
  try {
    return openCheckpoint(note, verifier);
  } catch (error) {
    return fail(`${what}: ${(error as Error).message}`);
  }
}

/** A stored tree hash in messages: `leaf hash 0/N` or `tile hash L/N`, and what it covers. */
const hashName = (level: number, at: number) =>
  `${level === 0 ? 'leaf' : 'tile'} hash ${level}/${at}`;
const hashOf = (level: number, at: number) =>
  level === 0 ? `entry ${at}` : `leaves ${at * 2 ** level}…${(at + 1) * 2 ** level - 1}`;

/**
 * Checks the whole log from the database: every entry re-derived from its audit event and
 * salt, every stored hash (leaves and tile levels) recomputed, every signed checkpoint's
 * signature and root, the sequencer's state, and that every audit event is a leaf or queued.
 * `vkey` pins the verifier key (default: this node's own key).
 */
export async function verifyStoredLog(
  ctx: AppContext,
  options: { vkey?: string; onProgress?: VerifyProgress } = {},
): Promise<LogReport> {
  const verifier = parseVerifierKey(options.vkey ?? (await ledgerVerifierKey(ctx)));
  const state = await ctx.db
    .selectFrom('ledger_state')
    .select(['origin', 'size', 'root', 'frontier'])
    .executeTakeFirstOrThrow();
  const size = Number(state.size);
  const checkpoints = await ctx.db
    .selectFrom('ledger_checkpoints')
    .select(['size', 'root', 'note'])
    .orderBy('size')
    .execute();
  const pending = new Map(checkpoints.map((c) => [Number(c.size), c]));
  const frontier = new Frontier();
  let checked = 0;
  const checkHead = (at: number) => {
    const stored = pending.get(at);
    if (!stored) return;
    const what = `checkpoint of size ${at}`;
    const checkpoint = open(stored.note, verifier, what);
    const root = frontier.root();
    if (checkpoint.size !== at) fail(`${what}: its note says size ${checkpoint.size}`);
    if (checkpoint.origin !== state.origin) fail(`${what}: its origin is ${checkpoint.origin}`);
    if (!checkpoint.root.equals(root)) {
      fail(`${what}: its signed root is not the root of the first ${at} leaves`);
    }
    if (!root.equals(stored.root)) {
      fail(`${what}: its stored root is not the root of the first ${at} leaves`);
    }
    checked += 1;
  };
  checkHead(0);
  const BATCH = 1000;
  for (let from = 0; from < size; from += BATCH) {
    const entries = await ctx.db
      .selectFrom('ledger_entries')
      .select(['idx', 'audit_event_id', 'entry', 'salt'])
      .where('idx', '>=', BigInt(from))
      .where('idx', '<', BigInt(from + BATCH))
      .orderBy('idx')
      .execute();
    const hashes = await ctx.db
      .selectFrom('ledger_hashes')
      .select(['level', 'idx', 'hash'])
      .where((eb) =>
        eb.or(
          [0, 1, 2, 3, 4, 5, 6].map((l) =>
            eb.and([
              eb('level', '=', l * TILE_HEIGHT),
              eb('idx', '>=', BigInt(Math.floor(from / TILE_WIDTH ** l))),
              eb('idx', '<', BigInt(Math.ceil((from + BATCH) / TILE_WIDTH ** l))),
            ]),
          ),
        ),
      )
      .execute();
    const stored = new Map(hashes.map((h) => [`${h.level}/${h.idx}`, Buffer.from(h.hash)]));
    const sources = await auditLeafSources(
      ctx.db,
      entries.map((e) => e.audit_event_id),
    );
    const expected = Math.min(BATCH, size - from);
    for (const row of entries) {
      const index = Number(row.idx);
      if (index !== frontier.size) fail(`entry ${frontier.size} is missing`);
      const entry = Buffer.from(row.entry);
      const source = sources.get(String(row.audit_event_id));
      if (!source || !auditLeaf(source, Buffer.from(row.salt)).equals(entry)) {
        fail(`entry ${index} is not the leaf of audit event ${row.audit_event_id}`);
      }
      frontier.append(leafHash(entry), (level, at, hash) => {
        if (level % TILE_HEIGHT !== 0) return;
        const found = stored.get(`${level}/${at}`);
        if (!found) fail(`${hashName(level, at)} (of ${hashOf(level, at)}) is missing`);
        else if (!found.equals(hash)) {
          fail(`${hashName(level, at)} is not the hash of ${hashOf(level, at)}`);
        }
      });
      checkHead(frontier.size);
    }
    if (entries.length < expected) fail(`entry ${frontier.size} is missing`);
    options.onProgress?.(from + entries.length, size);
  }
  if (!frontier.root().equals(state.root)) fail('the sequencer state root does not match');
  if (!Buffer.concat(frontier.hashes()).equals(state.frontier)) {
    fail('the sequencer state frontier does not match the leaves');
  }
  for (const checkpoint of checkpoints) {
    if (Number(checkpoint.size) > size) {
      fail(`checkpoint of size ${checkpoint.size} is beyond the tree of ${size} leaves`);
    }
  }
  if (checkpoints.length === 0 || Number(checkpoints.at(-1)?.size) !== size) {
    fail('the latest tree has no checkpoint');
  }
  // Nothing stored beyond the tree: no extra entries, no extra hashes at any level.
  const extraEntries = await ctx.db
    .selectFrom('ledger_entries')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('idx', '>=', BigInt(size))
    .executeTakeFirstOrThrow();
  if (Number(extraEntries.n) > 0) fail(`${extraEntries.n} entries lie beyond the tree`);
  const levels = await ctx.db
    .selectFrom('ledger_hashes')
    .select(['level', (eb) => eb.fn.countAll<string>().as('n')])
    .groupBy('level')
    .execute();
  for (const row of levels) {
    const expected = Math.floor(size / 2 ** row.level);
    if (Number(row.n) !== expected) {
      fail(`level ${row.level} holds ${row.n} hashes; the tree has ${expected}`);
    }
  }
  const missing = await ctx.db
    .selectFrom('audit_events')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('id', 'not in', (eb) => eb.selectFrom('ledger_entries').select('audit_event_id'))
    .where('id', 'not in', (eb) => eb.selectFrom('ledger_queue').select('audit_event_id'))
    .executeTakeFirstOrThrow();
  if (Number(missing.n) > 0) fail(`${missing.n} audit events are neither in the log nor queued`);
  return {
    origin: state.origin,
    size,
    root: frontier.root().toString('base64'),
    checkpoints: checked,
  };
}

/** What a remote log is fetched through (global fetch, or a test's inject). */
export type Fetcher = (path: string) => Promise<{ status: number; body: Buffer }>;

/**
 * Checks a log served as tlog-tiles: the checkpoint's signature, every level-0 tile hashed
 * up to its root, every higher tile against the tiles below, and with `entries` every
 * entry bundle against its leaf hashes.
 */
export async function verifyServedLog(
  get: Fetcher,
  options: { vkey?: string; entries?: boolean; onProgress?: VerifyProgress } = {},
): Promise<LogReport> {
  const fetchOk = async (path: string) => {
    const response = await get(path);
    if (response.status !== 200) fail(`GET ${path}: HTTP ${response.status}`);
    return response.body;
  };
  const vkey = options.vkey ?? (await fetchOk('vkey')).toString('utf8').trim();
  const verifier = parseVerifierKey(vkey);
  const checkpoint = open((await fetchOk('checkpoint')).toString('utf8'), verifier);
  const size = checkpoint.size;
  // Level by level: the hashes of each level, from its tiles.
  let below: Buffer[] = [];
  let level = 0;
  const tiles = Math.ceil(size / TILE_WIDTH);
  let fetched = 0;
  for (let count = size; count > 0; count = Math.floor(count / TILE_WIDTH), level += 1) {
    const hashes: Buffer[] = [];
    for (let n = 0; n * TILE_WIDTH < count; n += 1) {
      const width = Math.min(TILE_WIDTH, count - n * TILE_WIDTH);
      const tile = await fetchOk(tilePath({ level, index: n, width }));
      if (tile.length !== width * 32) fail(`tile ${level}/${n}: ${tile.length} bytes`);
      for (let i = 0; i < width; i += 1) hashes.push(tile.subarray(i * 32, (i + 1) * 32));
      if (level === 0 && options.entries) {
        const bundle = decodeBundle(await fetchOk(tilePath({ level: 'entries', index: n, width })));
        if (bundle.length !== width) fail(`entry bundle ${n}: ${bundle.length} entries`);
        bundle.forEach((entry, i) => {
          if (!leafHash(entry).equals(hashes[n * TILE_WIDTH + i]!)) {
            fail(`entry ${n * TILE_WIDTH + i} does not hash to its tile`);
          }
          parseLeaf(entry);
        });
      }
      if (level === 0) options.onProgress?.((fetched += 1), tiles);
    }
    if (level > 0) {
      hashes.forEach((hash, i) => {
        const full = below.slice(i * TILE_WIDTH, (i + 1) * TILE_WIDTH);
        if (!rootFromLeafHashesOfTile(full).equals(hash)) {
          fail(`tile hash ${level}/${i} is not the hash of the tile below`);
        }
      });
    }
    below = hashes;
    if (level === 0) {
      const root = rootFromLeafHashes(hashes);
      if (!root.equals(checkpoint.root)) fail('the level-0 tiles do not hash to the checkpoint');
    }
  }
  return {
    origin: checkpoint.origin,
    size,
    root: checkpoint.root.toString('base64'),
    checkpoints: 1,
  };
}

/** MTH of a full tile's 256 hashes taken as leaves' hashes (a complete subtree). */
function rootFromLeafHashesOfTile(hashes: readonly Buffer[]) {
  if (hashes.length !== TILE_WIDTH) fail('a tile hash needs a full tile below');
  return rootFromLeafHashes(hashes);
}

export interface ProofReport {
  readonly kind: 'receipt' | 'inclusion' | 'consistency';
  readonly size: number;
  readonly detail: string;
}

const hash = (b64: unknown, what: string) => {
  const bytes = typeof b64 === 'string' ? Buffer.from(b64, 'base64') : Buffer.alloc(0);
  if (bytes.length !== 32) fail(`${what} is not a base64 SHA-256 hash`);
  return bytes;
};
const hashes = (list: unknown, what: string) =>
  Array.isArray(list) ? list.map((h, i) => hash(h, `${what}[${i}]`)) : fail(`${what} is missing`);

/**
 * Checks one proof file offline: a receipt (GET /ledger/receipts/:id), an inclusion proof
 * or a consistency proof (GET /ledger/proofs/…). The checkpoint inside is checked against
 * `vkey` (default: the receipt's own vkey, which the caller should compare with the log's).
 */
export function verifyProofFile(json: unknown, vkey?: string): ProofReport {
  if (typeof json !== 'object' || json === null) return fail('not a JSON object');
  const proof = json as Record<string, unknown>;
  const key = vkey ?? (typeof proof.vkey === 'string' ? proof.vkey : undefined);
  const checkpointOf = () => {
    if (typeof proof.checkpoint !== 'string') return fail('no checkpoint');
    if (!key) return fail('no verifier key: pass --vkey');
    return open(proof.checkpoint, parseVerifierKey(key));
  };
  if (typeof proof.entry === 'string') {
    const checkpoint = checkpointOf();
    const entry = Buffer.from(proof.entry, 'base64');
    const index = Number(proof.index);
    const path = hashes(proof.inclusionProof, 'inclusionProof');
    if (!verifyInclusion(index, checkpoint.size, leafHash(entry), path, checkpoint.root)) {
      fail(`entry ${index} is not in the checkpoint's tree`);
    }
    const leaf = parseLeaf(entry);
    if (typeof proof.salt === 'string' && typeof proof.content === 'string') {
      const digest = contentHash(Buffer.from(proof.salt, 'base64'), proof.content);
      if (digest !== leaf.content) fail('the content does not match the leaf');
    }
    return {
      kind: 'receipt',
      size: checkpoint.size,
      detail: `audit event ${leaf.event} (${leaf.type}) is leaf ${index} of ${checkpoint.size}`,
    };
  }
  if (proof.index !== undefined) {
    const index = Number(proof.index);
    const size = Number(proof.size);
    const checkpoint = checkpointOf();
    const root = size === checkpoint.size ? checkpoint.root : hash(proof.rootHash, 'rootHash');
    if (
      !verifyInclusion(
        index,
        size,
        hash(proof.leafHash, 'leafHash'),
        hashes(proof.proof, 'proof'),
        root,
      )
    ) {
      fail(`leaf ${index} is not in the tree of size ${size}`);
    }
    return { kind: 'inclusion', size, detail: `leaf ${index} is in the tree of size ${size}` };
  }
  if (proof.from !== undefined) {
    const from = Number(proof.from);
    const to = Number(proof.to);
    const checkpoint = checkpointOf();
    const toRoot = to === checkpoint.size ? checkpoint.root : hash(proof.toRoot, 'toRoot');
    if (
      !verifyConsistency(
        from,
        to,
        hashes(proof.proof, 'proof'),
        hash(proof.fromRoot, 'fromRoot'),
        toRoot,
      )
    ) {
      fail(`the tree of size ${from} is not a prefix of the tree of size ${to}`);
    }
    return { kind: 'consistency', size: to, detail: `size ${from} is a prefix of size ${to}` };
  }
  return fail('neither a receipt nor a proof');
}
