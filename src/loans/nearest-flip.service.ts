import { requireRole } from '../platform/auth/guards.js';
import { LENDER_ROLES, type Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Locale } from '../platform/locale.js';
import { notFound } from '../platform/errors.js';
import { featureByName } from '../profile/features.js';
import { formatValue } from '../profile/format.js';
import type { JdmDocument } from '../rules/jdm.js';
import { interpretPolicyOutput, type PolicyInput } from '../rules/policy.js';
import { ruleVersionDocument, rulesEngine } from '../rules/rules.service.js';
import { gradeOf } from '../scoring/grades.js';
import { modelScorecard } from '../scoring/models.service.js';
import { scoreRow, type Scorecard } from '../scoring/scorecard.js';
import { decide, type DecisionInput } from './decide.js';
import { flipCandidates, type FlipCandidate } from './flip-candidates.js';
import { openSnapshot, restoredDecisionInput } from './replay.service.js';

/** Enough to find a near flip; more would only find far-fetched ones, slowly. */
const MAX_TRIES = 40;

export interface NearestFlip {
  readonly feature: string;
  readonly label: Readonly<Record<Locale, string>>;
  readonly from: number | string | null;
  readonly direction: 'at_least' | 'below';
  readonly threshold: number;
  /** What the same application would get with that one change. */
  readonly outcome: 'approve' | 'review';
  readonly score: number;
  readonly message: Readonly<Record<Locale, string>>;
}

function wording(candidate: FlipCandidate, outcome: 'approve' | 'review'): NearestFlip {
  const definition = featureByName(candidate.feature);
  const label = definition?.label ?? { 'zh-CN': candidate.feature, en: candidate.feature };
  const value = (locale: Locale) =>
    definition ? formatValue(definition, candidate.threshold, locale) : String(candidate.threshold);
  const now = (locale: Locale) =>
    definition ? formatValue(definition, candidate.from, locale) : String(candidate.from);
  const result = {
    'zh-CN': outcome === 'approve' ? '本申请即可获批' : '本申请可转人工审核',
    en:
      outcome === 'approve'
        ? 'this application would be approved'
        : 'it would go to a loan officer',
  };
  const zhMove =
    candidate.direction === 'at_least' ? `达到 ${value('zh-CN')}` : `低于 ${value('zh-CN')}`;
  const enMove =
    candidate.direction === 'at_least' ? `at least ${value('en')}` : `below ${value('en')}`;
  return {
    feature: candidate.feature,
    label,
    from: candidate.from,
    direction: candidate.direction,
    threshold: candidate.threshold,
    outcome,
    score: 0,
    message: {
      'zh-CN': `若「${label['zh-CN']}」${zhMove}（目前为 ${now('zh-CN')}），其他条件不变，${result['zh-CN']}。`,
      en: `With "${label.en}" ${enMove} (now ${now('en')}) and everything else the same, ${result.en}.`,
    },
  };
}

/** The decision of the same input with one feature changed. */
async function decideWith(
  scorecard: Scorecard,
  document: JdmDocument,
  policyInput: PolicyInput,
  decisionInput: DecisionInput,
  candidate: FlipCandidate,
) {
  const features = { ...policyInput.features, [candidate.feature]: candidate.to };
  const scored = scoreRow(scorecard, (name) => features[name] ?? null);
  const grade = gradeOf(scored.probabilityOfDefault);
  const evaluation = await rulesEngine().evaluate(document, {
    ...policyInput,
    features,
    score: scored.score,
    grade,
    probabilityOfDefault: scored.probabilityOfDefault,
  });
  const decision = decide({
    ...decisionInput,
    score: decisionInput.score && {
      ...decisionInput.score,
      score: scored.score,
      grade,
      probabilityOfDefault: scored.probabilityOfDefault,
    },
    policy: interpretPolicyOutput(evaluation.result),
  });
  return { outcome: decision.outcome, score: scored.score };
}

/**
 * For a declined application: the nearest single change of the borrower's data that would
 * have given another answer ("with 12 months of contributions this would be approved"),
 * tried on the decision's own snapshot, model and rules. Null when the decline does not
 * hang on the score's data (a failed check says what to do itself) or nothing near flips it.
 */
export async function nearestFlip(
  ctx: AppContext,
  principal: Principal | null,
  applicationId: string,
): Promise<{ applicationId: string; flip: NearestFlip | null }> {
  const actor = requireRole(principal, 'borrower', ...LENDER_ROLES, 'operator');
  const application = await ctx.db
    .selectFrom('loan_applications')
    .select(['borrower_user_id', 'lender_organisation_id'])
    .where('id', '=', applicationId)
    .executeTakeFirst();
  const mine = actor.kind === 'user' && application?.borrower_user_id === actor.userId;
  const lender =
    LENDER_ROLES.includes(actor.role) &&
    application?.lender_organisation_id === actor.organisationId;
  if (!application || !(mine || lender || actor.role === 'operator')) {
    throw notFound('application');
  }
  const row = await ctx.db
    .selectFrom('loan_decisions')
    .selectAll()
    .where('application_id', '=', applicationId)
    .where('automated', '=', true)
    .orderBy('decided_at', 'desc')
    .executeTakeFirst();
  if (row?.outcome !== 'decline' || !row.model_id) return { applicationId, flip: null };
  const snapshot = openSnapshot(ctx, row);
  if (!snapshot.policyInput) return { applicationId, flip: null };
  const [scorecard, document] = await Promise.all([
    modelScorecard(ctx, row.model_id),
    ruleVersionDocument(ctx.db, row.rule_version_id),
  ]);
  const decisionInput = restoredDecisionInput(snapshot);
  const candidates = flipCandidates(scorecard, snapshot.policyInput.features).slice(0, MAX_TRIES);
  for (const candidate of candidates) {
    const result = await decideWith(
      scorecard,
      document,
      snapshot.policyInput,
      decisionInput,
      candidate,
    );
    if (result.outcome === 'approve' || result.outcome === 'review') {
      return {
        applicationId,
        flip: { ...wording(candidate, result.outcome), score: result.score },
      };
    }
  }
  return { applicationId, flip: null };
}
