import { requireRole } from '../platform/auth/guards.js';
import { LENDER_ROLES, type Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { DomainError } from '../platform/errors.js';
import { openSnapshot } from './replay.service.js';

/**
 * The policy inputs the bank's automated decisions were taken on, newest first, so a rule
 * version can be dry-run against the bank's own past applications before it is published.
 * Decisions taken without a score (a person decided) had no policy input and are left out.
 */
export async function pastDecisionInputs(
  ctx: AppContext,
  principal: Principal | null,
  filter: { productCode?: string | undefined; limit: number },
) {
  const actor = requireRole(principal, ...LENDER_ROLES);
  if (!actor.organisationId) throw new DomainError('FORBIDDEN');
  let query = ctx.db
    .selectFrom('loan_decisions as d')
    .innerJoin('loan_applications as a', 'a.id', 'd.application_id')
    .innerJoin('loan_products as p', 'p.id', 'd.product_id')
    .select([
      'd.id',
      'd.application_id',
      'd.outcome',
      'd.decided_at',
      'd.input_snapshot',
      'd.input_snapshot_encrypted',
    ])
    .where('a.lender_organisation_id', '=', actor.organisationId)
    .where('d.automated', '=', true)
    .orderBy('d.decided_at', 'desc')
    .limit(filter.limit);
  if (filter.productCode) query = query.where('p.code', '=', filter.productCode);
  const rows = await query.execute();
  return rows.flatMap((row) => {
    const snapshot = openSnapshot(ctx, row);
    if (!snapshot.policyInput) return [];
    return [
      {
        id: row.id,
        applicationId: row.application_id,
        outcome: row.outcome,
        decidedAt: row.decided_at,
        input: snapshot.policyInput as unknown as Record<string, unknown>,
      },
    ];
  });
}
