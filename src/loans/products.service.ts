import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { recordAudit } from '../ledger/ledger.service.js';
import { requireRole, requireUser } from '../platform/auth/guards.js';
import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { DomainError, invalidField, notFound } from '../platform/errors.js';
import {
  publishedRuleVersion,
  ruleVersionStateQuery,
  type RuleVersionState,
} from '../rules/rules.service.js';
import type { LoanProductsTable } from './loans.table.js';

export const LOAN_TYPES = [
  'working_capital',
  'invoice',
  'tax_based',
  'housing_fund',
  'housing_fund_combined',
  'personal_consumer',
] as const;
export const REPAYMENT_METHODS = [
  'equal_instalment',
  'equal_principal',
  'interest_first',
  'bullet',
] as const;

export interface NewProductVersion {
  readonly code: string;
  readonly name: string;
  readonly loanType: (typeof LOAN_TYPES)[number];
  readonly minAmountFen: bigint;
  readonly maxAmountFen: bigint;
  readonly minTermMonths: number;
  readonly maxTermMonths: number;
  readonly repaymentMethods: readonly (typeof REPAYMENT_METHODS)[number][];
  readonly rateBpByGrade: Readonly<Record<string, number>>;
  readonly approveFromScore: number;
  readonly declineBelowScore: number;
  readonly requiredCategories: readonly string[];
  readonly requiredChecks: readonly string[];
  readonly requiredContinuousMonths: number;
  readonly secondReviewAboveFen: bigint;
  readonly ruleVersionId: string;
}

export type ProductRow = Selectable<LoanProductsTable>;

export interface ProductView {
  readonly id: string;
  readonly organisationId: string;
  readonly code: string;
  readonly version: number;
  readonly status: 'published' | 'retired';
  readonly name: string;
  readonly loanType: string;
  readonly minAmountFen: string;
  readonly maxAmountFen: string;
  readonly minTermMonths: number;
  readonly maxTermMonths: number;
  readonly repaymentMethods: string[];
  readonly rateBpByGrade: Record<string, number>;
  readonly approveFromScore: number;
  readonly declineBelowScore: number;
  readonly requiredCategories: string[];
  readonly requiredChecks: string[];
  readonly requiredContinuousMonths: number;
  readonly secondReviewAboveFen: string;
  readonly ruleVersionId: string;
  readonly publishedAt: Date;
}

export const toProductView = (row: ProductRow): ProductView => ({
  id: row.id,
  organisationId: row.organisation_id,
  code: row.code,
  version: row.version,
  status: row.status,
  name: row.name,
  loanType: row.loan_type,
  minAmountFen: row.min_amount_fen.toString(),
  maxAmountFen: row.max_amount_fen.toString(),
  minTermMonths: row.min_term_months,
  maxTermMonths: row.max_term_months,
  repaymentMethods: row.repayment_methods,
  rateBpByGrade: row.rate_bp_by_grade,
  approveFromScore: row.approve_from_score,
  declineBelowScore: row.decline_below_score,
  requiredCategories: row.required_categories,
  requiredChecks: row.required_checks,
  requiredContinuousMonths: row.required_continuous_months,
  secondReviewAboveFen: row.second_review_above_fen.toString(),
  ruleVersionId: row.rule_version_id,
  publishedAt: row.published_at,
});

function consistencyProblems(input: NewProductVersion) {
  if (input.maxAmountFen < input.minAmountFen) {
    throw invalidField('/body/maxAmountFen', 'PRODUCT_MAX_BELOW_MIN');
  }
  if (input.maxTermMonths < input.minTermMonths) {
    throw invalidField('/body/maxTermMonths', 'PRODUCT_MAX_BELOW_MIN');
  }
  if (input.declineBelowScore > input.approveFromScore) {
    throw invalidField('/body/declineBelowScore', 'PRODUCT_CUT_OFFS_CROSSED');
  }
  const countsMonths = input.requiredChecks.some((c) => MONTH_COUNTING_CHECKS.includes(c));
  if (countsMonths && input.requiredContinuousMonths < 1) {
    throw invalidField('/body/requiredContinuousMonths', 'PRODUCT_MONTHS_REQUIRED');
  }
}

