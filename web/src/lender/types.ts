/** The shapes of the API answers the lender portal reads (see the routes under src/loans, src/rules, src/monitor). */

import type { LocalText, Outcome, ReviewReason, ReviewStatus } from '../api/loans';

// The server's own lists, from its pure modules, so a status or a check added there shows here.
export { APPLICATION_STATUSES } from '../../../src/loans/application-state.js';
export { REPAYMENT_METHODS } from '../../../src/loans/schedule.js';
export { RECORD_CATEGORY_CODES as RECORD_CATEGORIES } from '../../../src/ingest/categories.js';
export { CHECK_NAMES } from '../../../src/verify/checks.js';

export const GRADES = ['A', 'B', 'C', 'D', 'E'] as const;
export type Grade = (typeof GRADES)[number];

export const LOAN_TYPES = [
  'working_capital',
  'invoice',
  'tax_based',
  'housing_fund',
  'housing_fund_combined',
  'personal_consumer',
] as const;

export interface Product {
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
  readonly rateBpByGrade: Readonly<Record<string, number>>;
  readonly approveFromScore: number;
  readonly declineBelowScore: number;
  readonly requiredCategories: string[];
  readonly requiredChecks: string[];
  readonly requiredContinuousMonths: number;
  readonly secondReviewAboveFen: string;
  readonly ruleVersionId: string;
  readonly publishedAt: string;
}

export interface RuleVersion {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly version: number;
  readonly jdmHash: string;
  readonly status: 'draft' | 'published';
  readonly createdAt: string;
  readonly publishedAt: string | null;
}

export interface RuleVersionWithJdm extends RuleVersion {
  readonly jdm: unknown;
}

export interface ApplicationListItem {
  readonly id: string;
  readonly productId: string;
  readonly productCode: string;
  readonly productName: string;
  readonly productVersion: number;
  readonly applicantKind: 'enterprise' | 'person';
  readonly applicantUscc: string | null;
  readonly applicantName: string | null;
  readonly amountFen: string;
  readonly termMonths: number;
  readonly status: string;
  readonly outcome: Outcome | null;
  readonly automated: boolean | null;
  readonly limitFen: string | null;
  readonly rateBp: number | null;
  readonly decidedAt: string | null;
  readonly createdAt: string;
}

export interface FiredRule {
  readonly node?: string;
  readonly nodeId?: string;
  readonly rule?: string;
  readonly ruleId?: string;
  readonly description?: string;
  readonly [key: string]: unknown;
}

export interface ReviewTask {
  readonly id: string;
  readonly applicationId: string;
  readonly reason: ReviewReason;
  readonly requestNote: string | null;
  readonly status: ReviewStatus;
  readonly claimedBy: string | null;
  readonly firstApprovalBy: string | null;
  readonly firstApproval: {
    limitFen: string;
    rateBp: number | null;
    termMonths: number;
    note: string;
  } | null;
  readonly amountFen: string;
  readonly applicantKind: string;
  readonly createdAt: string;
  readonly waitingSeconds: number;
}

export interface SettlementQuote {
  readonly date: string;
  readonly principalFen: string;
  readonly dueInterestFen: string;
  readonly accruedInterestFen: string;
  readonly accrualDays: number;
  readonly paidAheadFen: string;
  readonly amountDueFen: string;
}

export interface Warning {
  readonly id: string;
  readonly loanId: string;
  readonly recordId: string;
  readonly category: string;
  readonly label: LocalText;
  readonly scoreBefore: number | null;
  readonly scoreAfter: number | null;
  readonly raisedAt: string;
  readonly acknowledgedAt: string | null;
}

export interface PastDecisionInput {
  readonly id: string;
  readonly applicationId: string;
  readonly outcome: Outcome;
  readonly decidedAt: string;
  readonly input: Record<string, unknown>;
}

export type DryRunSide =
  | {
      readonly outcome: {
        decision: string;
        reasons: readonly string[];
        maxLimitFen: string | null;
        rateBp: number | null;
        maxTermMonths: number | null;
      };
      readonly fired: readonly unknown[];
    }
  | { readonly error: string };

export interface DryRunReport {
  readonly currentHash: string;
  readonly candidateHash: string;
  readonly cases: readonly {
    id: string;
    current: DryRunSide;
    candidate: DryRunSide;
    flipped: boolean;
    transition: string | null;
    termsChanged: boolean;
    reasonsChanged: boolean;
  }[];
  readonly counts: {
    total: number;
    unchanged: number;
    flipped: number;
    termsChanged: number;
    reasonsChanged: number;
    errors: number;
  };
}
