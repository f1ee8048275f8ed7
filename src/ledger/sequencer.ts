import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db.js';
import { auditLeaf, type AuditLeafSource } from './leaf.js';
import { Frontier, HASH_SIZE, leafHash, TILE_HEIGHT } from './merkle.js';
import { checkpointText, signNote } from './note.js';
import { ledgerSigningKey } from './signer.js';

export interface SequenceResult {
  /** Leaves integrated by this call. */
  readonly sequenced: number;
  /** The tree size of the latest checkpoint. */
  readonly size: number;
}

const BATCH_SIZE = 1000;

/** An audit row as the leaf needs it, time as text so its microseconds survive. */
export async function auditLeafSources(
  db: AppContext['db'] | Tx,
  ids: readonly bigint[],
): Promise<Map<string, AuditLeafSource>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('audit_events')
    .select([
      'id',
      sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`.as('at_text'),
      'actor_kind',
      'actor_id',
      'actor_role',
      'actor_organisation_id',
      'action',
      'subject_kind',
      'subject_id',
      'detail',
      'request_id',
    ])
    .where('id', 'in', ids)
    .execute();
  return new Map(
    rows.map((row) => [
      String(row.id),
      {
        id: String(row.id),
        at: row.at_text,
        actorKind: row.actor_kind,
        actorId: row.actor_id,
        actorRole: row.actor_role,
        actorOrganisationId: row.actor_organisation_id,
        action: row.action,
        subjectKind: row.subject_kind,
        subjectId: row.subject_id,
        detail: row.detail,
        requestId: row.request_id,
      },
    ]),
  );
}

function splitFrontier(bytes: Uint8Array): Buffer[] {
  const data = Buffer.from(bytes);
  const hashes: Buffer[] = [];
  for (let at = 0; at < data.length; at += HASH_SIZE)
    hashes.push(data.subarray(at, at + HASH_SIZE));
  return hashes;
}

/**
 * One batch, in one transaction under the ledger_state row lock: the oldest queued events
 * become the next leaves; their hashes and every completed tile-level subtree hash are
 * stored; a checkpoint of the new size is signed. Returns how many leaves were added.
 */
async function sequenceBatch(ctx: AppContext, tx: Tx, batchSize: number) {
  const state = await tx
    .selectFrom('ledger_state')
    .select(['origin', 'size', 'frontier'])
    .forUpdate()
    .executeTakeFirstOrThrow();
  const queued = await tx
    .selectFrom('ledger_queue')
    .select('audit_event_id')
    .orderBy('audit_event_id')
    .limit(batchSize)
    .execute();
  const start = Number(state.size);
  const latest = await tx
    .selectFrom('ledger_checkpoints')
    .select('size')
    .orderBy('size', 'desc')
    .limit(1)
    .executeTakeFirst();
  if (queued.length === 0 && latest && Number(latest.size) === start) return { added: 0, start };

  const ids = queued.map((q) => q.audit_event_id);
  const sources = await auditLeafSources(tx, ids);
  const frontier = new Frontier(start, splitFrontier(state.frontier));
  const now = ctx.now();
  const entries: {
    idx: bigint;
    audit_event_id: bigint;
    entry: Buffer;
    salt: Buffer;
    sequenced_at: Date;
  }[] = [];
  const hashes: { level: number; idx: bigint; hash: Buffer }[] = [];
  for (const id of ids) {
    const source = sources.get(String(id));
    if (!source) throw new Error(`queued audit event ${id} does not exist`);
    const salt = randomBytes(16);
    const entry = auditLeaf(source, salt);
    entries.push({
      idx: BigInt(frontier.size),
      audit_event_id: id,
      entry,
      salt,
      sequenced_at: now,
    });
    frontier.append(leafHash(entry), (level, index, hash) => {
      if (level % TILE_HEIGHT === 0) hashes.push({ level, idx: BigInt(index), hash });
    });
  }
  // Bulk inserts in slices, well below the bind-parameter limit.
  for (let at = 0; at < entries.length; at += 500) {
    await tx
      .insertInto('ledger_entries')
      .values(entries.slice(at, at + 500))
      .execute();
  }
  for (let at = 0; at < hashes.length; at += 1000) {
    await tx
      .insertInto('ledger_hashes')
      .values(hashes.slice(at, at + 1000))
      .execute();
  }
  if (ids.length > 0)
    await tx.deleteFrom('ledger_queue').where('audit_event_id', 'in', ids).execute();

  const root = frontier.root();
  await tx
    .updateTable('ledger_state')
    .set({
      size: BigInt(frontier.size),
      frontier: Buffer.concat(frontier.hashes()),
      root,
    })
    .execute();
  const { privateKey } = ledgerSigningKey(ctx.config);
  const note = signNote(
    checkpointText({ origin: state.origin, size: frontier.size, root }),
    state.origin,
    privateKey,
  );
  await tx
    .insertInto('ledger_checkpoints')
    .values({ size: BigInt(frontier.size), root, note, signed_at: now })
    .execute();
  return { added: ids.length, start };
}

/**
 * Integrates every queued audit event into the Merkle log and signs a checkpoint per batch
 * (the first call also signs the checkpoint of the empty log). Safe to run on every node at
 * once: batches are serialised by the lock on the single ledger_state row, which works the
 * same on PGlite and PostgreSQL. Writers never take that lock; they only queue.
 *
 * @example
 * const { sequenced, size } = await sequenceLedger(ctx);
 */
export async function sequenceLedger(
  ctx: AppContext,
  options: { batchSize?: number; maxBatches?: number } = {},
): Promise<SequenceResult> {
  const batchSize = options.batchSize ?? BATCH_SIZE;
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  let sequenced = 0;
  let size = 0;
  for (let batch = 0; batch < maxBatches; batch += 1) {
    const result = await ctx.db.transaction().execute((tx) => sequenceBatch(ctx, tx, batchSize));
    sequenced += result.added;
    size = result.start + result.added;
    if (result.added < batchSize) break;
  }
  return { sequenced, size };
}

/** Whether anything waits for the sequencer (a cheap look, without the lock). */
export async function ledgerQueueLength(db: AppContext['db']): Promise<number> {
  const row = await db
    .selectFrom('ledger_queue')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Runs the sequencer on a timer in a server node (every `intervalMs`, default 1 s): a cheap
 * look at the queue, then a batch under the lock when something waits.
 */
export function startLedgerSequencer(
  ctx: AppContext,
  onError: (error: unknown) => void,
  intervalMs = 1000,
): { stop(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = (async () => {
      if ((await ledgerQueueLength(ctx.db)) > 0) await sequenceLedger(ctx);
    })()
      .catch(onError)
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
