/**
 * The loan policy contract: what a policy decision receives and what it must give back.
 * A lender's JDM graph is free in its shape; these two objects are the agreement between
 * it and the loans domain.
 *
 * Money in the rules is integer fen as a plain JSON number, not a string or a bigint. The
 * engine reads JSON numbers into decimals, and the data crosses the native boundary as a
 * double: every integer up to 2^53 ≈ 9 × 10^15 fen (90 trillion yuan) is exact, far above
 * any loan or any subject's sums, and numbers keep rule cells readable (`> 500000000`)
 * where strings would compare as text. The bigint amounts of the rest of the platform are
 * converted at this edge, with a range check, and limits come back as checked integers.
 */
import type { SubjectKind } from '../profile/features.js';
import type { Grade } from '../scoring/grades.js';

export type CheckOutcome = 'passed' | 'failed' | 'pending' | 'unavailable';
export type FeatureScalar = number | string | null;

/** The decision's input object, as a rule cell sees it (`grade`, `features.listed_dishonest`). */
export interface PolicyInput {
  readonly applicantKind: SubjectKind;
  readonly productCode: string | null;
  readonly score: number;
  readonly grade: Grade;
  readonly probabilityOfDefault: number;
  /** Integer fen. */
  readonly requestedAmountFen: number;
  readonly termMonths: number;
  /** Verification checks by name (`identity`, `social_security`, `business_status` …). */
  readonly checks: Readonly<Record<string, CheckOutcome>>;
  /** Names of the failed checks, sorted: rules test `len(checksFailed) > 0` instead of walking a map. */
  readonly checksFailed: readonly string[];
  readonly checksPending: readonly string[];
  /**
   * The profile features the policy may read, by catalogue name (`ss_continuous_months`,
   * `years_since_registration`, `listed_dishonest` as 0 / 1, `tax_arrears_months_12m`,
   * `tax_paid_12m` in fen …). Null: missing, no data of that kind.
   */
  readonly features: Readonly<Record<string, FeatureScalar>>;
}

export interface PolicyInputSource {
  readonly applicantKind: SubjectKind;
  readonly productCode?: string | null;
  readonly score: number;
  readonly grade: Grade;
  readonly probabilityOfDefault: number;
  readonly requestedAmountFen: bigint;
  readonly termMonths: number;
  readonly checks: Readonly<Record<string, CheckOutcome>>;
  readonly features: Readonly<Record<string, FeatureScalar>>;
}

const MAX_SAFE_FEN = BigInt(Number.MAX_SAFE_INTEGER);

/** Builds the input snapshot the engine evaluates (and the decision record stores). */
export function buildPolicyInput(source: PolicyInputSource): PolicyInput {
  if (source.requestedAmountFen < 0n || source.requestedAmountFen > MAX_SAFE_FEN) {
    throw new RangeError(`requestedAmountFen ${source.requestedAmountFen} is out of range`);
  }
  const named = (outcome: CheckOutcome) =>
    Object.keys(source.checks)
      .filter((name) => source.checks[name] === outcome)
      .sort();
  return {
    applicantKind: source.applicantKind,
    productCode: source.productCode ?? null,
    score: source.score,
    grade: source.grade,
    probabilityOfDefault: source.probabilityOfDefault,
    requestedAmountFen: Number(source.requestedAmountFen),
    termMonths: source.termMonths,
    checks: { ...source.checks },
    checksFailed: named('failed'),
    checksPending: named('pending'),
    features: { ...source.features },
  };
}

export const POLICY_DECISIONS = ['approve', 'review', 'decline'] as const;
export type PolicyDecision = (typeof POLICY_DECISIONS)[number];

/** The merged outcome. Terms are absent on a decline: nothing is offered. */
export interface PolicyOutcome {
  readonly decision: PolicyDecision;
  /** Reason codes in rule order, each once. */
  readonly reasons: readonly string[];
  readonly maxLimitFen?: number;
  readonly rateBp?: number;
  readonly maxTermMonths?: number;
}

/** Reason codes the merge itself adds, so a lender sees why a policy gave no clear answer. */
export const NO_DECISION_REASON = 'POLICY_NO_DECISION';
export const NO_LIMIT_REASON = 'POLICY_NO_LIMIT';

export class PolicyOutputError extends Error {
  /** Where in the engine's result, e.g. `[2].maxLimitFen`; `` for the whole result. */
  readonly path: string;

  constructor(path: string, message: string) {
    super(path === '' ? message : `${path}: ${message}`);
    this.name = 'PolicyOutputError';
    this.path = path;
  }
}

const SEVERITY: Readonly<Record<PolicyDecision, number>> = { approve: 0, review: 1, decline: 2 };
const REASON_CODE = /^[A-Z][A-Z0-9_]{0,63}$/;
const ROW_KEYS = ['decision', 'reason', 'reasons', 'maxLimitFen', 'rateBp', 'maxTermMonths'];

