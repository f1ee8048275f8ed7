-- Post-loan warnings: a new adverse record about a borrower with an open loan, told to the
-- lender before any payment is missed, with the score before and after.
create table post_loan_warnings (
  id uuid primary key,
  loan_id uuid not null references loans (id),
  lender_organisation_id uuid not null references organisations (id),
  record_id bigint not null references records (id),
  category text not null,
  score_before integer,
  score_after integer,
  raised_at timestamptz not null,
  acknowledged_by uuid references users (id),
  acknowledged_at timestamptz,
  unique (loan_id, record_id),
  check ((acknowledged_by is null) = (acknowledged_at is null))
);
create index post_loan_warnings_lender_idx
  on post_loan_warnings (lender_organisation_id, acknowledged_at, raised_at);
