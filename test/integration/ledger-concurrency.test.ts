import { generateKeyPairSync } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordAudit } from '../../src/ledger/ledger.service.js';
import { sequenceLedger } from '../../src/ledger/sequencer.js';
import { verifyStoredLog } from '../../src/ledger/verify.js';
import type { Database, Db } from '../../src/platform/db.js';
import type { DB } from '../../src/platform/schema.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * "Appends from 64 concurrent writers lose none and keep order consistent."
 *
 * 64 writers each commit ROUNDS transactions of EVENTS_PER_TX `recordAudit` calls, with
 * small fixed pauses between them, while three sequencers (batch sizes 5, 16, 64) run in a
 * loop beside them. On PostgreSQL the
 * writers have a pool of their own with a connection each, and in the first round all 64
 * transactions are open at once, each holding an uncommitted event, before any commits (a
 * barrier), then commit staggered: ids are handed out in one order and committed in
 * another while sequencers run. On PGlite (one connection) the same transactions interleave one at a time.
 *
 * "Consistent order", as the design promises it (the sequencer takes the committed queue in
 * id order, under one lock), is:
 *   1. per transaction: its events are leaves in the order they were recorded;
 *   2. per writer: a later transaction's events follow an earlier one's (program order);
 *   3. across writers, real time: when transaction A had committed before transaction B
 *      recorded its first event, every leaf of A precedes every leaf of B.
 * NOT promised: leaf order = id order for transactions that overlap in time (a sequencer
 * can see a later id committed before an earlier one); the test counts such inversions.
 */

const { privateKey } = generateKeyPairSync('ed25519');
const SIGNING_KEY = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const WRITERS = 64;
const ROUNDS = 5;
const EVENTS_PER_TX = 3;
const ACTION = 'test.concurrent';

let t: TestApp;
let writerDb: Db;
let closeWriters: () => Promise<void> = async () => {};

beforeAll(async () => {
  t = await startTestApp({ seed: false, env: { XINYI_SIGNING_KEY: SIGNING_KEY } });
  const url = (t.database as Database & { url?: string }).url;
  if (url) {
    // A connection per writer: the app's pool (10) would let only 10 transactions be open.
    const pool = new pg.Pool({ connectionString: url, max: WRITERS });
    const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
    writerDb = db;
    closeWriters = () => db.destroy();
  } else writerDb = t.ctx.db;
}, 120_000);
afterAll(async () => {
  await closeWriters();
  await t.close();
});

