import { requireRole } from '../platform/auth/guards.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { DomainError, notFound } from '../platform/errors.js';
import type { Locale } from '../platform/locale.js';
import { translate } from '../platform/messages.js';
import type { RecordCategory } from './categories.js';
import { toBatchReport, type BatchReport, type DeliveredItem } from './ingest.js';
import * as repo from './ingest.repository.js';
import { batchReport, ingestDelivery } from './ingest.service.js';
import type { RecordReason } from './ingest.table.js';

const QUARANTINE_RAW = 'quarantined_records.raw';

/** The calling provider's organisation; only providers push data. */
export function providerOf(principal: Principal | null): Principal & { organisationId: string } {
  const actor = requireRole(principal, 'provider');
  if (!actor.organisationId) throw new DomainError('FORBIDDEN');
  return { ...actor, organisationId: actor.organisationId };
}

/** Pushes a JSON batch of records (the provider's own field names); all of it or nothing. */
export async function pushBatch(
  ctx: AppContext,
  principal: Principal | null,
  category: RecordCategory,
  records: readonly Record<string, unknown>[],
): Promise<BatchReport> {
  const actor = providerOf(principal);
  const items: DeliveredItem[] = records.map((fields, index) => ({
    kind: 'row',
    line: index + 1,
    fields,
  }));
  return ingestDelivery(
    ctx,
    { actor, organisationId: actor.organisationId, category, source: 'api' },
    items,
    {
      atomic: true,
    },
  );
}

/**
 * Who may see a batch: the provider that delivered it, the operator and the regulator.
 * Another provider's batch is reported as absent.
 */
async function visibleBatch(ctx: AppContext, principal: Principal | null, batchId: string) {
  const actor = requireRole(principal, 'provider', 'operator', 'regulator');
  const row = await repo.findBatch(ctx.db, batchId);
  if (!row || (actor.role === 'provider' && row.organisation_id !== actor.organisationId)) {
    throw notFound('batch');
  }
  return { actor, row };
}

export async function getBatch(ctx: AppContext, principal: Principal | null, batchId: string) {
  await visibleBatch(ctx, principal, batchId);
  return batchReport(ctx.db, batchId);
}

export async function listBatches(
  ctx: AppContext,
  principal: Principal | null,
  filter: {
    category?: RecordCategory | undefined;
    organisationId?: string | undefined;
    limit: number;
    offset: number;
  },
): Promise<BatchReport[]> {
  const actor = requireRole(principal, 'provider', 'operator', 'regulator');
  const organisationId =
    actor.role === 'provider' ? (actor.organisationId ?? '') : filter.organisationId;
  const rows = await repo.listBatches(ctx.db, { ...filter, organisationId });
  return Promise.all(
    rows.map(async (row) => toBatchReport(row, await repo.quarantineReasonCounts(ctx.db, row.id))),
  );
}

export interface QuarantinedView {
  readonly id: string;
  readonly batchId: string;
  readonly category: string;
  readonly line: number;
  readonly raw: string;
  readonly reasons: { field: string | null; code: string; message: string }[];
  readonly status: 'open' | 'resubmitted';
  readonly resolvedByBatch: string | null;
}

function reasonsIn(reasons: readonly RecordReason[], locale: Locale) {
  return reasons.map((r) => ({
    field: r.field,
    code: r.code,
    message: translate(r.code, locale, r.params),
  }));
}

/**
 * Quarantined records with every reason, for the provider that sent them (raw text
 * decrypted) and the operator. The regulator sees the counts in batch reports instead.
 */
export async function listQuarantine(
  ctx: AppContext,
  principal: Principal | null,
  filter: {
    batchId?: string | undefined;
    status?: 'open' | 'resubmitted' | undefined;
    limit: number;
    offset: number;
  },
  locale: Locale,
): Promise<QuarantinedView[]> {
  const actor = requireRole(principal, 'provider', 'operator');
  if (filter.batchId) await visibleBatch(ctx, actor, filter.batchId);
  const organisationId = actor.role === 'provider' ? (actor.organisationId ?? '') : undefined;
  const rows = await repo.listQuarantined(ctx.db, { ...filter, organisationId });
  return rows.map((row) => ({
    id: row.id.toString(),
    batchId: row.batch_id,
    category: row.category,
    line: row.line,
    raw: ctx.crypto.decrypt(row.raw_encrypted, QUARANTINE_RAW),
    reasons: reasonsIn(row.reasons, locale),
    status: row.status,
    resolvedByBatch: row.resolved_by_batch,
  }));
}

/**
 * Sends a corrected record for a quarantined one. It goes through the same checks as any
 * delivery; when it is accepted (or matches what is stored) the quarantined record is marked
 * resubmitted. When it is still refused nothing is stored (no second quarantined copy) and
 * its reasons come back as field errors (`record.<field>`), for the editor to show at each
 * field; the quarantined record stays open.
 */
export async function resubmitQuarantined(
  ctx: AppContext,
  principal: Principal | null,
  quarantineId: bigint,
  record: Record<string, unknown>,
): Promise<BatchReport> {
  const actor = providerOf(principal);
  const row = await repo.findQuarantined(ctx.db, quarantineId);
  if (!row || row.organisation_id !== actor.organisationId) throw notFound('quarantined_record');
  if (row.status !== 'open') throw new DomainError('QUARANTINE_ALREADY_RESOLVED');
  return ingestDelivery(
    ctx,
    {
      actor,
      organisationId: actor.organisationId,
      category: row.category as RecordCategory,
      source: 'resubmission',
    },
    [{ kind: 'row', line: 1, fields: record }],
    {
      atomic: true,
      alsoInTransaction: async (tx, report) => {
        if (report.quarantined === 0) {
          await repo.markResubmitted(tx, quarantineId, report.id);
          return;
        }
        const [refused] = await repo.listQuarantined(tx, {
          batchId: report.id,
          limit: 1,
          offset: 0,
        });
        // Thrown inside the delivery's transaction: the refused resubmission leaves no trace.
        throw new DomainError(
          'VALIDATION_FAILED',
          {},
          (refused?.reasons ?? []).map((reason) => ({
            path: reason.field ? `record.${reason.field}` : 'record',
            code: reason.code,
            ...(reason.params ? { params: reason.params } : {}),
          })),
        );
      },
    },
  );
}
