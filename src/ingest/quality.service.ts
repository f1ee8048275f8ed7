import { requireRole } from '../platform/auth/guards.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { qualityRows, type QualityRow } from './quality.js';
import { batchTotals, timeliness, type QualityFilter } from './quality.repository.js';

/**
 * Completeness, validity, duplicates and timeliness by provider, category and month: a
 * provider sees its own; the regulator and the operator see every department's.
 */
export async function dataQuality(
  ctx: AppContext,
  principal: Principal | null,
  filter: QualityFilter,
): Promise<QualityRow[]> {
  const actor = requireRole(principal, 'provider', 'regulator', 'operator');
  const scoped =
    actor.role === 'provider' ? { ...filter, organisationId: actor.organisationId ?? '' } : filter;
  const [totals, arrivals] = await Promise.all([
    batchTotals(ctx.db, scoped),
    timeliness(ctx.db, scoped),
  ]);
  return qualityRows(totals, arrivals);
}
