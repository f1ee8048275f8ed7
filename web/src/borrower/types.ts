/** The API's answers the borrower portal reads (see the route schemas under `src/`). */

import type { CheckResult, LocalText, SubjectKind } from '../api/loans';

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

export interface Precheck {
  readonly outcome: 'pass' | 'fail' | 'pending';
  readonly retryAfterSeconds: number | null;
  readonly checks: readonly CheckResult[];
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
