import { objectionBorrower } from '../disputes/disputes.service.js';
import { borrowerOfLoanSubject } from '../loans/subject-applications.service.js';
import { sql } from 'kysely';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db } from '../platform/db.js';
import { DomainError, invalidField, notFound } from '../platform/errors.js';
import { contentHash, leafContent } from './leaf.js';
import {
  consistencyProof,
  encodeBundle,
  HASH_SIZE,
  hashesAtTileLevel,
  inclusionProof,
  leafHash,
  nodeHash,
  rangeHash,
  TILE_HEIGHT,
  TILE_WIDTH,
  type NodeReader,
} from './merkle.js';
import { verifierKey } from './note.js';
import { auditLeafSources, sequenceLedger } from './sequencer.js';
import { ledgerSigningKey } from './signer.js';

/**
 * The read side of the ledger: the signed checkpoint, tiles, entry bundles, proofs and
 * receipts, all from the hashes the sequencer stored.
 */

export interface StoredCheckpoint {
  readonly size: number;
  readonly root: Buffer;
  readonly note: string;
}

export async function latestCheckpoint(db: Db): Promise<StoredCheckpoint | null> {
  const row = await db
    .selectFrom('ledger_checkpoints')
    .select(['size', 'root', 'note'])
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? { size: Number(row.size), root: Buffer.from(row.root), note: row.note } : null;
}

/** The latest checkpoint; the first request on a fresh log signs the empty one. */
export async function currentCheckpoint(ctx: AppContext): Promise<StoredCheckpoint> {
  const existing = await latestCheckpoint(ctx.db);
  if (existing) return existing;
  await sequenceLedger(ctx);
  const signed = await latestCheckpoint(ctx.db);
  if (!signed) throw new Error('the sequencer signed no checkpoint');
  return signed;
}

/** The log's origin (also its key name). */
export async function ledgerOrigin(db: Db): Promise<string> {
  const row = await db.selectFrom('ledger_state').select('origin').executeTakeFirstOrThrow();
  return row.origin;
}

/** The verifier key of this node's signing key, in signed-note vkey form. */
export async function ledgerVerifierKey(ctx: AppContext): Promise<string> {
  return verifierKey(await ledgerOrigin(ctx.db), ledgerSigningKey(ctx.config).publicKey);
}

/** Stored hashes at one stored level (0, 8, 16, …), [from, from + count). */
async function storedHashes(db: Db, level: number, from: number, count: number) {
  const rows = await db
    .selectFrom('ledger_hashes')
    .select(['idx', 'hash'])
    .where('level', '=', level)
    .where('idx', '>=', BigInt(from))
    .where('idx', '<', BigInt(from + count))
    .orderBy('idx')
    .execute();
  return rows.map((row) => Buffer.from(row.hash));
}

/**
 * Reads complete-subtree hashes from the stored tile levels: a node at level h is rebuilt
 * from the 2^(h mod 8) stored hashes below it (at most 128 pairs hashed). Memoised.
 *
 * The stored hashes come in ONE query: `plan` (the proof to be computed) is first run with a
 * reader that only notes which nodes it asks for — which nodes a proof needs depends on the
 * indices alone, never on the hashes — then those rows are read together. (Reading node by
 * node took some 20–30 queries per proof.)
 */
