import { randomUUID } from 'node:crypto';
import { recordAudit } from '../ledger/ledger.service.js';
import { requireRole } from '../platform/auth/guards.js';
import { principalId, type Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { DomainError, invalidField, notFound } from '../platform/errors.js';
import type { RecordCategory } from './categories.js';
import { providerMayPush, type OutageRow } from './ingest.repository.js';

/** When nobody said how long an outage lasts, waiting applications are retried this often. */
export const DEFAULT_RETRY_SECONDS = 15 * 60;
/** An outage expected to last longer is a retired source, not an outage. */
const MAX_EXPECTED_DAYS = 30;
/** Asking again sooner than this only loads a source that is recovering. */
const MIN_RETRY_SECONDS = 60;

export interface OpenOutage {
  readonly id: string;
  readonly category: string;
  /** For operators; the borrower is only told the source cannot answer now. */
  readonly reason: string;
  readonly retryAfterSeconds: number;
}

/** Seconds until the source is expected back (or the default), never less than a minute. */
export function retryAfterSeconds(expectedEnd: Date | null, now: Date): number {
  if (!expectedEnd) return DEFAULT_RETRY_SECONDS;
  return Math.max(MIN_RETRY_SECONDS, Math.ceil((expectedEnd.getTime() - now.getTime()) / 1000));
}

/** The categories among `categories` whose source is down now, with when to ask again. */
export async function openOutages(
  db: Db | Tx,
  categories: readonly string[],
  now: Date,
): Promise<Map<string, OpenOutage>> {
  if (categories.length === 0) return new Map();
  const rows = await db
    .selectFrom('source_outages')
    .select(['id', 'category', 'reason', 'expected_end_at'])
    .where('ended_at', 'is', null)
    .where('category', 'in', [...categories])
    .orderBy('started_at')
    .execute();
  return openOutagesByCategory(rows, now);
}

/** Open outages by category, from their rows in order of start (the latest wins). */
export function openOutagesByCategory(
  rows: readonly OutageRow[],
  now: Date,
): Map<string, OpenOutage> {
  return new Map(
    rows.map((row) => [
      row.category,
      {
        id: row.id,
        category: row.category,
        reason: row.reason,
        retryAfterSeconds: retryAfterSeconds(row.expected_end_at, now),
      },
    ]),
  );
}

/** The operator, or a provider for a category it delivers. */
async function mayDeclare(db: Db, principal: Principal | null, category: string) {
  const caller = requireRole(principal, 'operator', 'provider');
  if (caller.role === 'provider') {
    if (!caller.organisationId || !(await providerMayPush(db, caller.organisationId, category))) {
      throw new DomainError('CATEGORY_NOT_GRANTED', { category });
    }
  }
  return caller;
}

export interface NewOutage {
  readonly category: RecordCategory;
  readonly reason: string;
  readonly expectedEndAt?: Date | undefined;
}

/**
 * Declares a category's source down: checks reading it answer "unavailable, retry scheduled"
 * until the outage ends. One open outage per category: a second declaration is a conflict.
 */
export async function declareOutage(
  ctx: AppContext,
  principal: Principal | null,
  input: NewOutage,
) {
  const caller = await mayDeclare(ctx.db, principal, input.category);
  const now = ctx.now();
  if (input.expectedEndAt && input.expectedEndAt <= now) {
    throw invalidField('/body/expectedEndAt', 'in_the_past');
  }
  const latest = new Date(now.getTime() + MAX_EXPECTED_DAYS * 86_400_000);
  if (input.expectedEndAt && input.expectedEndAt > latest) {
    throw invalidField('/body/expectedEndAt', 'too_far_ahead', { limit: latest.toISOString() });
  }
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    const open = await openOutages(tx, [input.category], now);
    if (open.size > 0) throw new DomainError('OUTAGE_ALREADY_OPEN');
    await tx
      .insertInto('source_outages')
      .values({
        id,
        category: input.category,
        provider_organisation_id: caller.role === 'provider' ? caller.organisationId : null,
        reason: input.reason,
        started_at: now,
        expected_end_at: input.expectedEndAt ?? null,
        ended_at: null,
        declared_by: principalId(caller),
        ended_by: null,
      })
      .execute();
    await recordAudit(tx, {
      actor: caller,
      action: 'ingest.outage_declared',
      subject: { kind: 'source', id: input.category },
      detail: { outageId: id, reason: input.reason },
    });
  });
  return getOutage(ctx.db, id);
}

/** Ends an open outage; applications waiting on the source are verified at the next sweep. */
export async function endOutage(ctx: AppContext, principal: Principal | null, id: string) {
  const outage = await ctx.db
    .selectFrom('source_outages')
    .select(['category', 'ended_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (!outage) throw notFound('outage');
  const caller = await mayDeclare(ctx.db, principal, outage.category);
  if (outage.ended_at !== null) throw new DomainError('OUTAGE_ALREADY_ENDED');
  await ctx.db.transaction().execute(async (tx) => {
    await tx
      .updateTable('source_outages')
      .set({ ended_at: ctx.now(), ended_by: principalId(caller) })
      .where('id', '=', id)
      .where('ended_at', 'is', null)
      .execute();
    await recordAudit(tx, {
      actor: caller,
      action: 'ingest.outage_ended',
      subject: { kind: 'source', id: outage.category },
      detail: { outageId: id },
    });
  });
  return getOutage(ctx.db, id);
}

async function getOutage(db: Db, id: string) {
  const row = await db
    .selectFrom('source_outages')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return outageView(row);
}

const outageView = (row: {
  id: string;
  category: string;
  reason: string;
  started_at: Date;
  expected_end_at: Date | null;
  ended_at: Date | null;
}) => ({
  id: row.id,
  category: row.category,
  reason: row.reason,
  startedAt: row.started_at,
  expectedEndAt: row.expected_end_at,
  endedAt: row.ended_at,
});

/** Outages, open ones first, newest first: for staff (providers, lenders, regulator, operator). */
export async function listOutages(ctx: AppContext, principal: Principal | null) {
  requireRole(principal, 'operator', 'provider', 'regulator', 'lender_officer', 'lender_admin');
  const rows = await ctx.db
    .selectFrom('source_outages')
    .selectAll()
    .orderBy((eb) => eb.case().when('ended_at', 'is', null).then(0).else(1).end())
    .orderBy('started_at', 'desc')
    .limit(200)
    .execute();
  return rows.map(outageView);
}