/** A barrier for `parties` callers (released when the last one arrives). */
function barrier(parties: number) {
  let waiting = 0;
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  return async () => {
    waiting += 1;
    if (waiting === parties) release();
    await released;
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** A fixed spread of small pauses (0–19 ms), so that commits and sequencing interleave. */
const stagger = (writer: number, round: number) => (writer * 7 + round * 13) % 20;

interface Transaction {
  readonly writer: number;
  readonly round: number;
  /** performance.now() before its first event was sent, and after its commit returned. */
  began: number;
  committed: number;
}

describe('the ledger under 64 concurrent writers', { timeout: 180_000 }, () => {
  it('loses no event, gives indexes 0..n-1 once each, and keeps per-transaction, per-writer and real-time order', async () => {
    const concurrent = t.database.engine === 'postgres';
    const allOpen = barrier(WRITERS);
    const transactions: Transaction[] = [];
    let writing = true;

    const sequencers = [5, 16, 64].map(async (batchSize) => {
      let batches = 0;
      while (writing) {
        if ((await sequenceLedger(t.ctx, { batchSize, maxBatches: 1 })).sequenced > 0) {
          batches += 1;
        }
        await sleep(1);
      }
      return batches;
    });

    const writers = Array.from({ length: WRITERS }, async (_, writer) => {
      for (let round = 0; round < ROUNDS; round += 1) {
        const record: Transaction = { writer, round, began: 0, committed: 0 };
        await writerDb.transaction().execute(async (tx) => {
          record.began = performance.now();
          for (let k = 0; k < EVENTS_PER_TX; k += 1) {
            await recordAudit(tx, {
              actor: 'system',
              action: ACTION,
              subject: { kind: 'writer', id: String(writer) },
              detail: { writer, round, k },
            });
            if (concurrent && round === 0 && k === 0) {
              // All 64 open with an uncommitted event; then they commit staggered.
              await allOpen();
              await sleep(stagger(writer, round) * 2);
            }
          }
        });
        record.committed = performance.now();
        transactions.push(record);
        await sleep(stagger(writer, round));
      }
    });
    await Promise.all(writers);
    writing = false;
    const busy = await Promise.all(sequencers);
    // Whatever the loops left queued.
    await sequenceLedger(t.ctx);

    // Lose none: every audit event is exactly one leaf, indexes 0..n-1, nothing queued.
    const events = await t.ctx.db
      .selectFrom('audit_events')
      .select(['id', 'action', 'detail'])
      .execute();
    const ours = events.filter((e) => e.action === ACTION);
    expect(ours).toHaveLength(WRITERS * ROUNDS * EVENTS_PER_TX);
    const leaves = await t.ctx.db
      .selectFrom('ledger_entries')
      .select(['idx', 'audit_event_id'])
      .orderBy('idx')
      .execute();
    expect(leaves.map((l) => Number(l.idx))).toEqual(events.map((_, i) => i));
    const leafOf = new Map(leaves.map((l) => [String(l.audit_event_id), Number(l.idx)]));
    expect(leafOf.size).toBe(events.length);
    for (const event of events) expect(leafOf.has(String(event.id))).toBe(true);
    expect(await t.ctx.db.selectFrom('ledger_queue').selectAll().execute()).toEqual([]);
    const state = await t.ctx.db
      .selectFrom('ledger_state')
      .select('size')
      .executeTakeFirstOrThrow();
    expect(Number(state.size)).toBe(events.length);

    // The leaves of each transaction, in the order they were recorded (k).
    const key = (writer: number, round: number) => `${writer}/${round}`;
    const leavesOf = new Map<string, number[]>();
    for (const event of ours) {
      const { writer, round, k } = event.detail as { writer: number; round: number; k: number };
      const list = leavesOf.get(key(writer, round)) ?? [];
      list[k] = leafOf.get(String(event.id))!;
      leavesOf.set(key(writer, round), list);
    }
    // 1. Per transaction: strictly increasing in recording order.
    for (const list of leavesOf.values()) {
      expect(list).toHaveLength(EVENTS_PER_TX);
      expect([...list].sort((a, b) => a - b)).toEqual(list);
    }
    // 2. Per writer: round r+1's first leaf after round r's last.
    for (let writer = 0; writer < WRITERS; writer += 1) {
      for (let round = 1; round < ROUNDS; round += 1) {
        const before = leavesOf.get(key(writer, round - 1))!;
        const after = leavesOf.get(key(writer, round))!;
        expect(after[0]).toBeGreaterThan(before.at(-1)!);
      }
    }
    // 3. Real time: A committed before B began ⇒ A's last leaf < B's first leaf.
    let ordered = 0;
    for (const a of transactions) {
      const last = leavesOf.get(key(a.writer, a.round))!.at(-1)!;
      for (const b of transactions) {
        if (a.committed >= b.began) continue;
        ordered += 1;
        const first = leavesOf.get(key(b.writer, b.round))![0]!;
        if (last >= first) {
          expect.fail(
            `writer ${a.writer} round ${a.round} committed before writer ${b.writer} round ` +
              `${b.round} began, yet its leaf ${last} is not before leaf ${first}`,
          );
        }
      }
    }
    expect(ordered).toBeGreaterThan(0);

    // Not promised, only counted: pairs of events whose leaf order differs from id order.
    const byId = [...ours].sort((x, y) => (x.id < y.id ? -1 : 1));
    let inversions = 0;
    for (let i = 1; i < byId.length; i += 1) {
      if (leafOf.get(String(byId[i]!.id))! < leafOf.get(String(byId[i - 1]!.id))!) inversions += 1;
    }
    console.log(
      `ledger concurrency (${t.database.engine}): ${ours.length} events, ${ordered} ` +
        `real-time-ordered transaction pairs checked, sequencer batches ${busy.join('/')}, ` +
        `${inversions} adjacent id/leaf inversions (allowed)`,
    );

    const report = await verifyStoredLog(t.ctx);
    expect(report.size).toBe(events.length);
    expect(report.checkpoints).toBeGreaterThan(1);
  });
});
