/** The shapes of the API answers the lender portal reads (see the routes under src/loans, src/rules, src/monitor). */

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

export const REPAYMENT_METHODS = [
  'equal_instalment',
  'equal_principal',
  'interest_first',
  'bullet',
] as const;

export const RECORD_CATEGORIES = [
  'business_registration',
  'tax',
  'social_security',
  'housing_fund',
  'customs',
  'utilities',
  'judicial',
  'administrative',
  'credit_bureau',
  'property',
  'procurement',
  'self_reported',
] as const;

export const CHECK_NAMES = [
  'identity',
  'social_security',
  'business_status',
  'court_enforcement',
  'housing_fund',
] as const;

export const APPLICATION_STATUSES = [
  'draft',
  'submitted',
  'verifying',
  'decided',
  'offered',
  'accepted',
  'contracted',
  'disbursed',
  'repaying',
  'closed',
  'declined',
  'withdrawn',
  'expired',
] as const;

export const OUTCOMES = ['approve', 'review', 'decline', 'pending'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const BUCKETS = ['current', 'M1', 'M2', 'M3', 'M4+'] as const;
export type Bucket = (typeof BUCKETS)[number];

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

export interface LocalText {
  readonly 'zh-CN': string;
  readonly en: string;
}

export interface Fix {
  readonly action: string;
  readonly message: LocalText;
  readonly proofKinds?: readonly string[];
}

export interface CheckProblem {
  readonly code: string;
  readonly field: string | null;
  readonly message: LocalText;
  readonly fix: Fix;
  readonly alternatives?: readonly Fix[];
}

export interface CheckResult {
  readonly check: string;
  readonly outcome: 'pass' | 'fail' | 'unavailable';
  readonly problems: readonly CheckProblem[];
  readonly asOf: string | null;
  readonly source: string;
  readonly evidence: readonly string[];
}

export interface FiredRule {
  readonly node?: string;
  readonly nodeId?: string;
  readonly rule?: string;
  readonly ruleId?: string;
  readonly description?: string;
  readonly [key: string]: unknown;
}

export interface Decision {
  readonly id: string;
  readonly outcome: Outcome;
  readonly limitFen: string | null;
  readonly rateBp: number | null;
  readonly termMonths: number | null;
  readonly reasons: readonly string[];
  readonly firedRules: readonly unknown[];
  readonly inputHash: string;
  readonly modelId: string | null;
  /** The score the machine decided on (null: none, or a person decided). */
  readonly score?: {
    readonly score: number;
    readonly grade: string;
    readonly probabilityOfDefault: number;
    readonly modelId: string;
  } | null;
  readonly ruleVersionId: string;
  readonly productId: string;
  readonly automated: boolean;
  readonly decidedAt: string;
}

export interface Offer {
  readonly id: string;
  readonly amountFen: string;
  readonly annualRateBp: number;
  readonly termMonths: number;
  readonly repaymentMethod: string;
  readonly createdAt: string;
  readonly expiresAt: string;
}

export interface ApplicationReview {
  readonly id: string;
  readonly reason: ReviewReason;
  readonly status: ReviewStatus;
  readonly requestNote: string | null;
  readonly answer: string | null;
  readonly createdAt: string;
  readonly doneAt: string | null;
}

export interface ApplicationDocument {
  readonly id: string;
  readonly kind: string;
  readonly fileName: string;
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly createdAt: string;
}

export interface Application {
  readonly id: string;
  readonly productId: string;
  readonly applicantKind: 'enterprise' | 'person';
  readonly amountFen: string;
  readonly termMonths: number;
  readonly repaymentMethod: string;
  readonly status: string;
  readonly createdAt: string;
  readonly retryVerificationAt: string | null;
  readonly timeline: readonly {
    event: string;
    from: string | null;
    to: string;
    at: string;
    actor: string;
  }[];
  readonly offers: readonly Offer[];
  readonly contract: {
    id: string;
    documentId: string;
    documentSha256: string;
    createdAt: string;
    confirmedAt: string | null;
  } | null;
  readonly loanId: string | null;
  readonly documents: readonly ApplicationDocument[];
  readonly reviews: readonly ApplicationReview[];
  readonly recordsUnderObjection: readonly string[];
  readonly checks: readonly CheckResult[];
  readonly decisions: readonly Decision[];
}

export type ReviewReason = 'policy' | 'human_requested' | 'explanation_requested';
export type ReviewStatus = 'open' | 'claimed' | 'awaiting_second' | 'done';

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

export interface Instalment {
  readonly number: number;
  readonly dueDate: string;
  readonly principalFen: string;
  readonly interestFen: string;
  readonly totalFen: string;
  readonly outstandingFen: string;
  readonly settledOn: string | null;
  readonly daysPastDue: number;
}

export interface Loan {
  readonly id: string;
  readonly applicationId: string;
  readonly contractId: string;
  readonly applicantKind: string;
  readonly principalFen: string;
  readonly annualRateBp: number;
  readonly termMonths: number;
  readonly repaymentMethod: string;
  readonly dayCount: string;
  readonly disbursedOn: string;
  readonly status: 'active' | 'closed';
  readonly closedOn: string | null;
  readonly scheduleVersion: number;
  readonly asOf: string;
  readonly daysPastDue: number;
  readonly bucket: Bucket;
  readonly overdueFen: string;
  readonly outstandingFen: string;
  readonly schedule: readonly Instalment[];
  readonly repayments: readonly {
    amountFen: string;
    paidOn: string;
    kind: string;
    reference: string;
  }[];
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
