import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/demo/seed.js';
import type { Database } from '../../src/platform/db.js';
import { cliTarget, runCli, spawnCli, type CliTarget } from '../helpers/cli-target.js';

const ROWS = 40_000;
const SMALL_DEMO = ['demo', 'seed', '--enterprises', '10', '--persons', '20'];

// Both runs share keys, so their keyed hashes (natural keys, content) are comparable.
const keys = {
  XINYI_FIELD_KEYS: `k1:${randomBytes(32).toString('base64')}`,
  XINYI_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
};

function writeTaxFile(dir: string): string {
  const lines = ['uscc,period,taxable_revenue,tax_paid,invoice_count'];
  for (let i = 0; i < ROWS; i += 1) {
    const uscc = buildUscc('9', '1', '110108', `MA${String(i).padStart(6, '0')}`);
    // Every 997th record is refused, so quarantine is part of the comparison.
    const period = i % 997 === 0 ? '2099-01' : `2026-0${(i % 9) + 1}`;
    lines.push(`${uscc},${period},${1000 + i},${i % 500},${i % 50}`);
  }
  const file = path.join(dir, 'tax.csv');
  writeFileSync(file, lines.join('\n') + '\n');
  return file;
}

const cli = runCli;

const ingestArgs = (file: string) => [
  'ingest',
  file,
  '--provider',
  'tax-bureau',
  '--category',
  'tax',
  '--chunk',
  '500',
];

/** Starts an ingest and kills it with SIGKILL once some chunks, not all, have committed. */
async function ingestAndKill(env: NodeJS.ProcessEnv, file: string): Promise<number> {
  const child = spawnCli(env, ...ingestArgs(file));
  return new Promise((resolve, reject) => {
    let seen = 0;
    child.stderr.on('data', (data: Buffer) => {
      for (const match of data.toString().matchAll(/"records":(\d+)/g))
        seen = Math.max(seen, Number(match[1]));
      if (seen >= ROWS * 0.3 && !child.killed) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) =>
      signal === 'SIGKILL'
        ? resolve(seen)
        : reject(new Error(`ingest ended before it was killed (${seen} read)`)),
    );
  });
}

async function finalState(database: Database) {
  const records = await database.db
    .selectFrom('records')
    .select(['category', 'natural_key_index', 'version', 'content_hash', 'line', 'superseded_at'])
    // Categories share natural keys (tax and self-reported figures: USCC and period).
    .orderBy('category')
    .orderBy('natural_key_index')
    .orderBy('version')
    .execute();
  const quarantined = await database.db
    .selectFrom('quarantined_records')
    .select(['line', 'reasons'])
    .orderBy('line')
    .execute();
  const batches = await database.db
    .selectFrom('ingest_batches')
    .select(['status', 'read_count', 'accepted', 'unchanged', 'quarantined', 'checkpoint_line'])
    .where('file_name', '=', 'tax.csv')
    .execute();
  const events = await database.db
    .selectFrom('outbox')
    .select('payload')
    .where('topic', '=', 'record.changed')
    .execute();
  // Chunks commit with their event: a run cut after a chunk and resumed announces the same
  // subjects for the same lines as one clean run.
  const announced = events
    .map(({ payload }) => payload as { lines: number[]; changes: { subjectRef: string }[] })
    .map((p) => `${p.lines.join('-')}: ${p.changes.map((c) => c.subjectRef).join(' ')}`)
    .sort();
  return {
    records: records.map((r) => [
      r.category,
      r.natural_key_index,
      r.version,
      r.content_hash,
      r.line,
      r.superseded_at === null,
    ]),
    quarantined: quarantined.map((q) => [q.line, q.reasons]),
    batches,
    announced,
  };
}

let clean: CliTarget;
let interrupted: CliTarget;
let file: string;

beforeAll(async () => {
  file = writeTaxFile(mkdtempSync(path.join(tmpdir(), 'xinyi-file-')));
  [clean, interrupted] = [await cliTarget(keys), await cliTarget(keys)];
  await Promise.all([cli(clean.env, ...SMALL_DEMO), cli(interrupted.env, ...SMALL_DEMO)]);
}, 180_000);
afterAll(async () => {
  await clean.close();
  await interrupted.close();
});

describe('xinyi ingest after kill -9', { timeout: 300_000 }, () => {
  it('resumes where it stopped and ends in the state of one clean run', async () => {
    await cli(clean.env, ...ingestArgs(file));

    const readBeforeKill = await ingestAndKill(interrupted.env, file);
    expect(readBeforeKill).toBeGreaterThan(0);
    expect(readBeforeKill).toBeLessThan(ROWS);
    const resumed = await cli(interrupted.env, ...ingestArgs(file));
    expect(resumed.stdout).toMatch(/completed/);

    const [a, b] = [clean.open(), interrupted.open()];
    try {
      const [expected, actual] = [await finalState(a), await finalState(b)];
      expect(expected.batches).toEqual([
        {
          status: 'completed',
          read_count: ROWS,
          accepted: ROWS - 41,
          unchanged: 0,
          quarantined: 41,
          checkpoint_line: ROWS + 1,
        },
      ]);
      expect(actual).toEqual(expected);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
