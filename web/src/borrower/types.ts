/** The API's answers the borrower portal reads (see the route schemas under `src/`). */

export type SubjectKind = 'enterprise' | 'person';
export type LocalText = Readonly<Record<'zh-CN' | 'en', string>>;

export interface Feature {
  readonly name: string;
  readonly label: string;
  readonly unit: string;
  readonly categories: readonly string[];
  readonly value: number | string | null;
  readonly display: string;
  readonly sources: readonly string[];
  readonly sourceCount: number;
  readonly asOf: string;
  readonly underObjection: boolean;
}

export interface Profile {
  readonly subject: { readonly kind: SubjectKind; readonly id: string };
  readonly asOf: string;
  readonly recordCount: number;
  readonly computedAt: string;
  readonly features: readonly Feature[];
  readonly recordsUnderObjection: readonly string[];
}

export interface Score {
  readonly score: number;
  readonly grade: string;
  readonly probabilityOfDefault: number;
  readonly model: { readonly id: string; readonly segment: string; readonly version: number };
  readonly reasons: readonly { readonly feature: string; readonly text: string }[];
  readonly computedAt: string;
}

export interface ScoreHistory {
  readonly scores: readonly {
    readonly score: number;
    readonly grade: string;
    readonly probabilityOfDefault: number;
    readonly trigger: string;
    readonly computedAt: string;
  }[];
}

export type ConsentStatus = 'active' | 'revoked' | 'expired';

export interface Consent {
  readonly id: string;
  readonly granteeOrganisationId: string;
  readonly categories: readonly string[];
  readonly purpose: string;
  readonly grantedAt: string;
  readonly expiresAt: string;
  readonly revokedAt: string | null;
  readonly status: ConsentStatus;
}

export interface ConsentEvent {
  readonly id: string;
  readonly event: 'granted' | 'used' | 'revoked';
  readonly actorOrganisationId: string | null;
  readonly category: string | null;
  readonly purpose: string | null;
  readonly at: string;
}

export interface Organisation {
  readonly id: string;
  readonly kind: 'platform' | 'lender' | 'provider' | 'regulator';
  readonly code: string;
  readonly name: string;
}

export interface Product {
  readonly id: string;
  readonly organisationId: string;
  readonly code: string;
  readonly version: number;
  readonly name: string;
  readonly loanType: string;
  readonly minAmountFen: string;
  readonly maxAmountFen: string;
  readonly minTermMonths: number;
  readonly maxTermMonths: number;
  readonly repaymentMethods: readonly string[];
  readonly rateBpByGrade: Readonly<Record<string, number>>;
  readonly requiredCategories: readonly string[];
  readonly requiredChecks: readonly string[];
  readonly requiredContinuousMonths: number;
  readonly publishedAt: string;
}

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

export interface Precheck {
  readonly outcome: 'pass' | 'fail' | 'pending';
  readonly retryAfterSeconds: number | null;
  readonly checks: readonly CheckResult[];
}

export interface Decision {
  readonly id: string;
  readonly auditEventId: string | null;
  readonly outcome: 'approve' | 'review' | 'decline' | 'pending';
  readonly limitFen: string | null;
  readonly rateBp: number | null;
  readonly termMonths: number | null;
  readonly reasons: readonly string[];
  readonly automated: boolean;
  readonly decidedAt: string;
  /** The score the machine decided on; null without a score or for a person's decision. */
  readonly score?: { readonly score: number; readonly grade: string } | null;
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

export interface Review {
  readonly id: string;
  readonly reason: 'policy' | 'human_requested' | 'explanation_requested';
  readonly status: string;
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
  readonly reviews: readonly Review[];
  readonly documents: readonly ApplicationDocument[];
  readonly recordsUnderObjection: readonly string[];
}

export interface ApplicationSummary {
  readonly id: string;
  readonly productName: string;
  readonly productCode: string;
  readonly amountFen: string;
  readonly termMonths: number;
  readonly status: string;
  readonly outcome: 'approve' | 'review' | 'decline' | 'pending' | null;
  readonly limitFen: string | null;
  readonly rateBp: number | null;
  readonly createdAt: string;
}

export interface Loan {
  readonly id: string;
  readonly principalFen: string;
  readonly annualRateBp: number;
  readonly termMonths: number;
  readonly disbursedOn: string;
  readonly status: 'active' | 'closed';
  readonly daysPastDue: number;
  readonly bucket: string;
  readonly overdueFen: string;
  readonly outstandingFen: string;
  readonly schedule: readonly {
    readonly number: number;
    readonly dueDate: string;
    readonly principalFen: string;
    readonly interestFen: string;
    readonly totalFen: string;
    readonly outstandingFen: string;
    readonly settledOn: string | null;
    readonly daysPastDue: number;
  }[];
}

export interface NearestFlip {
  readonly flip: { readonly message: LocalText; readonly outcome: string } | null;
}

export interface Notification {
  readonly id: string;
  readonly template: string;
  readonly text: string;
  readonly sentAt: string;
  readonly readAt: string | null;
}
