import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/platform/db.js';
import { cliTarget, exited, runCli, spawnCli, type CliTarget } from '../helpers/cli-target.js';

const SMALL_DEMO = ['demo', 'seed', '--enterprises', '60', '--persons', '60'];

/** Seeds the demo and kills it with SIGKILL part-way through the lending history. */
async function seedAndKill(env: NodeJS.ProcessEnv): Promise<number> {
  const child = spawnCli(env, ...SMALL_DEMO);
  let borrowers = 0;
  child.stderr.on('data', (data: Buffer) => {
    for (const match of data.toString().matchAll(/progress lending history (\d+)\//g))
      borrowers = Math.max(borrowers, Number(match[1]));
    if (borrowers >= 3 && !child.killed) child.kill('SIGKILL');
  });
  const { signal } = await exited(child);
  if (signal !== 'SIGKILL') throw new Error('the seeding ended before it was killed');
  return borrowers;
}

async function demoFigures(database: Database) {
  const count = async (table: 'loan_applications' | 'loans' | 'users' | 'objections') =>
    Number(
      (
        await database.db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<bigint>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const models = await database.db
    .selectFrom('scorecard_models')
    .select(['subject_kind', 'segment', 'version', 'status'])
    .orderBy('subject_kind')
    .orderBy('segment')
    .orderBy('version')
    .execute();
  const products = await database.db
    .selectFrom('loan_products')
    .select(['code', 'version'])
    .orderBy('code')
    .execute();
  const stages = await database.db
    .selectFrom('audit_events')
    .select('action')
    .where('action', 'like', 'demo.%')
    .orderBy('action')
    .execute();
  return {
    applications: await count('loan_applications'),
    loans: await count('loans'),
    users: await count('users'),
    objections: await count('objections'),
    models,
    products,
    stages: stages.map((s) => s.action),
  };
}

let clean: CliTarget;
let interrupted: CliTarget;
beforeAll(async () => {
  [clean, interrupted] = [await cliTarget(), await cliTarget()];
});
afterAll(async () => {
  await clean.close();
  await interrupted.close();
});

describe('xinyi demo seed after kill -9', { timeout: 300_000 }, () => {
  it('resumes at the stage it stopped in and ends as one clean run', async () => {
    const [, killedAt] = await Promise.all([
      runCli(clean.env, ...SMALL_DEMO),
      seedAndKill(interrupted.env),
    ]);
    expect(killedAt).toBeGreaterThanOrEqual(3);

    const resumed = await runCli(interrupted.env, ...SMALL_DEMO);
    expect(resumed.stdout).toMatch(/resumed an interrupted seeding: history/);
    const again = await runCli(interrupted.env, ...SMALL_DEMO);
    expect(again.stdout).toMatch(/already present; nothing changed/);

    const [a, b] = [clean.open(), interrupted.open()];
    try {
      const [expected, actual] = [await demoFigures(a), await demoFigures(b)];
      expect(expected.applications).toBeGreaterThan(3);
      expect(expected.stages).toEqual([
        'demo.data_seeded',
        'demo.history_seeded',
        'demo.scorecards_seeded',
        'demo.seeded',
      ]);
      expect(actual).toEqual(expected);
    } finally {
      await a.close();
      await b.close();
    }
  });
});
