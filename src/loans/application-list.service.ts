import { sql } from 'kysely';
import { requireRole } from '../platform/auth/guards.js';
import { LENDER_ROLES, type Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { enterpriseNamesById } from '../registry/registry.service.js';
import type { ApplicationStatus } from './application-state.js';

export interface ApplicationFilter {
  readonly statuses?: readonly ApplicationStatus[] | undefined;
  readonly outcome?: 'approve' | 'review' | 'decline' | 'pending' | undefined;
  readonly productCode?: string | undefined;
  readonly applicantKind?: 'enterprise' | 'person' | undefined;
  /** Created on or after / before this instant. */
  readonly from?: Date | undefined;
  readonly to?: Date | undefined;
  readonly limit: number;
  readonly offset: number;
}

/**
 * Applications, newest first: a borrower's own, a lender's (its bank's), or all (the
 * operator). Each with its product, the latest decision's outcome and, for enterprises,
 * the applicant's USCC and name; persons are not named in a list (their page is an
 * audited read).
 *
 * @example
 * const page = await listApplications(ctx, officer, { statuses: ['decided'], limit: 50, offset: 0 });
 */
export async function listApplications(
  ctx: AppContext,
  principal: Principal | null,
  filter: ApplicationFilter,
) {
  const actor = requireRole(principal, 'borrower', ...LENDER_ROLES, 'operator');
  let query = ctx.db
    .selectFrom('loan_applications as a')
    .innerJoin('loan_products as p', 'p.id', 'a.product_id')
    .leftJoinLateral(
      (eb) =>
        eb
          .selectFrom('loan_decisions as d')
          .select(['d.outcome', 'd.decided_at', 'd.automated', 'd.limit_fen', 'd.rate_bp'])
          .whereRef('d.application_id', '=', 'a.id')
          .orderBy('d.decided_at', 'desc')
          .limit(1)
          .as('latest'),
      (join) => join.onTrue(),
    );
  if (actor.role === 'borrower') {
    query = query.where('a.borrower_user_id', '=', actor.kind === 'user' ? actor.userId : '');
  } else if (actor.role !== 'operator') {
    query = query.where('a.lender_organisation_id', '=', actor.organisationId ?? '');
  }
  if (filter.statuses?.length) query = query.where('a.status', 'in', [...filter.statuses]);
  if (filter.outcome) query = query.where('latest.outcome', '=', filter.outcome);
  if (filter.productCode) query = query.where('p.code', '=', filter.productCode);
  if (filter.applicantKind) query = query.where('a.applicant_kind', '=', filter.applicantKind);
  if (filter.from) query = query.where('a.created_at', '>=', filter.from);
  if (filter.to) query = query.where('a.created_at', '<', filter.to);

  const rows = await query
    .select([
      'a.id',
      'a.product_id',
      'p.code as product_code',
      'p.name as product_name',
      'p.version as product_version',
      'a.applicant_kind',
      'a.applicant_id',
      'a.amount_fen',
      'a.term_months',
      'a.status',
      'a.created_at',
      'a.updated_at',
      'latest.outcome',
      'latest.decided_at',
      'latest.automated',
      'latest.limit_fen',
      'latest.rate_bp',
      sql<string>`count(*) over ()`.as('total'),
    ])
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();

  const enterprises = await enterpriseNamesById(
    ctx.db,
    rows.filter((row) => row.applicant_kind === 'enterprise').map((row) => row.applicant_id),
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map((row) => {
      const enterprise = enterprises.get(row.applicant_id);
      return {
        id: row.id,
        productId: row.product_id,
        productCode: row.product_code,
        productName: row.product_name,
        productVersion: row.product_version,
        applicantKind: row.applicant_kind,
        applicantUscc: enterprise?.uscc ?? null,
        applicantName: enterprise?.name ?? null,
        amountFen: row.amount_fen.toString(),
        termMonths: row.term_months,
        status: row.status,
        outcome: row.outcome ?? null,
        automated: row.automated ?? null,
        limitFen: row.limit_fen?.toString() ?? null,
        rateBp: row.rate_bp ?? null,
        decidedAt: row.decided_at ?? null,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    }),
  };
}
