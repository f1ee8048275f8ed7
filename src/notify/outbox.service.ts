import { sql, type QueryCreator } from 'kysely';
import type { Db, Tx } from '../platform/db.js';
import type { DB } from '../platform/schema.js';

export interface OutboxEvent {
  readonly topic: string;
  readonly payload: Record<string, unknown>;
}

export interface PendingEvent extends OutboxEvent {
  readonly id: bigint;
  readonly attempts: number;
}

/**
 * Queues events in the caller's transaction: they exist exactly when the change they
 * announce does.
 *
 * @example
 * await enqueueEvents(tx, [{ topic: 'record.changed', payload: { subjectKind, subjectRef } }]);
 */
export async function enqueueEvents(tx: Tx, events: readonly OutboxEvent[]): Promise<void> {
  if (events.length === 0) return;
  await tx
    .insertInto('outbox')
    .values(events.map((e) => ({ topic: e.topic, payload: JSON.stringify(e.payload) })))
    .execute();
}

/**
 * {@link enqueueEvents} as a query to run within another statement (a data-modifying `with`),
 * so that a change and the events announcing it cost one round trip. Needs at least one
 * event.
 *
 * @example
 * await tx.with('queued', (db) => queueEventsQuery(db, events)).updateTable('…')…execute();
 */
export function queueEventsQuery(db: QueryCreator<DB>, events: readonly OutboxEvent[]) {
  return db
    .insertInto('outbox')
    .values(events.map((e) => ({ topic: e.topic, payload: JSON.stringify(e.payload) })))
    .returning('id');
}

/**
 * Takes up to `limit` undelivered events of a topic and hands them to `handle` inside one
 * transaction; rows another worker holds are skipped (FOR UPDATE SKIP LOCKED), and the
 * events are marked delivered in the same transaction, so each is handled once.
 */
export async function deliverPending(
  db: Db,
  topic: string,
  limit: number,
  handle: (events: readonly PendingEvent[], tx: Tx) => Promise<void>,
  now: () => Date,
): Promise<number> {
  let taken: bigint[] = [];
  try {
    return await deliverInTransaction(db, topic, limit, handle, now, (ids) => (taken = ids));
  } catch (error) {
    // The handler's work rolled back; the events stay pending, with the failure counted, so
    // a poisonous event stops being retried after MAX_ATTEMPTS instead of blocking its topic.
    if (taken.length > 0) await recordFailure(db, taken, error, now());
    throw error;
  }
}

/** Attempts after which an event is left for an operator (it stays, unprocessed). */
export const MAX_ATTEMPTS = 5;

/**
 * A failed event waits before its next attempt: 10 s after the first failure, doubling each
 * time, at most 10 minutes; a down gateway is not hammered, a passing glitch costs seconds.
 */
async function recordFailure(db: Db, ids: readonly bigint[], error: unknown, at: Date) {
  await db
    .updateTable('outbox')
    .set((eb) => ({
      attempts: eb('attempts', '+', 1),
      last_error: (error instanceof Error ? error.message : String(error)).slice(0, 500),
      next_attempt_at: sql<Date>`${at}::timestamptz + least(interval '10 seconds' * power(2, ${eb.ref('attempts')}), interval '10 minutes')`,
    }))
    .where('id', 'in', ids)
    .execute();
}

async function deliverInTransaction(
  db: Db,
  topic: string,
  limit: number,
  handle: (events: readonly PendingEvent[], tx: Tx) => Promise<void>,
  now: () => Date,
  onTaken: (ids: bigint[]) => void,
): Promise<number> {
  return db.transaction().execute(async (tx) => {
    const rows = await tx
      .selectFrom('outbox')
      .select(['id', 'topic', 'payload', 'attempts'])
      .where('topic', '=', topic)
      .where('processed_at', 'is', null)
      .where('attempts', '<', MAX_ATTEMPTS)
      .where((eb) => eb.or([eb('next_attempt_at', 'is', null), eb('next_attempt_at', '<=', now())]))
      .orderBy('id')
      .limit(limit)
      .forUpdate()
      .skipLocked()
      .execute();
    if (rows.length === 0) return 0;
    onTaken(rows.map((row) => row.id));
    await handle(rows, tx);
    await tx
      .updateTable('outbox')
      .set({ processed_at: now() })
      .where(
        'id',
        'in',
        rows.map((r) => r.id),
      )
      .execute();
    return rows.length;
  });
}

export async function countPending(db: Db | Tx, topic: string): Promise<number> {
  const row = await db
    .selectFrom('outbox')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .where('topic', '=', topic)
    .where('processed_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
