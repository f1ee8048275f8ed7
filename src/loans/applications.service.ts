import { createHash, randomUUID } from 'node:crypto';
import type { Insertable, Selectable } from 'kysely';
import { documentsOfApplication } from '../archive/archive.service.js';
import { recordsUnderObjection } from '../disputes/disputes.service.js';
import { auditEventIdsOf, recordAudit } from '../ledger/ledger.service.js';
import { requireRole, requireUser } from '../platform/auth/guards.js';
import { LENDER_ROLES, type Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { openJson, sealJson, sealJsonText } from '../platform/crypto.js';
import type { Db, Tx } from '../platform/db.js';
import { DomainError, invalidField, notFound } from '../platform/errors.js';
import type { KeyInTransaction } from '../platform/http/idempotency.js';
import { chinaDate } from '../platform/time.js';
import type { ConsentCategory } from '../registry/consent.js';
import { useConsents } from '../registry/consent.service.js';
import {
  applicantColumnsQuery,
  applicantIdentity,
  applicantRecord,
  applicantRecordOf,
  enterpriseNamesById,
  type ApplicantRecord,
} from '../registry/registry.service.js';
import type { JdmDocument } from '../rules/jdm.js';
import {
  buildPolicyInput,
  interpretPolicyOutput,
  type PolicyInput,
  type PolicyOutcome,
} from '../rules/policy.js';
import {
  publishedRuleVersionOf,
  rulesEngine,
  type RuleVersionState,
} from '../rules/rules.service.js';
import { scoreAndFeatureValues } from '../scoring/scores.service.js';
import type { Grade } from '../scoring/grades.js';
import { CHECKS } from '../verify/run.js';
import { runChecks, summarise } from '../verify/run.js';
import type { CheckName, CheckResult } from '../verify/checks.js';
import { gatherCheckSources } from '../verify/verify.service.js';
import { planConclusion, type Conclusion, type Verdict } from './conclusion.js';
import { storeConclusion } from './conclusion.repository.js';
import { snapshotJson } from './snapshot-json.js';
import { offersAndContract, offerView } from './offers.service.js';
import { reviewsOfApplication, reviewView } from './reviews.service.js';
import { loanOfApplication } from './servicing.service.js';
import { decide, type Decision, type DecisionInput, type ScoreSnapshot } from './decide.js';
import {
  findProduct,
  findProductWithRules,
  highestRate,
  productWithRules,
  productWithRulesQuery,
  type ProductRow,
} from './products.service.js';
import type {
  ApplicationChecksTable,
  ApplicationEventsTable,
  LoanApplicationsTable,
  LoanDecisionsTable,
} from './loans.table.js';

const STATED = 'loan_applications.stated';
const CHECK_RESULT = 'application_checks.result';
const SNAPSHOT = 'loan_decisions.input_snapshot';

export interface NewApplication {
  readonly productId: string;
  readonly amountFen: bigint;
  readonly termMonths: number;
  readonly repaymentMethod: string;
  readonly statedEmployerUscc?: string | undefined;
  readonly statedMonthlyIncomeFen?: bigint | undefined;
  readonly statedCity?: string | undefined;
}

interface Applicant {
  readonly actor: Extract<Principal, { kind: 'user' }>;
  readonly subject: { readonly kind: 'enterprise' | 'person'; readonly id: string };
  readonly ref: string;
  readonly identifier: string;
  readonly name: string;
}

async function applicantOf(
  ctx: AppContext,
  tx: Tx,
  principal: Principal | null,
): Promise<Applicant> {
  const { actor, subject } = borrowerOf(principal);
  // One read of the registry row: the record key, identifier and name.
  return applicantFrom(actor, subject, await applicantRecord(ctx, tx, subject));
}

function borrowerOf(principal: Principal | null) {
  const actor = requireUser(principal, 'borrower');
  const subject = actor.subject;
  if (!subject) throw new DomainError('FORBIDDEN');
  return { actor, subject };
}

function applicantFrom(
  actor: Applicant['actor'],
  subject: Applicant['subject'],
  record: ApplicantRecord | null,
): Applicant {
  if (!record?.ref) throw notFound(subject.kind);
  return { actor, subject, ...record };
}

/**
 * The product with its rule version's state and the applicant's registry row, in one read:
 * everything a submission checks before it uses consent.
 */
async function productAndApplicant(
  ctx: AppContext,
  tx: Tx,
  principal: Principal | null,
  productId: string,
) {
  const { actor, subject } = borrowerOf(principal);
  const row = await productWithRulesQuery(tx, productId)
    .select(applicantColumnsQuery(subject).as('applicant'))
    .executeTakeFirst();
  if (!row) throw notFound('loan_product');
  const { applicant: columns, ...rest } = row;
  const applicant = applicantFrom(actor, subject, applicantRecordOf(ctx, subject.kind, columns));
  return { applicant, ...productWithRules(rest) };
}

/** Consent for every category the product reads, and for the credit profile and score. */
async function useApplicationConsent(
  ctx: AppContext,
  tx: Tx,
  applicant: Applicant,
  product: ProductRow,
) {
  // One round trip for every category; each use is still recorded, category by category.
  await useConsents(tx, ctx.now(), {
    actor: applicant.actor,
    subject: applicant.subject,
    organisationId: product.organisation_id,
    categories: [...(product.required_categories as ConsentCategory[]), 'credit_profile'],
    purpose: 'loan_application',
  });
}

function applicableChecks(product: ProductRow, kind: 'enterprise' | 'person'): CheckName[] {
  return (product.required_checks as CheckName[]).filter((name) =>
    CHECKS[name].applicants.includes(kind),
  );
}

/**
 * Submits an application and decides it in the same transaction: consent is used, the
 * product's checks run on the platform's records, the score and profile are read, the
 * product's published rules are evaluated and the decision is stored with its input
 * snapshot, hash, and the model, rule and product versions. A down source leaves the
 * application verifying (retried), never declined.
 *
 * The application is written once, in the status it ends in, with everything else the
 * decision writes, in one statement; the answer is the application's page, made from what
 * the transaction wrote rather than read back.
 */
export async function submitApplication(
  ctx: AppContext,
  principal: Principal | null,
  input: NewApplication,
  /** The caller's last write in the transaction (its idempotency key with the answer). */
  around?: KeyInTransaction<SubmittedApplication>,
): Promise<SubmittedApplication> {
  return ctx.db.transaction().execute(async (tx) => {
    const { applicant, product, rules } = await productAndApplicant(
      ctx,
      tx,
      principal,
      input.productId,
    );
    if (product.status !== 'published') throw notFound('loan_product');
    if (!product.repayment_methods.includes(input.repaymentMethod)) {
      throw invalidField('/body/repaymentMethod', 'REPAYMENT_METHOD_NOT_OFFERED');
    }
    await useApplicationConsent(ctx, tx, applicant, product);
    const now = ctx.now();
    const id = randomUUID();
    const stated = sealJson(
      ctx.crypto,
      {
        employerUscc: input.statedEmployerUscc ?? null,
        monthlyIncomeFen: input.statedMonthlyIncomeFen?.toString() ?? null,
        city: input.statedCity ?? null,
      },
      STATED,
      applicant.subject.kind === 'person',
    );
    const verdict = await verifyAndDecide(ctx, tx, { id, applicant, product, rules, input });
    const conclusion = planConclusion(
      {
        id,
        status: 'draft',
        termMonths: input.termMonths,
        repaymentMethod: input.repaymentMethod,
        lenderOrganisationId: product.organisation_id,
      },
      [
        { event: 'submit', actor: `user:${applicant.actor.userId}` },
        { event: 'start_verification', actor: 'system' },
      ],
      verdict,
      highestRate(product),
      now,
    );
    const row = {
      id,
      product_id: product.id,
      lender_organisation_id: product.organisation_id,
      applicant_kind: applicant.subject.kind,
      applicant_id: applicant.subject.id,
      applicant_ref: applicant.ref,
      borrower_user_id: applicant.actor.userId,
      amount_fen: input.amountFen,
      term_months: input.termMonths,
      repayment_method: input.repaymentMethod,
      stated: stated.clear,
      stated_encrypted: stated.sealed,
      status: conclusion.status,
      created_at: now,
      updated_at: now,
      retry_verification_at: conclusion.retryVerificationAt,
    };
    const stored = await storeConclusion(tx, { insert: row }, conclusion, now);
    const answer = submittedApplication({ row, applicant, conclusion, ...stored });
    await around?.last(tx, answer);
    return answer;
  });
}

export type SubmittedApplication = ReturnType<typeof submittedApplication>;

/**
 * The page of an application just submitted, as {@link getApplication} would read it, from
 * what its transaction wrote (and the objections to the records its checks read, read by
 * the same statement).
 */
function submittedApplication(submitted: {
  row: Selectable<LoanApplicationsTable>;
  applicant: Applicant;
  conclusion: Conclusion;
  auditEventId: string;
  recordsUnderObjection: readonly string[];
}) {
  const { row, applicant, conclusion, auditEventId } = submitted;
  const { decisionRow } = conclusion.verdict;
  const checks = asStored(conclusion.verdict.checks);
  const decision = {
    ...decisionRow,
    reasons: JSON.parse(decisionRow.reasons) as string[],
    fired_rules: JSON.parse(decisionRow.fired_rules) as unknown[],
  };
  const view = applicationView(
    row,
    {
      events: conclusion.timeline,
      decisions: [decision],
      servicing: { offers: conclusion.offer ? [offerView(conclusion.offer)] : [], contract: null },
      reviews: conclusion.review ? [reviewView(conclusion.review)] : [],
      loan: null,
      documents: [],
      decisionAudits: [
        { id: auditEventId, action: conclusion.audit.action, decisionId: decisionRow.id },
      ],
    },
    checks,
  );
  const enterprise =
    applicant.subject.kind === 'enterprise'
      ? { uscc: applicant.identifier, name: applicant.name }
      : undefined;
  return {
    ...view,
    applicant: applicantView(applicant.subject, enterprise),
    decisions: view.decisions.map((decision) => ({
      ...decision,
      score: asStored(conclusion.verdict.score),
    })),
    recordsUnderObjection: [...submitted.recordsUnderObjection],
  };
}

/** A value as a JSON column gives it back: without what JSON does not keep. */
const asStored = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Verifies again the applications that waited for a source and whose retry time has come,
 * each in its own transaction, with the data, score and rules of now: a decision, or
 * another wait while the source is still down. Returns how many were decided.
 */
export async function retryWaitingVerifications(ctx: AppContext): Promise<number> {
  const due = await ctx.db
    .selectFrom('loan_applications')
    .select('id')
    .where('status', '=', 'verifying')
    .where('retry_verification_at', '<=', ctx.now())
    .orderBy('retry_verification_at')
    .limit(1000)
    .execute();
  let decided = 0;
  for (const { id } of due) {
    decided += await ctx.db.transaction().execute(async (tx) => {
      const row = await tx
        .selectFrom('loan_applications')
        .selectAll()
        .where('id', '=', id)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      const now = ctx.now();
      if (row?.status !== 'verifying' || !row.retry_verification_at) return 0;
      if (row.retry_verification_at > now) return 0;
      const { product, rules } = await findProductWithRules(tx, row.product_id);
      const subject = { kind: row.applicant_kind, id: row.applicant_id };
      const identity = await applicantIdentity(ctx, tx, subject);
      if (!identity) throw new Error(`application ${id} lost its applicant`);
      const stated = openJson(ctx.crypto, row.stated, row.stated_encrypted, STATED) as {
        employerUscc: string | null;
        monthlyIncomeFen: string | null;
        city: string | null;
      };
      const verdict = await verifyAndDecide(ctx, tx, {
        id,
        applicant: { subject, ref: row.applicant_ref, ...identity },
        product,
        rules,
        input: {
          productId: row.product_id,
          amountFen: row.amount_fen,
          termMonths: row.term_months,
          repaymentMethod: row.repayment_method,
          statedEmployerUscc: stated.employerUscc ?? undefined,
          statedMonthlyIncomeFen:
            stated.monthlyIncomeFen === null ? undefined : BigInt(stated.monthlyIncomeFen),
          statedCity: stated.city ?? undefined,
        },
      });
      const conclusion = planConclusion(
        {
          id,
          status: 'verifying',
          termMonths: row.term_months,
          repaymentMethod: row.repayment_method,
          lenderOrganisationId: row.lender_organisation_id,
        },
        [{ event: 'retry_verification', actor: 'system' }],
        verdict,
        highestRate(product),
        now,
      );
      await storeConclusion(tx, { update: { id } }, conclusion, now);
      return verdict.decision.outcome === 'pending' ? 0 : 1;
    });
  }
  return decided;
}

/** The product's checks of an applicant, on the platform's current records. */
async function applicantChecks(
  ctx: AppContext,
  tx: Tx,
  applicant: Omit<Applicant, 'actor'>,
  product: ProductRow,
  input: Omit<NewApplication, 'productId' | 'amountFen' | 'termMonths' | 'repaymentMethod'>,
): Promise<CheckResult[]> {
  const today = chinaDate(ctx.now());
  const sources = await gatherCheckSources(
    ctx,
    tx,
    { kind: applicant.subject.kind, ref: applicant.ref, registered: true, name: applicant.name },
    input.statedEmployerUscc ?? null,
    today,
  );
  return runChecks(
    applicableChecks(product, applicant.subject.kind),
    {
      applicantKind: applicant.subject.kind,
      subjectId: applicant.identifier,
      name: applicant.name,
      ...(input.statedEmployerUscc ? { employerUscc: input.statedEmployerUscc } : {}),
      ...(input.statedMonthlyIncomeFen
        ? { statedMonthlyIncomeFen: input.statedMonthlyIncomeFen }
        : {}),
      ...(input.statedCity ? { cityRegionCode: input.statedCity } : {}),
      // 0 on a product whose checks count no months: any valid value reads the same.
      requiredContinuousMonths: Math.max(1, product.required_continuous_months),
    },
    sources,
    today,
  );
}

/**
 * Runs a product's checks for the signed-in borrower before applying, so problems can be
 * fixed first: nothing is stored but the audit entry; the borrower's own data needs no
 * consent.
 */
export async function precheck(
  ctx: AppContext,
  principal: Principal | null,
  input: Omit<NewApplication, 'amountFen' | 'termMonths' | 'repaymentMethod'>,
) {
  return ctx.db.transaction().execute(async (tx) => {
    const applicant = await applicantOf(ctx, tx, principal);
    const product = await findProduct(tx, input.productId);
    const checks = await applicantChecks(ctx, tx, applicant, product, input);
    const summary = summarise(checks);
    await recordAudit(tx, {
      actor: applicant.actor,
      action: 'loans.precheck',
      subject: { kind: applicant.subject.kind, id: applicant.subject.id },
      detail: { productId: product.id, outcome: summary.outcome },
    });
    return { outcome: summary.outcome, retryAfterSeconds: summary.retryAfterSeconds, checks };
  });
}

/** Runs the checks, reads the score and evaluates the rules: the decision, not yet stored. */
async function verifyAndDecide(
  ctx: AppContext,
  tx: Tx,
  application: {
    id: string;
    applicant: Omit<Applicant, 'actor'>;
    product: ProductRow;
    /** The state of the rule version the product names, read with the product. */
    rules: RuleVersionState | null;
    input: NewApplication;
  },
): Promise<Verdict> {
  const { applicant, product, input } = application;
  const results = await applicantChecks(ctx, tx, applicant, product, input);
  // The score and the profile's values (not the records behind them) in one read.
  const { score, features } = await scoreAndFeatureValues(
    ctx,
    tx,
    applicant.subject.kind,
    applicant.ref,
  );
  const checkOutcomes = Object.fromEntries(
    results.map((r) => [
      r.check,
      r.outcome === 'pass' ? 'passed' : r.outcome === 'fail' ? 'failed' : 'unavailable',
    ]),
  ) as Record<string, 'passed' | 'failed' | 'unavailable'>;
  const rules = await publishedRuleVersionOf(tx, application.rules, product.organisation_id);
  if (!rules) throw new Error(`product ${product.id} names rules that are not published`);
  const policyInput = score
    ? buildPolicyInput({
        applicantKind: applicant.subject.kind,
        productCode: product.code,
        score: score.score,
        grade: score.grade as Grade,
        probabilityOfDefault: score.probabilityOfDefault,
        requestedAmountFen: input.amountFen,
        termMonths: input.termMonths,
        checks: checkOutcomes,
        features,
      })
    : null;
  const evaluation = policyInput ? await evaluatePolicy(rules, policyInput) : null;
  // Without a score the rules are not run and a person decides; the reason
  // (SCORE_UNAVAILABLE) is the score's to give, once. (Decisions stored before named it
  // here too, and replay from their snapshots, twice, as they were.)
  const policy: PolicyOutcome = evaluation
    ? interpretPolicyOutput(evaluation.result)
    : { decision: 'review', reasons: [] };
  const decisionInput: DecisionInput = {
    requestedAmountFen: input.amountFen,
    termMonths: input.termMonths,
    terms: {
      minAmountFen: product.min_amount_fen,
      maxAmountFen: product.max_amount_fen,
      minTermMonths: product.min_term_months,
      maxTermMonths: product.max_term_months,
      rateBpByGrade: product.rate_bp_by_grade,
      approveFromScore: product.approve_from_score,
      declineBelowScore: product.decline_below_score,
    },
    score: score
      ? {
          score: score.score,
          grade: score.grade,
          probabilityOfDefault: score.probabilityOfDefault,
          modelId: score.modelId,
        }
      : null,
    checks: results.map((r) => ({
      check: r.check,
      outcome: r.outcome,
      problems: r.problems.map((p) => ({
        code: p.code,
        proofAccepted: p.fix.action === 'upload_proof',
      })),
    })),
    policy,
  };
  const decision = decide(decisionInput);
  const personal = applicant.subject.kind === 'person';
  return {
    decision,
    decisionRow: decisionRow(ctx, {
      applicationId: application.id,
      product,
      ruleVersionId: rules.id,
      modelId: score?.modelId ?? null,
      decision,
      firedRules: evaluation?.trace ?? [],
      snapshot: { decisionInput, policyInput, ruleHash: rules.hash },
      personal,
    }),
    checkRows: checkRows(ctx, application.id, personal, results),
    checks: results,
    score: decisionInput.score,
    failedChecks: results.filter((r) => r.outcome === 'fail').map((r) => r.check),
    retryAfterSeconds: decision.outcome === 'pending' ? summarise(results).retryAfterSeconds : null,
  };
}

/**
 * Evaluates the published rules. The document's hash is known from its row: when the engine
 * holds a decision compiled under that hash (content-addressed, so the same document) it is
 * evaluated by hash, without hashing the whole document again for every application.
 */
function evaluatePolicy(rules: { hash: string; document: JdmDocument }, input: PolicyInput) {
  const engine = rulesEngine();
  return engine.evaluate(engine.has(rules.hash) ? rules.hash : rules.document, input);
}

/** The rows of an application's check results, sealed. */
function checkRows(
  ctx: AppContext,
  id: string,
  personal: boolean,
  results: CheckResult[],
): Insertable<ApplicationChecksTable>[] {
  const checkedAt = ctx.now();
  return results.map((result) => {
    const sealed = sealJson(ctx.crypto, result, CHECK_RESULT, personal);
    return {
      application_id: id,
      check_name: result.check,
      outcome: result.outcome,
      result: sealed.clear,
      result_encrypted: sealed.sealed,
      checked_at: checkedAt,
    };
  });
}

/** The row of a machine decision, with its input snapshot (sealed for a person) and hash. */
function decisionRow(
  ctx: AppContext,
  record: {
    applicationId: string;
    product: ProductRow;
    ruleVersionId: string;
    modelId: string | null;
    decision: Decision;
    firedRules: unknown[];
    snapshot: unknown;
    personal: boolean;
  },
) {
  const json = snapshotJson(record.snapshot);
  const sealed = sealJsonText(ctx.crypto, json, SNAPSHOT, record.personal);
  return {
    id: randomUUID(),
    application_id: record.applicationId,
    outcome: record.decision.outcome,
    limit_fen: record.decision.limitFen,
    rate_bp: record.decision.rateBp,
    term_months: record.decision.termMonths,
    reasons: JSON.stringify(record.decision.reasons),
    fired_rules: JSON.stringify(record.firedRules),
    input_snapshot: sealed.clear,
    input_snapshot_encrypted: sealed.sealed,
    input_hash: createHash('sha256').update(json, 'utf8').digest('hex'),
    model_id: record.modelId,
    rule_version_id: record.ruleVersionId,
    product_id: record.product.id,
    automated: true,
    decided_by: 'system',
    decided_at: ctx.now(),
  };
}

/** An application with its timeline, checks and decisions: the borrower, the lender, the operator. */
export async function getApplication(ctx: AppContext, principal: Principal | null, id: string) {
  const actor = requireRole(principal, 'borrower', ...LENDER_ROLES, 'operator');
  const row = await ctx.db
    .selectFrom('loan_applications')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  const mine = actor.kind === 'user' && row?.borrower_user_id === actor.userId;
  const lender =
    LENDER_ROLES.includes(actor.role) && row?.lender_organisation_id === actor.organisationId;
  if (!row || !(mine || lender || actor.role === 'operator')) throw notFound('application');
  const personal = row.applicant_kind === 'person';
  // One pooled connection for the whole read: eight parallel reads on eight connections
  // starve the pool when many borrowers apply at once.
  const { parts, applicant, checks, disputed } = await ctx.db.connection().execute(async (db) => {
    const [parts, applicant] = await Promise.all([
      applicationParts(db, id),
      applicantOfApplication(db, row),
    ]);
    const checks = parts.checks.map(
      (c) => openJson(ctx.crypto, c.result, c.result_encrypted, CHECK_RESULT) as CheckResult,
    );
    // Records the checks read that are under an objection are shown as such.
    const disputed = await recordsUnderObjection(
      db,
      checks.flatMap((check) => check.evidence),
    );
    return { parts, applicant, checks, disputed };
  });
  if (personal && !mine) {
    await recordAudit(ctx.db, {
      actor,
      action: 'loans.application_read',
      subject: { kind: 'loan_application', id },
    });
  }
  const view = applicationView(row, parts, checks);
  const decisions = view.decisions.map((decision, index) => ({
    ...decision,
    score: scoreOfDecision(ctx, parts.decisions[index]),
  }));
  return { ...view, applicant, decisions, recordsUnderObjection: [...disputed] };
}

/**
 * Who applied: an enterprise is public (USCC and registered name); a person is named by id
 * only, since the page is read by lenders whose view of a person's identity goes through
 * the registry's consented, masked and audited read.
 */
async function applicantOfApplication(
  db: Db,
  row: { applicant_kind: 'enterprise' | 'person'; applicant_id: string },
) {
  const enterprise =
    row.applicant_kind === 'enterprise'
      ? (await enterpriseNamesById(db, [row.applicant_id])).get(row.applicant_id)
      : undefined;
  return applicantView({ kind: row.applicant_kind, id: row.applicant_id }, enterprise);
}

/** The applicant on an application's page: an enterprise by USCC and name, a person by id. */
function applicantView(
  subject: { kind: 'enterprise' | 'person'; id: string },
  enterprise: { uscc: string; name: string } | undefined,
) {
  return {
    kind: subject.kind,
    id: subject.id,
    uscc: enterprise?.uscc ?? null,
    name: enterprise?.name ?? null,
  };
}

/**
 * The score a decision was taken on, from its stored snapshot, so a lender sees what the
 * machine saw; null when there was no score or a person decided.
 */
function scoreOfDecision(
  ctx: AppContext,
  row: { input_snapshot: unknown; input_snapshot_encrypted: string | null } | undefined,
): ScoreSnapshot | null {
  if (!row) return null;
  const snapshot = openJson(
    ctx.crypto,
    row.input_snapshot,
    row.input_snapshot_encrypted,
    SNAPSHOT,
  ) as {
    decisionInput?: { score?: ScoreSnapshot | null };
  } | null;
  return snapshot?.decisionInput?.score ?? null;
}

type ApplicationParts = Awaited<ReturnType<typeof applicationParts>>;

/**
 * The audit events that record a decision, one per stored decision and written in its
 * transaction. Decisions of one application are made one at a time (its row is locked), so
 * the n-th of these events belongs to the n-th decision: its receipt is the decision's.
 */
const DECISION_AUDIT_ACTIONS = [
  'loans.decided',
  'loans.verification_waiting',
  'loans.review_decided',
] as const;

/** Everything on an application's page besides its row. */
async function applicationParts(db: Db, id: string) {
  const [events, checks, decisions, servicing, reviews, loan, documents, decisionAudits] =
    await Promise.all([
      db
        .selectFrom('application_events')
        .selectAll()
        .where('application_id', '=', id)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('application_checks')
        .selectAll()
        .where('application_id', '=', id)
        .orderBy('id')
        .execute(),
      db
        .selectFrom('loan_decisions')
        .selectAll()
        .where('application_id', '=', id)
        .orderBy('decided_at')
        .execute(),
      offersAndContract(db, id),
      reviewsOfApplication(db, id),
      loanOfApplication(db, id),
      documentsOfApplication(db, id),
      auditEventIdsOf(db, { kind: 'loan_application', id }, DECISION_AUDIT_ACTIONS),
    ]);
  return { events, checks, decisions, servicing, reviews, loan, documents, decisionAudits };
}

/**
 * The audit event that recorded a decision: the one naming its id. Events recorded before
 * they named their decision are paired by order (then one event per decision, oldest first).
 */
function auditEventOf(
  decisionId: string,
  index: number,
  audits: readonly { id: string; decisionId: string | null }[],
): string | null {
  const named = audits.find((audit) => audit.decisionId === decisionId);
  if (named) return named.id;
  if (audits.some((audit) => audit.decisionId !== null)) return null;
  return audits[index]?.id ?? null;
}

/** What an application's page shows besides its row and checks: as read, or as written. */
interface PageParts {
  readonly events: readonly Pick<
    Selectable<ApplicationEventsTable>,
    'event' | 'from_status' | 'to_status' | 'at' | 'actor'
  >[];
  readonly decisions: readonly Omit<
    Selectable<LoanDecisionsTable>,
    'input_snapshot' | 'input_snapshot_encrypted'
  >[];
  readonly servicing: ApplicationParts['servicing'];
  readonly reviews: ApplicationParts['reviews'];
  readonly loan: string | null;
  readonly documents: ApplicationParts['documents'];
  readonly decisionAudits: ApplicationParts['decisionAudits'];
}

function applicationView(
  row: Selectable<LoanApplicationsTable>,
  { events, decisions, servicing, reviews, loan, documents, decisionAudits }: PageParts,
  checks: readonly CheckResult[],
) {
  return {
    id: row.id,
    productId: row.product_id,
    applicantKind: row.applicant_kind,
    amountFen: row.amount_fen.toString(),
    termMonths: row.term_months,
    repaymentMethod: row.repayment_method,
    status: row.status,
    createdAt: row.created_at,
    retryVerificationAt: row.retry_verification_at,
    timeline: events.map((e) => ({
      event: e.event,
      from: e.from_status,
      to: e.to_status,
      at: e.at,
      actor: e.actor,
    })),
    checks: [...checks],
    decisions: decisions.map((d, index) => ({
      id: d.id,
      auditEventId: auditEventOf(d.id, index, decisionAudits),
      outcome: d.outcome,
      limitFen: d.limit_fen?.toString() ?? null,
      rateBp: d.rate_bp,
      termMonths: d.term_months,
      reasons: d.reasons,
      firedRules: d.fired_rules,
      inputHash: d.input_hash,
      modelId: d.model_id,
      ruleVersionId: d.rule_version_id,
      productId: d.product_id,
      automated: d.automated,
      decidedAt: d.decided_at,
    })),
    ...servicing,
    loanId: loan,
    reviews,
    // Alternative proof the borrower uploaded, and the contract: metadata only.
    documents: documents.map((d) => ({
      id: d.id,
      kind: d.kind,
      fileName: d.fileName,
      sha256: d.sha256,
      sizeBytes: d.sizeBytes,
      createdAt: d.createdAt,
    })),
  };
}
