import type { ColumnType, Generated } from 'kysely';
import type { SubjectKind } from '../platform/auth/roles.js';

type Json<T> = ColumnType<T, string, string>;
type NullableJson<T> = ColumnType<T | null, string | null, string | null>;

export interface LoanProductsTable {
  id: string;
  organisation_id: string;
  code: string;
  version: number;
  status: 'published' | 'retired';
  name: string;
  loan_type: string;
  min_amount_fen: bigint;
  max_amount_fen: bigint;
  min_term_months: number;
  max_term_months: number;
  repayment_methods: string[];
  rate_bp_by_grade: Json<Record<string, number>>;
  approve_from_score: number;
  decline_below_score: number;
  required_categories: string[];
  required_checks: string[];
  required_continuous_months: number;
  second_review_above_fen: bigint;
  rule_version_id: string;
  created_by: string;
  published_at: Date;
}

export interface LoanApplicationsTable {
  id: string;
  product_id: string;
  lender_organisation_id: string;
  applicant_kind: SubjectKind;
  applicant_id: string;
  applicant_ref: string;
  borrower_user_id: string;
  amount_fen: bigint;
  term_months: number;
  repayment_method: string;
  stated: NullableJson<unknown>;
  stated_encrypted: string | null;
  status: string;
  created_at: Date;
  updated_at: Date;
  retry_verification_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface ApplicationEventsTable {
  id: Generated<bigint>;
  application_id: string;
  event: string;
  from_status: string | null;
  to_status: string;
  actor: string;
  at: Date;
  detail: ColumnType<Record<string, unknown>, string | undefined, never>;
}

export interface ApplicationChecksTable {
  id: Generated<bigint>;
  application_id: string;
  check_name: string;
  outcome: 'pass' | 'fail' | 'unavailable';
  result: NullableJson<unknown>;
  result_encrypted: string | null;
  checked_at: Date;
}

export interface LoanDecisionsTable {
  id: string;
  application_id: string;
  outcome: 'approve' | 'review' | 'decline' | 'pending';
  limit_fen: bigint | null;
  rate_bp: number | null;
  term_months: number | null;
  reasons: Json<string[]>;
  fired_rules: Json<unknown[]>;
  input_snapshot: NullableJson<unknown>;
  input_snapshot_encrypted: string | null;
  input_hash: string;
  model_id: string | null;
  rule_version_id: string;
  product_id: string;
  automated: boolean;
  decided_by: string;
  decided_at: Date;
}

export interface LoansTables {
  loan_products: LoanProductsTable;
  loan_applications: LoanApplicationsTable;
  application_events: ApplicationEventsTable;
  application_checks: ApplicationChecksTable;
  loan_decisions: LoanDecisionsTable;
  review_tasks: ReviewTasksTable;
  loan_offers: LoanOffersTable;
  loan_contracts: LoanContractsTable;
  loans: LoansTable;
  loan_instalments: LoanInstalmentsTable;
  loan_repayments: LoanRepaymentsTable;
  loan_notices: LoanNoticesTable;
}

export interface ReviewTasksTable {
  id: string;
  application_id: string;
  lender_organisation_id: string;
  reason: ReviewReason;
  status: 'open' | 'claimed' | 'awaiting_second' | 'done';
  claimed_by: string | null;
  claimed_at: Date | null;
  first_approval_by: string | null;
  first_approval: NullableJson<{
    limitFen: string;
    rateBp: number;
    termMonths: number;
    note: string;
  }>;
  created_at: Date;
  done_at: Date | null;
  request_note: string | null;
  answer: string | null;
}

export type ReviewReason = 'policy' | 'human_requested' | 'explanation_requested';

/** Calendar dates are `YYYY-MM-DD` text (see the DATE parser in `platform/db.ts`). */
type IsoDate = string;

export interface LoanOffersTable {
  id: string;
  application_id: string;
  decision_id: string;
  amount_fen: bigint;
  annual_rate_bp: number;
  term_months: number;
  repayment_method: string;
  day_count: string;
  created_at: Date;
  expires_at: Date;
}

export interface LoanContractsTable {
  id: string;
  application_id: string;
  offer_id: string;
  document_id: string;
  document_sha256: string;
  created_at: Date;
  confirmed_at: Date | null;
  confirmed_by: string | null;
}

export interface LoansTable {
  id: string;
  application_id: string;
  contract_id: string;
  lender_organisation_id: string;
  borrower_user_id: string;
  applicant_kind: SubjectKind;
  applicant_ref: string;
  principal_fen: bigint;
  annual_rate_bp: number;
  term_months: number;
  repayment_method: string;
  day_count: string;
  disbursed_on: IsoDate;
  disbursement_reference: string;
  disbursed_by: string;
  disbursed_at: Date;
  status: 'active' | 'closed';
  closed_on: IsoDate | null;
}

export interface LoanInstalmentsTable {
  loan_id: string;
  schedule_version: number;
  number: number;
  due_date: IsoDate;
  principal_fen: bigint;
  interest_fen: bigint;
}

export interface LoanRepaymentsTable {
  id: string;
  loan_id: string;
  amount_fen: bigint;
  paid_on: IsoDate;
  kind: 'scheduled' | 'early_settlement';
  reference: string;
  recorded_by: string;
  recorded_at: Date;
}

export interface LoanNoticesTable {
  loan_id: string;
  instalment_number: number;
  kind: 'instalment_due' | 'instalment_overdue';
  sent_at: Date;
}
