import { createHash, generateKeyPairSync, randomBytes } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLeaf, parseLeaf } from '../../src/ledger/leaf.js';
import { recordAudit } from '../../src/ledger/ledger.service.js';
import { leafHash } from '../../src/ledger/merkle.js';
import { auditLeafSources, sequenceLedger } from '../../src/ledger/sequencer.js';
import { LedgerVerifyError, verifyStoredLog } from '../../src/ledger/verify.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * "Tampering with any stored leaf or node is detected": after 600 events are sequenced,
 * each case changes the stored log as a database superuser could — append-only triggers
 * off for the transaction (`session_replication_role = replica`, which PGlite honours too)
 * — and `verifyStoredLog` (what `xinyi ledger verify` runs; the CLI case is in
 * ledger-cli.test.ts) must fail naming what was changed and where. Each case then puts the
 * original bytes back and the log verifies again, so every failure is that change's alone.
 */

const { privateKey } = generateKeyPairSync('ed25519');
const SIGNING_KEY = privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64');
const EVENTS = 600;
const sha256 = (data: string) => createHash('sha256').update(data).digest();

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp({ seed: false, env: { XINYI_SIGNING_KEY: SIGNING_KEY } });
  for (let i = 0; i < EVENTS; i += 1) {
    await recordAudit(t.ctx.db, {
      actor: 'system',
      action: 'test.tamper',
      subject: { kind: 'loan_application', id: String(1000 + i) },
      detail: { i, amountFen: String(1_000_000 + i) },
    });
  }
  // Batches of 100: a signed checkpoint at every hundred leaves.
  await sequenceLedger(t.ctx, { batchSize: 100 });
}, 120_000);
afterAll(async () => t.close());

/** Runs statements in one transaction with every trigger off (append-only ones included). */
async function superuser(...statements: RawBuilder<unknown>[]) {
  await t.ctx.db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    for (const statement of statements) await statement.execute(tx);
  });
}

/** verifyStoredLog's failure message, or null when the log verifies. */
async function verifyFailure(): Promise<string | null> {
  try {
    await verifyStoredLog(t.ctx);
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(LedgerVerifyError);
    return (error as Error).message;
  }
}

/** Tampers, expects verify to fail with `message`, restores, expects verify to pass. */
async function detected(
  tamper: RawBuilder<unknown>[],
  restore: RawBuilder<unknown>[],
  message: RegExp,
) {
  await superuser(...tamper);
  try {
    expect(await verifyFailure()).toMatch(message);
  } finally {
    await superuser(...restore);
  }
  expect(await verifyFailure()).toBeNull();
}

async function entryAt(idx: number) {
  const row = await t.ctx.db
    .selectFrom('ledger_entries')
    .select(['idx', 'audit_event_id', 'entry', 'salt', 'sequenced_at'])
    .where('idx', '=', BigInt(idx))
    .executeTakeFirstOrThrow();
  return { ...row, entry: Buffer.from(row.entry), salt: Buffer.from(row.salt) };
}

async function detailOf(eventId: bigint) {
  const row = await t.ctx.db
    .selectFrom('audit_events')
    .select('detail')
    .where('id', '=', eventId)
    .executeTakeFirstOrThrow();
  return JSON.stringify(row.detail);
}

async function storedHash(level: number, idx: number) {
  const row = await t.ctx.db
    .selectFrom('ledger_hashes')
    .select('hash')
    .where('level', '=', level)
    .where('idx', '=', BigInt(idx))
    .executeTakeFirstOrThrow();
  return Buffer.from(row.hash);
}

async function checkpointAt(size: number) {
  return t.ctx.db
    .selectFrom('ledger_checkpoints')
    .select(['size', 'root', 'note', 'signed_at'])
    .where('size', '=', BigInt(size))
    .executeTakeFirstOrThrow();
}

const setEntry = (idx: number, entry: Buffer) =>
  sql`update ledger_entries set entry = ${entry} where idx = ${idx}`;
