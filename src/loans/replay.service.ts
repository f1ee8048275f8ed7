import { createHash } from 'node:crypto';
import { requireRole } from '../platform/auth/guards.js';
import { LENDER_ROLES, type Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { openJson } from '../platform/crypto.js';
import { notFound } from '../platform/errors.js';
import { canonicalJson } from '../rules/jdm.js';
import { interpretPolicyOutput, type PolicyInput } from '../rules/policy.js';
import { ruleVersionDocument, rulesEngine } from '../rules/rules.service.js';
import { scoreWithModel } from '../scoring/models.service.js';
import { decide, type DecisionInput } from './decide.js';

const SNAPSHOT = 'loan_decisions.input_snapshot';

export interface StoredSnapshot {
  readonly decisionInput: DecisionInput & {
    requestedAmountFen: string;
    terms: DecisionInput['terms'] & { minAmountFen: string; maxAmountFen: string };
  };
  readonly policyInput: PolicyInput | null;
  readonly ruleHash: string;
}

export interface ReplayReport {
  readonly decisionId: string;
  readonly identical: boolean;
  /** Each part recomputed from the stored snapshot, and whether it matches what was stored. */
  readonly parts: {
    readonly snapshotHash: boolean;
    readonly score: boolean | null;
    readonly policy: boolean;
    readonly decision: boolean;
  };
  readonly original: {
    outcome: string;
    limitFen: string | null;
    rateBp: number | null;
    reasons: string[];
  };
  readonly replayed: {
    outcome: string;
    limitFen: string | null;
    rateBp: number | null;
    reasons: string[];
  };
}

const sameJson = (a: unknown, b: unknown) => canonicalJson(a) === canonicalJson(b);

/** The decision input of a stored snapshot, amounts back to bigint fen. */
export function restoredDecisionInput(snapshot: StoredSnapshot): DecisionInput {
  const stored = snapshot.decisionInput;
  return {
    ...stored,
    requestedAmountFen: BigInt(stored.requestedAmountFen),
    terms: {
      ...stored.terms,
      minAmountFen: BigInt(stored.terms.minAmountFen),
      maxAmountFen: BigInt(stored.terms.maxAmountFen),
    },
  };
}

/** A decision's stored snapshot, opened. */
export function openSnapshot(
  ctx: AppContext,
  row: { input_snapshot: unknown; input_snapshot_encrypted: string | null },
): StoredSnapshot {
  return openJson(
    ctx.crypto,
    row.input_snapshot,
    row.input_snapshot_encrypted,
    SNAPSHOT,
  ) as StoredSnapshot;
}

/**
 * Re-runs a stored decision from its snapshot with the versions it names, whatever is active
 * now: the snapshot's hash, the score by the stored model version from the snapshot's
 * feature values, the policy by the stored rule version, and the decision itself.
 */
export async function replayDecision(ctx: AppContext, id: string): Promise<ReplayReport> {
  const row = await ctx.db
    .selectFrom('loan_decisions')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('decision');
  const snapshot = openSnapshot(ctx, row);
  const snapshotHash =
    createHash('sha256').update(canonicalJson(snapshot), 'utf8').digest('hex') === row.input_hash;
  const stored = snapshot.decisionInput;
  const input = restoredDecisionInput(snapshot);
  const score =
    row.model_id && snapshot.policyInput && stored.score
      ? (await scoreWithModel(ctx, row.model_id, snapshot.policyInput.features)) ===
        stored.score.score
      : null;
  let policy = true;
  if (snapshot.policyInput) {
    const document = await ruleVersionDocument(ctx.db, row.rule_version_id);
    const evaluation = await rulesEngine().evaluate(document, snapshot.policyInput);
    policy =
      evaluation.hash === snapshot.ruleHash &&
      sameJson(interpretPolicyOutput(evaluation.result), stored.policy);
  }
  const decision = decide(input);
  const original = {
    outcome: row.outcome,
    limitFen: row.limit_fen?.toString() ?? null,
    rateBp: row.rate_bp,
    reasons: row.reasons,
  };
  const replayed = {
    outcome: decision.outcome,
    limitFen: decision.limitFen?.toString() ?? null,
    rateBp: decision.rateBp,
    reasons: [...decision.reasons],
  };
  const same = sameJson(original, replayed);
  return {
    decisionId: id,
    identical: snapshotHash && score !== false && policy && same,
    parts: { snapshotHash, score, policy, decision: same },
    original,
    replayed,
  };
}

/** Replay for a reader: the operator, or the lender whose application it decided. */
export async function replayDecisionAs(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
): Promise<ReplayReport> {
  const actor = requireRole(principal, 'operator', ...LENDER_ROLES);
  const row = await ctx.db
    .selectFrom('loan_decisions')
    .innerJoin('loan_applications', 'loan_applications.id', 'loan_decisions.application_id')
    .select('loan_applications.lender_organisation_id')
    .where('loan_decisions.id', '=', id)
    .executeTakeFirst();
  if (!row || (actor.role !== 'operator' && actor.organisationId !== row.lender_organisation_id)) {
    throw notFound('decision');
  }
  return replayDecision(ctx, id);
}