export async function storedNodeReader(
  db: Db,
  plan: (read: NodeReader) => Promise<unknown>,
): Promise<NodeReader> {
  const ranges: { level: number; from: number; to: number }[] = [];
  const cover = (level: number, index: number) => {
    const base = level - (level % TILE_HEIGHT);
    const span = 2 ** (level - base);
    return { base, from: index * span, to: (index + 1) * span };
  };
  const placeholder = Buffer.alloc(HASH_SIZE);
  await plan(async (level, index) => {
    const { base, from, to } = cover(level, index);
    ranges.push({ level: base, from, to });
    return placeholder;
  });
  const rows =
    ranges.length === 0
      ? []
      : await db
          .selectFrom('ledger_hashes')
          .select(['level', 'idx', 'hash'])
          .where((eb) =>
            eb.or(
              ranges.map((r) =>
                eb.and([
                  eb('level', '=', r.level),
                  eb('idx', '>=', BigInt(r.from)),
                  eb('idx', '<', BigInt(r.to)),
                ]),
              ),
            ),
          )
          .execute();
  const stored = new Map(rows.map((row) => [`${row.level}/${row.idx}`, Buffer.from(row.hash)]));
  const memo = new Map<string, Buffer>();
  return async (level, index) => {
    const key = `${level}/${index}`;
    let found = memo.get(key);
    if (!found) {
      const { base, from, to } = cover(level, index);
      let layer: Buffer[] = [];
      for (let at = from; at < to; at += 1) {
        const hash = stored.get(`${base}/${at}`);
        if (!hash) throw new Error(`ledger hash ${level}/${index} is missing`);
        layer.push(hash);
      }
      while (layer.length > 1) {
        const next: Buffer[] = [];
        for (let i = 0; i < layer.length; i += 2) next.push(nodeHash(layer[i]!, layer[i + 1]!));
        layer = next;
      }
      found = layer[0]!;
      memo.set(key, found);
    }
    return found;
  };
}

/** A tile of hashes, or null when the tree has no such tile (yet). */
export async function readTile(db: Db, level: number, index: number, width: number) {
  const checkpoint = await latestCheckpoint(db);
  const available = checkpoint ? hashesAtTileLevel(checkpoint.size, level) : 0;
  if (index * TILE_WIDTH + width > available) return null;
  const hashes = await storedHashes(db, level * TILE_HEIGHT, index * TILE_WIDTH, width);
  return hashes.length === width ? Buffer.concat(hashes) : null;
}

/** An entry bundle (each entry as uint16 length + bytes), or null. */
export async function readEntryBundle(db: Db, index: number, width: number) {
  const checkpoint = await latestCheckpoint(db);
  if (!checkpoint || index * TILE_WIDTH + width > checkpoint.size) return null;
  const rows = await db
    .selectFrom('ledger_entries')
    .select('entry')
    .where('idx', '>=', BigInt(index * TILE_WIDTH))
    .where('idx', '<', BigInt(index * TILE_WIDTH + width))
    .orderBy('idx')
    .execute();
  return rows.length === width ? encodeBundle(rows.map((row) => Buffer.from(row.entry))) : null;
}

const b64 = (hashes: readonly Buffer[]) => hashes.map((h) => h.toString('base64'));

async function checkedSize(ctx: AppContext, path: string, size: number | undefined) {
  const checkpoint = await currentCheckpoint(ctx);
  if (size === undefined) return { size: checkpoint.size, checkpoint };
  if (size > checkpoint.size) {
    throw invalidField(path, 'LEDGER_SIZE_BEYOND_CHECKPOINT', { size: checkpoint.size });
  }
  return { size, checkpoint };
}

/** The inclusion proof of leaf `index` in the tree of `size` (default: the latest). */
export async function getInclusionProof(ctx: AppContext, index: number, size?: number) {
  const { size: treeSize, checkpoint } = await checkedSize(ctx, 'query.size', size);
  if (index >= treeSize) {
    throw invalidField('query.index', 'LEDGER_INDEX_BEYOND_SIZE', { size: treeSize });
  }
  const proof = async (read: NodeReader) => ({
    leafHash: await read(0, index),
    rootHash: await rangeHash(read, 0, treeSize),
    proof: await inclusionProof(read, index, treeSize),
  });
  const found = await proof(await storedNodeReader(ctx.db, proof));
  return {
    index,
    size: treeSize,
    leafHash: found.leafHash.toString('base64'),
    rootHash: found.rootHash.toString('base64'),
    proof: b64(found.proof),
    checkpoint: checkpoint.note,
  };
}

