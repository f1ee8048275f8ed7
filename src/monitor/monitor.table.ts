export interface PostLoanWarningsTable {
  id: string;
  loan_id: string;
  lender_organisation_id: string;
  record_id: bigint;
  category: string;
  score_before: number | null;
  score_after: number | null;
  raised_at: Date;
  acknowledged_by: string | null;
  acknowledged_at: Date | null;
}

export interface MonitorTables {
  post_loan_warnings: PostLoanWarningsTable;
}
