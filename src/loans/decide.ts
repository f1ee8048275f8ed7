/**
 * The credit decision of an application from everything the machine saw: the product's
 * terms and score cut-offs, the applicant's score, the verification checks and the policy
 * rules' output. The strictest word wins (decline > review > approve); every reason is kept.
 * Pure: the same snapshot always gives the same decision, which is what replay relies on.
 */
export type DecisionOutcome = 'approve' | 'review' | 'decline';

export interface ProductTerms {
  readonly minAmountFen: bigint;
  readonly maxAmountFen: bigint;
  readonly minTermMonths: number;
  readonly maxTermMonths: number;
  /** Annual rate in basis points by grade; a grade without a rate is not lent to. */
  readonly rateBpByGrade: Readonly<Record<string, number>>;
  /** Score at or above which the machine may approve alone. */
  readonly approveFromScore: number;
  /** Score below which the machine declines. Between the two: manual review. */
  readonly declineBelowScore: number;
}

export interface ScoreSnapshot {
  readonly score: number;
  readonly grade: string;
  readonly probabilityOfDefault: number;
  readonly modelId: string;
}

export interface CheckSnapshot {
  readonly check: string;
  readonly outcome: 'pass' | 'fail' | 'unavailable';
  /** Problem codes, and whether alternative proof can settle them (then: review). */
  readonly problems: readonly { readonly code: string; readonly proofAccepted: boolean }[];
}

export interface PolicySnapshot {
  readonly decision: DecisionOutcome;
  readonly reasons: readonly string[];
  readonly maxLimitFen?: number | undefined;
  readonly rateBp?: number | undefined;
  readonly maxTermMonths?: number | undefined;
}

export interface DecisionInput {
  readonly requestedAmountFen: bigint;
  readonly termMonths: number;
  readonly terms: ProductTerms;
  readonly score: ScoreSnapshot | null;
  readonly checks: readonly CheckSnapshot[];
  readonly policy: PolicySnapshot;
}

export interface Decision {
  /** `pending`: a data source is down; the checks are retried, nothing is refused. */
  readonly outcome: DecisionOutcome | 'pending';
  readonly limitFen: bigint | null;
  readonly rateBp: number | null;
  readonly termMonths: number | null;
  /** Reason codes, in the order they were found. */
  readonly reasons: readonly string[];
}

const SEVERITY: Readonly<Record<DecisionOutcome, number>> = { approve: 0, review: 1, decline: 2 };
const stricter = (a: DecisionOutcome, b: DecisionOutcome) => (SEVERITY[b] > SEVERITY[a] ? b : a);

function checkVerdict(checks: readonly CheckSnapshot[]) {
  const reasons: string[] = [];
  let outcome: DecisionOutcome = 'approve';
  let pending = false;
  for (const check of checks) {
    if (check.outcome === 'unavailable') pending = true;
    if (check.outcome !== 'fail') continue;
    for (const problem of check.problems) {
      reasons.push(problem.code);
      // A failure the borrower can answer with other proof goes to a person, not to "no".
      outcome = stricter(outcome, problem.proofAccepted ? 'review' : 'decline');
    }
  }
  return { outcome, pending, reasons };
}

function scoreVerdict(score: ScoreSnapshot | null, terms: ProductTerms) {
  if (!score) return { outcome: 'review' as const, reasons: ['SCORE_UNAVAILABLE'] };
  if (score.score < terms.declineBelowScore) {
    return { outcome: 'decline' as const, reasons: ['SCORE_BELOW_CUT_OFF'] };
  }
  if (score.score < terms.approveFromScore) {
    return { outcome: 'review' as const, reasons: ['SCORE_IN_REVIEW_BAND'] };
  }
  if (terms.rateBpByGrade[score.grade] === undefined) {
    return { outcome: 'decline' as const, reasons: ['GRADE_NOT_LENT_TO'] };
  }
  return { outcome: 'approve' as const, reasons: [] };
}

function termsVerdict(input: DecisionInput) {
  const { terms } = input;
  const reasons: string[] = [];
  if (input.requestedAmountFen < terms.minAmountFen) reasons.push('AMOUNT_BELOW_PRODUCT_MINIMUM');
  if (input.requestedAmountFen > terms.maxAmountFen) reasons.push('AMOUNT_ABOVE_PRODUCT_MAXIMUM');
  if (input.termMonths < terms.minTermMonths || input.termMonths > terms.maxTermMonths) {
    reasons.push('TERM_OUTSIDE_PRODUCT');
  }
  return { outcome: reasons.length > 0 ? ('decline' as const) : ('approve' as const), reasons };
}

const minBig = (...values: bigint[]) => values.reduce((a, b) => (b < a ? b : a));

export function decide(input: DecisionInput): Decision {
  const checks = checkVerdict(input.checks);
  const score = scoreVerdict(input.score, input.terms);
  const terms = termsVerdict(input);
  const policy = { outcome: input.policy.decision, reasons: input.policy.reasons };
  const verdicts = [terms, checks, score, policy];
  const reasons = verdicts.flatMap((v) => v.reasons);
  const outcome = verdicts.reduce<DecisionOutcome>((o, v) => stricter(o, v.outcome), 'approve');
  if (checks.pending && outcome !== 'decline') {
    return { outcome: 'pending', limitFen: null, rateBp: null, termMonths: null, reasons };
  }
  if (outcome === 'decline') {
    return { outcome, limitFen: null, rateBp: null, termMonths: null, reasons };
  }
  const policyLimit =
    input.policy.maxLimitFen === undefined
      ? input.terms.maxAmountFen
      : BigInt(input.policy.maxLimitFen);
  const limitFen = minBig(input.requestedAmountFen, input.terms.maxAmountFen, policyLimit);
  const gradeRate = input.score ? input.terms.rateBpByGrade[input.score.grade] : undefined;
  const rateBp = input.policy.rateBp ?? gradeRate ?? null;
  const termMonths = Math.min(input.termMonths, input.policy.maxTermMonths ?? input.termMonths);
  return { outcome, limitFen, rateBp, termMonths, reasons };
}