/** The consistency proof between two tree sizes (`to` defaults to the latest). */
export async function getConsistencyProof(ctx: AppContext, from: number, to?: number) {
  const { size, checkpoint } = await checkedSize(ctx, 'query.to', to);
  if (from > size) {
    throw invalidField('query.from', 'LEDGER_FROM_AFTER_TO', { size });
  }
  const proof = async (read: NodeReader) => ({
    fromRoot: await rangeHash(read, 0, from),
    toRoot: await rangeHash(read, 0, size),
    proof: await consistencyProof(read, from, size),
  });
  const found = await proof(await storedNodeReader(ctx.db, proof));
  return {
    from,
    to: size,
    fromRoot: found.fromRoot.toString('base64'),
    toRoot: found.toRoot.toString('base64'),
    proof: b64(found.proof),
    checkpoint: checkpoint.note,
  };
}

/** Whether the audit event is the caller's own (a borrower's decision, loan, data, login). */
async function isOwnEvent(
  db: Db,
  principal: Principal,
  subjectKind: string | null,
  subjectId: string | null,
) {
  if (principal.kind !== 'user' || subjectKind === null || subjectId === null) return false;
  if (principal.subject?.kind === subjectKind && principal.subject.id === subjectId) return true;
  if (subjectKind === 'user') return subjectId === principal.userId;
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
  if (!uuid.test(subjectId)) return false;
  if (subjectKind === 'loan_application' || subjectKind === 'loan') {
    return (await borrowerOfLoanSubject(db, subjectKind, subjectId)) === principal.userId;
  }
  if (subjectKind === 'objection') {
    return (await objectionBorrower(db, subjectId)) === principal.userId;
  }
  return false;
}

/**
 * A receipt for one audit event: the leaf, the salt and content it commits to, the latest
 * checkpoint and the inclusion proof in it. For the regulator and the operator, and for the
 * borrower whose own event it is (anyone else is told it does not exist). An event still
 * queued is sequenced first.
 */
export async function getReceipt(ctx: AppContext, principal: Principal, auditEventId: bigint) {
  const event = await ctx.db
    .selectFrom('audit_events')
    .select(['id', 'subject_kind', 'subject_id'])
    .where('id', '=', auditEventId)
    .executeTakeFirst();
  const privileged = principal.role === 'regulator' || principal.role === 'operator';
  if (
    !event ||
    (!privileged && !(await isOwnEvent(ctx.db, principal, event.subject_kind, event.subject_id)))
  ) {
    throw notFound('audit_event');
  }
  const find = () =>
    ctx.db
      .selectFrom('ledger_entries')
      .select(['idx', 'entry', 'salt'])
      .where('audit_event_id', '=', auditEventId)
      .executeTakeFirst();
  let entry = await find();
  if (!entry) {
    await sequenceLedger(ctx);
    entry = await find();
  }
  if (!entry) throw new DomainError('LEDGER_PENDING');
  const source = (await auditLeafSources(ctx.db, [auditEventId])).get(String(auditEventId));
  const content = source ? leafContent(source) : '';
  const checkpoint = await currentCheckpoint(ctx);
  const index = Number(entry.idx);
  const bytes = Buffer.from(entry.entry);
  const salt = Buffer.from(entry.salt);
  const proof = (read: NodeReader) => inclusionProof(read, index, checkpoint.size);
  const path = await proof(await storedNodeReader(ctx.db, proof));
  return {
    auditEventId: String(auditEventId),
    index,
    entry: bytes.toString('base64'),
    leafHash: leafHash(bytes).toString('base64'),
    salt: salt.toString('base64'),
    content,
    contentHash: contentHash(salt, content),
    treeSize: checkpoint.size,
    checkpoint: checkpoint.note,
    inclusionProof: b64(path),
    vkey: await ledgerVerifierKey(ctx),
  };
}

/** Size of the log, queue length and latest checkpoint time (for the operator). */
export async function ledgerStatus(db: Db) {
  const row = await db
    .selectFrom('ledger_state')
    .select([
      'size',
      sql<string>`(select count(*) from ledger_queue)`.as('queued'),
      sql<Date | null>`(select max(signed_at) from ledger_checkpoints)`.as('signed_at'),
    ])
    .executeTakeFirstOrThrow();
  return { size: Number(row.size), queued: Number(row.queued), signedAt: row.signed_at };
}
