/**
 * The loan API's answers that more than one portal reads (see the routes under src/loans and
 * src/verify): an application with its checks, decisions, offers and reviews, and a loan.
 */

export type SubjectKind = 'enterprise' | 'person';

export interface LocalText {
  readonly 'zh-CN': string;
  readonly en: string;
}

export const OUTCOMES = ['approve', 'review', 'decline', 'pending'] as const;
export type Outcome = (typeof OUTCOMES)[number];

export const BUCKETS = ['current', 'M1', 'M2', 'M3', 'M4+'] as const;
export type Bucket = (typeof BUCKETS)[number];

export interface Fix {
  readonly action: string;
  readonly message: LocalText;
  readonly proofKinds?: readonly string[];
  readonly retryAfterSeconds?: number;
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

export interface Decision {
  readonly id: string;
  readonly auditEventId: string | null;
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

export type ReviewReason = 'policy' | 'human_requested' | 'explanation_requested';
export type ReviewStatus = 'open' | 'claimed' | 'awaiting_second' | 'done';

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
  readonly applicantKind: SubjectKind;
  /** An enterprise by USCC and name; a person by id only (identity read on request). */
  readonly applicant: {
    readonly kind: SubjectKind;
    readonly id: string;
    readonly uscc: string | null;
    readonly name: string | null;
  };
  readonly amountFen: string;
  readonly termMonths: number;
  readonly repaymentMethod: string;
  readonly status: string;
  readonly createdAt: string;
  readonly retryVerificationAt: string | null;
  readonly timeline: readonly {
    readonly event: string;
    readonly from: string | null;
    readonly to: string;
    readonly at: string;
    readonly actor: string;
  }[];
  readonly checks: readonly CheckResult[];
  readonly decisions: readonly Decision[];
  readonly offers: readonly Offer[];
  readonly contract: {
    readonly id: string;
    readonly documentId: string;
    readonly documentSha256: string;
    readonly createdAt: string;
    readonly confirmedAt: string | null;
  } | null;
  readonly loanId: string | null;
  readonly reviews: readonly ApplicationReview[];
  readonly documents: readonly ApplicationDocument[];
  readonly recordsUnderObjection: readonly string[];
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
  /** The schedules an early settlement replaced, newest first. */
  readonly earlierSchedules: readonly {
    readonly version: number;
    readonly instalments: readonly {
      readonly number: number;
      readonly dueDate: string;
      readonly principalFen: string;
      readonly interestFen: string;
    }[];
  }[];
  readonly repayments: readonly {
    readonly amountFen: string;
    readonly paidOn: string;
    readonly kind: string;
    readonly reference: string;
  }[];
}