interface Row {
  decision?: PolicyDecision;
  reasons: string[];
  maxLimitFen?: number;
  rateBp?: number;
  maxTermMonths?: number;
}

/**
 * Validates and merges the engine's result: a single outcome object (a `first` table) or
 * a list of them (a `collect` table, one per fired rule). Each may carry `decision`,
 * `reason` (one code) or `reasons` (a list), `maxLimitFen`, `rateBp`, `maxTermMonths`;
 * null stands for a blank cell. Merging is conservative: the strictest decision wins
 * (decline > review > approve), limit and term take the minimum, the rate the maximum
 * (the riskiest matching row prices the loan), reasons concatenate.
 *
 * A policy that decides nothing, or approves without a limit, routes to manual review
 * with a reason code instead of failing the application: a gap in the rules is not the
 * borrower's fault, and approving without a ceiling is never safe.
 */
export function interpretPolicyOutput(result: unknown): PolicyOutcome {
  const rows = Array.isArray(result)
    ? result.map((row, i) => readRow(row, `[${i}]`))
    : [readRow(result, '')];
  let decision: PolicyDecision | undefined;
  const reasons: string[] = [];
  let maxLimitFen: number | undefined;
  let rateBp: number | undefined;
  let maxTermMonths: number | undefined;
  const lowest = (a: number | undefined, b: number | undefined) =>
    a === undefined ? b : b === undefined ? a : Math.min(a, b);
  for (const row of rows) {
    if (row.decision && (decision === undefined || SEVERITY[row.decision] > SEVERITY[decision])) {
      decision = row.decision;
    }
    for (const reason of row.reasons) if (!reasons.includes(reason)) reasons.push(reason);
    maxLimitFen = lowest(maxLimitFen, row.maxLimitFen);
    maxTermMonths = lowest(maxTermMonths, row.maxTermMonths);
    if (row.rateBp !== undefined) rateBp = Math.max(rateBp ?? row.rateBp, row.rateBp);
  }
  if (decision === undefined) {
    decision = 'review';
    reasons.push(NO_DECISION_REASON);
  } else if (decision === 'approve' && maxLimitFen === undefined) {
    decision = 'review';
    reasons.push(NO_LIMIT_REASON);
  }
  if (decision === 'decline') return { decision, reasons };
  return {
    decision,
    reasons,
    ...(maxLimitFen === undefined ? {} : { maxLimitFen }),
    ...(rateBp === undefined ? {} : { rateBp }),
    ...(maxTermMonths === undefined ? {} : { maxTermMonths }),
  };
}

function readRow(value: unknown, at: string): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new PolicyOutputError(at, 'a policy outcome should be an object');
  }
  const row = value as Record<string, unknown>;
  const where = (key: string) => (at === '' ? key : `${at}.${key}`);
  for (const key of Object.keys(row)) {
    if (!ROW_KEYS.includes(key)) {
      throw new PolicyOutputError(
        where(key),
        `unknown output field; a policy outputs only ${ROW_KEYS.join(', ')}`,
      );
    }
  }
  const out: Row = { reasons: [] };
  const decision = row.decision;
  if (decision !== undefined && decision !== null) {
    if (!(POLICY_DECISIONS as readonly unknown[]).includes(decision)) {
      throw new PolicyOutputError(
        where('decision'),
        `should be one of ${POLICY_DECISIONS.join(', ')}, not ${JSON.stringify(decision)}`,
      );
    }
    out.decision = decision as PolicyDecision;
  }
  const reasonCode = (code: unknown, path: string) => {
    if (typeof code !== 'string' || !REASON_CODE.test(code)) {
      throw new PolicyOutputError(
        path,
        `a reason code should be upper-case letters, digits and _, not ${JSON.stringify(code)}`,
      );
    }
    out.reasons.push(code);
  };
  if (row.reason !== undefined && row.reason !== null) reasonCode(row.reason, where('reason'));
  if (row.reasons !== undefined && row.reasons !== null) {
    if (!Array.isArray(row.reasons)) {
      throw new PolicyOutputError(where('reasons'), 'should be a list of reason codes');
    }
    row.reasons.forEach((code, i) => reasonCode(code, `${where('reasons')}[${i}]`));
  }
  const integer = (key: 'maxLimitFen' | 'rateBp' | 'maxTermMonths', min: number, max: number) => {
    const number = row[key];
    if (number === undefined || number === null) return;
    if (
      typeof number !== 'number' ||
      !Number.isSafeInteger(number) ||
      number < min ||
      number > max
    ) {
      throw new PolicyOutputError(
        where(key),
        `should be an integer from ${min} to ${max}, not ${JSON.stringify(number)}`,
      );
    }
    out[key] = number;
  };
  integer('maxLimitFen', 0, Number.MAX_SAFE_INTEGER);
  // Up to 100 % a year: a cap on typing errors (a rate in per cent or per mille), not a legal limit.
  integer('rateBp', 0, 10_000);
  integer('maxTermMonths', 1, 600);
  return out;
}
