/**
 * Running a product's checks over one application (or a borrower's pre-check), and the overall
 * verdict. A source that is down leaves the application pending, never declined.
 */
import { isDate } from '../profile/calendar.js';
import { checkBusinessStatus } from './business-status.js';
import type {
  ApplicantKind,
  Check,
  CheckInput,
  CheckName,
  CheckProblem,
  CheckResult,
  CheckSources,
  SourceName,
} from './checks.js';
import { checkCourtEnforcement } from './court-enforcement.js';
import { checkHousingFund } from './housing-fund.js';
import { checkIdentity } from './identity.js';
import { checkSocialSecurity } from './social-security.js';
import { resolveThresholds } from './thresholds.js';

export interface CheckDefinition {
  readonly run: Check;
  readonly source: SourceName;
  /** Social security and housing fund are a person's own; an enterprise has neither. */
  readonly applicants: readonly ApplicantKind[];
}

export const CHECKS: Readonly<Record<CheckName, CheckDefinition>> = {
  identity: { run: checkIdentity, source: 'registry', applicants: ['person', 'enterprise'] },
  social_security: {
    run: checkSocialSecurity,
    source: 'social_security',
    applicants: ['person'],
  },
  business_status: {
    run: checkBusinessStatus,
    source: 'business_registration',
    applicants: ['person', 'enterprise'],
  },
  court_enforcement: {
    run: checkCourtEnforcement,
    source: 'judicial',
    applicants: ['person', 'enterprise'],
  },
  housing_fund: { run: checkHousingFund, source: 'housing_fund', applicants: ['person'] },
};

/**
 * The results of `names`, in that order (a repeated name runs once). `today` is the application
 * date `YYYY-MM-DD`. A check that cannot apply to the applicant, or a product parameter out of
 * range, is a misconfigured product and throws a RangeError instead of failing the borrower.
 */
export function runChecks(
  names: readonly CheckName[],
  input: CheckInput,
  sources: CheckSources,
  today: string,
): CheckResult[] {
  if (!isDate(today)) throw new RangeError(`today "${today}" is not YYYY-MM-DD`);
  resolveThresholds(input);
  const unique = [...new Set(names)];
  for (const name of unique) {
    if (!CHECKS[name].applicants.includes(input.applicantKind)) {
      throw new RangeError(`check ${name} does not apply to ${input.applicantKind} applicants`);
    }
  }
  return unique.map((name) => CHECKS[name].run(input, sources, today));
}

export type OverallOutcome = 'pass' | 'fail' | 'pending';

export interface SummaryProblem extends CheckProblem {
  readonly check: CheckName;
}

export interface Summary {
  readonly outcome: OverallOutcome;
  /** Every problem of every check, in check order, each with its fix. */
  readonly problems: readonly SummaryProblem[];
  /** The soonest retry of an unavailable source; null when no source is awaited. */
  readonly retryAfterSeconds: number | null;
}

export function summarise(results: readonly CheckResult[]): Summary {
  const outcome: OverallOutcome = results.some((result) => result.outcome === 'fail')
    ? 'fail'
    : results.some((result) => result.outcome === 'unavailable')
      ? 'pending'
      : 'pass';
  const problems = results.flatMap((result) =>
    result.problems.map((problem) => ({ ...problem, check: result.check })),
  );
  const retries = problems.flatMap((problem) => problem.fix.retryAfterSeconds ?? []);
  return {
    outcome,
    problems,
    retryAfterSeconds: retries.length === 0 ? null : Math.min(...retries),
  };
}