/** Checks that count months of contributions: they need at least one month to look at. */
const MONTH_COUNTING_CHECKS: readonly string[] = ['social_security', 'housing_fund'];

/**
 * Publishes a new version of a lender's product (version 1 for a new code). A published
 * version never changes; applications name the version they were made to.
 */
export async function publishProductVersion(
  ctx: AppContext,
  principal: Principal | null,
  input: NewProductVersion,
): Promise<ProductView> {
  const actor = requireUser(principal, 'lender_admin');
  const organisationId = actor.organisationId;
  if (!organisationId) throw new DomainError('FORBIDDEN');
  consistencyProblems(input);
  return ctx.db.transaction().execute(async (tx) => {
    const rules = await publishedRuleVersion(tx, input.ruleVersionId, organisationId);
    if (!rules) throw invalidField('/body/ruleVersionId', 'PRODUCT_RULES_NOT_PUBLISHED');
    const latest = await tx
      .selectFrom('loan_products')
      .select((eb) => eb.fn.max('version').as('v'))
      .where('organisation_id', '=', organisationId)
      .where('code', '=', input.code)
      .executeTakeFirst();
    const row = await tx
      .insertInto('loan_products')
      .values({
        id: randomUUID(),
        organisation_id: organisationId,
        code: input.code,
        version: (latest?.v ?? 0) + 1,
        status: 'published',
        name: input.name,
        loan_type: input.loanType,
        min_amount_fen: input.minAmountFen,
        max_amount_fen: input.maxAmountFen,
        min_term_months: input.minTermMonths,
        max_term_months: input.maxTermMonths,
        repayment_methods: [...input.repaymentMethods],
        rate_bp_by_grade: JSON.stringify(input.rateBpByGrade),
        approve_from_score: input.approveFromScore,
        decline_below_score: input.declineBelowScore,
        required_categories: [...input.requiredCategories],
        required_checks: [...input.requiredChecks],
        required_continuous_months: input.requiredContinuousMonths,
        second_review_above_fen: input.secondReviewAboveFen,
        rule_version_id: input.ruleVersionId,
        created_by: actor.userId,
        published_at: ctx.now(),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(tx, {
      actor,
      action: 'loans.product_published',
      subject: { kind: 'loan_product', id: row.id },
      detail: { code: row.code, version: row.version, ruleVersionId: row.rule_version_id },
    });
    return toProductView(row);
  });
}

/** Published products every signed-in user may see (borrowers choose among them). */
export async function listProducts(ctx: AppContext, principal: Principal | null) {
  requireRole(principal);
  const rows = await ctx.db
    .selectFrom('loan_products')
    .selectAll()
    .where('status', '=', 'published')
    .orderBy('code')
    .orderBy('version', 'desc')
    .execute();
  return rows.map(toProductView);
}

/** The rate of an approval whose rules and grade named none: the product's highest. */
export const highestRate = (product: Pick<ProductRow, 'rate_bp_by_grade'>) =>
  Math.max(...Object.values(product.rate_bp_by_grade));

/**
 * A product with the state of the rule version it names, in one read: what a decision
 * needs to know before it runs the product's rules.
 */
export async function findProductWithRules(db: Db | Tx, id: string) {
  return productWithRules(await productWithRulesQuery(db, id).executeTakeFirst());
}

/** The read of {@link findProductWithRules}, for a caller that adds to it. */
export const productWithRulesQuery = (db: Db | Tx, id: string) =>
  db
    .selectFrom('loan_products as p')
    .selectAll('p')
    .select((eb) => ruleVersionStateQuery(db, eb.ref('p.rule_version_id')).as('rule_version_state'))
    .where('p.id', '=', id);

/** The product and rule version state of a row of {@link productWithRulesQuery}. */
export function productWithRules<
  Row extends ProductRow & { rule_version_state: RuleVersionState | null },
>(row: Row | undefined): { product: ProductRow; rules: RuleVersionState | null } {
  if (!row) throw notFound('loan_product');
  const { rule_version_state: rules, ...product } = row;
  return { product, rules };
}

export async function findProduct(db: Db | Tx, id: string): Promise<ProductRow> {
  const row = await db
    .selectFrom('loan_products')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('loan_product');
  return row;
}