const setSalt = (idx: number, salt: Buffer) =>
  sql`update ledger_entries set salt = ${salt} where idx = ${idx}`;
const setHash = (level: number, idx: number, hash: Buffer) =>
  sql`update ledger_hashes set hash = ${hash} where level = ${level} and idx = ${idx}`;
const setDetail = (eventId: bigint, detail: string) =>
  sql`update audit_events set detail = ${detail}::jsonb where id = ${eventId}`;

/**
 * A forger who also rewrites the leaf: the event's detail changed, its entry recomputed
 * with the stored salt, its leaf hash recomputed. Returns the statements and their undoing.
 */
async function coherentRewrite(idx: number) {
  const row = await entryAt(idx);
  const original = await detailOf(row.audit_event_id);
  const forged = JSON.stringify({ ...JSON.parse(original), amountFen: '99900000000' });
  const source = (await auditLeafSources(t.ctx.db, [row.audit_event_id])).get(
    String(row.audit_event_id),
  );
  const entry = auditLeaf({ ...source!, detail: JSON.parse(forged) }, row.salt);
  expect(entry.equals(row.entry)).toBe(false);
  const hash = await storedHash(0, idx);
  return {
    tamper: [
      setDetail(row.audit_event_id, forged),
      setEntry(idx, entry),
      setHash(0, idx, leafHash(entry)),
    ],
    restore: [
      setDetail(row.audit_event_id, original),
      setEntry(idx, row.entry),
      setHash(0, idx, hash),
    ],
  };
}

