import { sql } from 'kysely';
import { listAuditEvents, recordAudit } from '../ledger/ledger.service.js';
import type { AppContext } from '../platform/context.js';
import type { Db } from '../platform/db.js';

/**
 * The demo's stages after its accounts, in the order they run. The server listens once the
 * accounts exist and runs these in the background, so each is recorded in the audit log
 * when done: a start interrupted part-way resumes at the first stage not recorded instead
 * of taking a half-seeded demo for a whole one.
 */
export const DEMO_STAGES = ['data', 'scorecards', 'history'] as const;
export type DemoStage = (typeof DEMO_STAGES)[number];

/** The audit action of the demo accounts' transaction (`seedDemo`). */
export const DEMO_SEEDED = 'demo.seeded';

const stageAction = (stage: DemoStage) => `demo.${stage}_seeded`;

export interface DemoState {
  /** Whether the demo accounts exist. */
  readonly accounts: boolean;
  /** The stages still to run, in order. */
  readonly pending: readonly DemoStage[];
}

async function recorded(db: Db, action: string) {
  const [event] = await listAuditEvents(db, { action, limit: 1, offset: 0 });
  return event ?? null;
}

/**
 * Where the demo stands. Accounts seeded by a version that seeded everything before
 * listening carry no list of stages: that demo is whole (or was already lost to an
 * interruption, which nothing can tell apart), so it is left as it is.
 *
 * @example
 * const { accounts, pending } = await demoState(ctx.db);
 * if (accounts && pending.length > 0) console.log(`demo stages left: ${pending.join(', ')}`);
 */
export async function demoState(db: Db): Promise<DemoState> {
  const seeded = await recorded(db, DEMO_SEEDED);
  if (!seeded) return { accounts: false, pending: DEMO_STAGES };
  if (!Array.isArray(seeded.detail.stages)) return { accounts: true, pending: [] };
  const pending: DemoStage[] = [];
  for (const stage of DEMO_STAGES) {
    if (!(await recorded(db, stageAction(stage)))) pending.push(stage);
  }
  return { accounts: true, pending };
}

/** Records a stage as done, with what it did (files, models, applications). */
export async function recordDemoStage(
  ctx: AppContext,
  stage: DemoStage,
  detail: Record<string, unknown>,
): Promise<void> {
  await recordAudit(ctx.db, { actor: 'system', action: stageAction(stage), detail });
}

// Any constant of our own: two nodes on one PostgreSQL must agree on it, nothing else.
const DEMO_SEEDING_LOCK = 7_305_462_001;

/**
 * Runs the demo's stages with no other process running them at the same time. Several
 * server nodes may start on one PostgreSQL: the others wait here, then find the stages
 * done. PGlite's data directory belongs to one process, so it needs no lock (and its one
 * connection could not hold one while the work runs on it).
 */
export async function withDemoSeedingLock<T>(ctx: AppContext, work: () => Promise<T>): Promise<T> {
  if (ctx.engine === 'pglite') return work();
  return ctx.db.connection().execute(async (connection) => {
    await sql`select pg_advisory_lock(${DEMO_SEEDING_LOCK}::bigint)`.execute(connection);
    try {
      return await work();
    } finally {
      await sql`select pg_advisory_unlock(${DEMO_SEEDING_LOCK}::bigint)`.execute(connection);
    }
  });
}
