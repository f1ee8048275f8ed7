import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, type Database, type Tx } from '../../src/platform/db.js';
import { tryCli } from '../helpers/cli-target.js';
import { createServerTestDatabase } from '../helpers/database.js';

/**
 * `xinyi ledger verify` on a node's own database (the key generated into DATA_DIR on first
 * start), with a progress line per batch, and on a proof file offline.
 */

let env: NodeJS.ProcessEnv;
let database: (Database & { url: string }) | null = null;
let dataDir = '';

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'xinyi-ledger-cli-'));
  env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent', XINYI_PROGRESS: 'lines' };
  delete env.DATABASE_URL;
  delete env.XINYI_SIGNING_KEY;
  database = await createServerTestDatabase();
  if (database) env.DATABASE_URL = database.url;
});
afterAll(async () => {
  await database?.close();
});

const xinyi = (...args: string[]) => tryCli(env, ...args);

/**
 * Works on the CLI's database as a superuser could: in one transaction with every trigger
 * off (the append-only ones included). On PGlite that is the database in DATA_DIR, opened
 * here while no command runs.
 */
async function asSuperuser<T>(work: (db: Tx) => Promise<T>): Promise<T> {
  const target = database
    ? database
    : openDatabase({ engine: 'pglite', dataDir: path.join(dataDir, 'pglite') });
  try {
    return await target.db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      return work(tx);
    });
  } finally {
    if (target !== database) await target.close();
  }
}

describe('xinyi ledger', { timeout: 180_000 }, () => {
  it('sequences and verifies the whole log from the database', async () => {
    expect((await xinyi('db', 'migrate')).code).toBe(0);
    for (const login of ['ops-1', 'ops-2', 'ops-3']) {
      const created = await xinyi('user', 'create', '--login', login, '--role', 'operator');
      expect(created.code, created.stderr).toBe(0);
    }
    const sequenced = await xinyi('ledger', 'sequence');
    expect(sequenced.stdout).toMatch(/leaves added: [1-9]\d*; tree size: [1-9]/);
    const verified = await xinyi('ledger', 'verify');
    expect(verified.code, verified.stderr).toBe(0);
    expect(verified.stdout).toMatch(
      /ledger verified: xinyi\.local\/ledger, \d+ leaves, root \S+, \d+ signed checkpoint/,
    );
    expect(verified.stderr).toMatch(/progress leaves \d+\/\d+/);
  });

  it('fails, exit code 1, naming the entry and its event, when an audit event was altered', async () => {
    const row = await asSuperuser((db) =>
      db
        .selectFrom('ledger_entries')
        .innerJoin('audit_events', 'audit_events.id', 'ledger_entries.audit_event_id')
        .select(['idx', 'audit_event_id', 'detail'])
        .orderBy('idx', 'desc')
        .executeTakeFirstOrThrow(),
    );
    const setDetail = (detail: unknown) =>
      sql`update audit_events set detail = ${JSON.stringify(detail)}::jsonb
          where id = ${row.audit_event_id}`;
    await asSuperuser((db) => setDetail({ ...row.detail, tampered: true }).execute(db));

    const failed = await xinyi('ledger', 'verify');
    expect(failed.code).toBe(1);
    expect(failed.stdout).not.toMatch(/ledger verified/);
    expect(failed.stderr).toContain(
      `xinyi: ledger does NOT verify: entry ${row.idx} is not the leaf of audit event ${row.audit_event_id}`,
    );

    await asSuperuser((db) => setDetail(row.detail).execute(db));
    const verified = await xinyi('ledger', 'verify');
    expect(verified.code, verified.stderr).toBe(0);
  });

  it('checks a proof file offline and says when it does not verify', async () => {
    const proofFile = path.join(dataDir, 'proof.json');
    writeFileSync(proofFile, JSON.stringify({ from: 1, to: 2, proof: [], checkpoint: 'x' }));
    const bad = await xinyi('ledger', 'verify', '--proof', proofFile, '--vkey', 'a+00000000+AA');
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/^xinyi: /);
    const help = await xinyi('ledger', 'verify', '--help');
    expect(help.stdout).toMatch(/--proof <file>/);
  });
});