describe('ledger tampering', { timeout: 120_000 }, () => {
  it('verifies before anything is changed', async () => {
    const report = await verifyStoredLog(t.ctx);
    expect(report.size).toBe(EVENTS);
    expect(report.checkpoints).toBe(EVENTS / 100);
  });

  it('(a) detects a leaf whose stored content hash was changed (entry N, audit event id)', async () => {
    const row = await entryAt(300);
    const leaf = parseLeaf(row.entry);
    const forged = Buffer.from(
      row.entry.toString('utf8').replace(leaf.content, sha256('forged').toString('hex')),
    );
    await detected(
      [setEntry(300, forged)],
      [setEntry(300, row.entry)],
      new RegExp(`^entry 300 is not the leaf of audit event ${row.audit_event_id}$`),
    );
  });

  it('(a) detects a leaf whose salt was changed', async () => {
    const row = await entryAt(301);
    await detected(
      [setSalt(301, randomBytes(16))],
      [setSalt(301, row.salt)],
      new RegExp(`^entry 301 is not the leaf of audit event ${row.audit_event_id}$`),
    );
  });

  it('(a) detects a changed leaf hash (level 0 of the tiles)', async () => {
    const hash = await storedHash(0, 302);
    await detected(
      [setHash(0, 302, sha256('forged'))],
      [setHash(0, 302, hash)],
      /^leaf hash 0\/302 is not the hash of entry 302$/,
    );
  });

  it('(a) detects a rewritten event, entry and leaf hash: by the tile hash above it', async () => {
    const { tamper, restore } = await coherentRewrite(505);
    await detected(tamper, restore, /^tile hash 8\/1 is not the hash of leaves 256…511$/);
  });

  it('(a) … and beyond the last full tile: by the first signed checkpoint over it', async () => {
    const { tamper, restore } = await coherentRewrite(550);
    await detected(
      tamper,
      restore,
      /^checkpoint of size 600: its signed root is not the root of the first 600 leaves$/,
    );
  });

  it('(a) detects a deleted leaf', async () => {
    const row = await entryAt(10);
    await detected(
      [sql`delete from ledger_entries where idx = 10`],
      [
        sql`insert into ledger_entries (idx, audit_event_id, entry, salt, sequenced_at)
            values (10, ${row.audit_event_id}, ${row.entry}, ${row.salt}, ${row.sequenced_at})`,
      ],
      /^entry 10 is missing$/,
    );
  });

  it('(b) detects a changed interior (tile) node hash', async () => {
    const hash = await storedHash(8, 0);
    await detected(
      [setHash(8, 0, sha256('forged'))],
      [setHash(8, 0, hash)],
      /^tile hash 8\/0 is not the hash of leaves 0…255$/,
    );
  });

  it("(c) detects an audit event whose detail was changed (the leaf's content no longer matches)", async () => {
    const row = await entryAt(42);
    const original = await detailOf(row.audit_event_id);
    await detected(
      [setDetail(row.audit_event_id, JSON.stringify({ i: 42, amountFen: '1' }))],
      [setDetail(row.audit_event_id, original)],
      new RegExp(`^entry 42 is not the leaf of audit event ${row.audit_event_id}$`),
    );
  });

  it('(d) detects a checkpoint whose signature was changed', async () => {
    const { note } = await checkpointAt(300);
    const lines = note.split('\n');
    const last = lines.length - 2; // the note ends with a newline
    const [dash, name, signature] = lines[last]!.split(' ');
    const bytes = Buffer.from(signature ?? '', 'base64');
    bytes[bytes.length - 1]! ^= 1;
    lines[last] = [dash, name, bytes.toString('base64')].join(' ');
    await detected(
      [sql`update ledger_checkpoints set note = ${lines.join('\n')} where size = 300`],
      [sql`update ledger_checkpoints set note = ${note} where size = 300`],
      /^checkpoint of size 300: the signature of xinyi\.local\/ledger does not verify$/,
    );
  });

  it('(d) detects a checkpoint whose signed text (its root) was changed', async () => {
    const { note } = await checkpointAt(400);
    const other = await checkpointAt(300);
    const forged = note.replace(
      Buffer.from((await checkpointAt(400)).root).toString('base64'),
      Buffer.from(other.root).toString('base64'),
    );
    expect(forged).not.toBe(note);
    await detected(
      [sql`update ledger_checkpoints set note = ${forged} where size = 400`],
      [sql`update ledger_checkpoints set note = ${note} where size = 400`],
      /^checkpoint of size 400: the signature of xinyi\.local\/ledger does not verify$/,
    );
  });

  it('(d) detects a checkpoint whose stored root was changed', async () => {
    const { root } = await checkpointAt(200);
    await detected(
      [sql`update ledger_checkpoints set root = ${sha256('forged')} where size = 200`],
      [sql`update ledger_checkpoints set root = ${Buffer.from(root)} where size = 200`],
      /^checkpoint of size 200: its stored root is not the root of the first 200 leaves$/,
    );
  });

  it('(d) detects a checkpoint added beyond the tree', async () => {
    const { note, root, signed_at } = await checkpointAt(600);
    await detected(
      [
        sql`insert into ledger_checkpoints (size, root, note, signed_at)
            values (6000, ${Buffer.from(root)}, ${note}, ${signed_at})`,
      ],
      [sql`delete from ledger_checkpoints where size = 6000`],
      /^checkpoint of size 6000 is beyond the tree of 600 leaves$/,
    );
  });

  it('detects a changed sequencer state (root, frontier)', async () => {
    const state = await t.ctx.db
      .selectFrom('ledger_state')
      .select(['root', 'frontier'])
      .executeTakeFirstOrThrow();
    await detected(
      [sql`update ledger_state set root = ${sha256('forged')}`],
      [sql`update ledger_state set root = ${Buffer.from(state.root)}`],
      /^the sequencer state root does not match$/,
    );
    const frontier = Buffer.from(state.frontier);
    const forged = Buffer.concat([
      frontier.subarray(0, 32),
      sha256('forged'),
      frontier.subarray(64),
    ]);
    await detected(
      [sql`update ledger_state set frontier = ${forged}`],
      [sql`update ledger_state set frontier = ${frontier}`],
      /^the sequencer state frontier does not match the leaves$/,
    );
  });
});
