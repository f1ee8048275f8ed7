-- Loan products of a lender. Each row is one published version of a product code and never
-- changes (trigger); a new version is a new row, and applications name the version.
create table loan_products (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  code text not null,
  version integer not null check (version > 0),
  status text not null check (status in ('published', 'retired')),
  name text not null,
  loan_type text not null,
  min_amount_fen bigint not null check (min_amount_fen > 0),
  max_amount_fen bigint not null check (max_amount_fen >= min_amount_fen),
  min_term_months integer not null check (min_term_months > 0),
  max_term_months integer not null check (max_term_months >= min_term_months),
  repayment_methods text[] not null check (cardinality(repayment_methods) > 0),
  rate_bp_by_grade jsonb not null,
  approve_from_score integer not null,
  decline_below_score integer not null check (decline_below_score <= approve_from_score),
  required_categories text[] not null,
  required_checks text[] not null,
  required_continuous_months integer not null check (required_continuous_months between 0 and 120),
  -- Approvals above this amount need a second officer (maker-checker).
  second_review_above_fen bigint not null,
  rule_version_id uuid not null references rule_versions (id),
  created_by uuid not null,
  published_at timestamptz not null,
  unique (organisation_id, code, version)
);

create function loan_products_fixed() returns trigger language plpgsql as $$
begin
  if (to_jsonb(new) - 'status') is distinct from (to_jsonb(old) - 'status') then
    raise exception 'loan product % is published and cannot change', old.id;
  end if;
  return new;
end $$;
create trigger loan_products_fixed before update on loan_products
  for each row execute function loan_products_fixed();

-- Applications: a state machine (src/loans/application-state.ts); every transition is an
-- event row. What a person states about themselves is stored encrypted.
create table loan_applications (
  id uuid primary key,
  product_id uuid not null references loan_products (id),
  lender_organisation_id uuid not null references organisations (id),
  applicant_kind text not null check (applicant_kind in ('enterprise', 'person')),
  applicant_id uuid not null,
  applicant_ref text not null,
  borrower_user_id uuid not null references users (id),
  amount_fen bigint not null check (amount_fen > 0),
  term_months integer not null check (term_months > 0),
  repayment_method text not null,
  stated jsonb,
  stated_encrypted text,
  status text not null,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check ((stated is null) <> (stated_encrypted is null))
);
create index loan_applications_borrower_idx on loan_applications (borrower_user_id, created_at);
create index loan_applications_lender_idx
  on loan_applications (lender_organisation_id, status, created_at);

create table application_events (
  id bigint generated always as identity primary key,
  application_id uuid not null references loan_applications (id),
  event text not null,
  from_status text,
  to_status text not null,
  actor text not null,
  at timestamptz not null,
  detail jsonb not null default '{}'::jsonb
);
create index application_events_application_idx on application_events (application_id, id);

-- Every run of a check, kept: a retried check adds a row.
create table application_checks (
  id bigint generated always as identity primary key,
  application_id uuid not null references loan_applications (id),
  check_name text not null,
  outcome text not null check (outcome in ('pass', 'fail', 'unavailable')),
  result jsonb,
  result_encrypted text,
  checked_at timestamptz not null,
  check ((result is null) <> (result_encrypted is null))
);
create index application_checks_application_idx on application_checks (application_id, id);

-- Decisions, reproducible: the input snapshot and its hash, the model, rule and product
-- versions, every rule that fired and every reason.
create table loan_decisions (
  id uuid primary key,
  application_id uuid not null references loan_applications (id),
  outcome text not null check (outcome in ('approve', 'review', 'decline', 'pending')),
  limit_fen bigint,
  rate_bp integer,
  term_months integer,
  reasons jsonb not null,
  fired_rules jsonb not null,
  input_snapshot jsonb,
  input_snapshot_encrypted text,
  input_hash text not null,
  model_id uuid references scorecard_models (id),
  rule_version_id uuid not null references rule_versions (id),
  product_id uuid not null references loan_products (id),
  automated boolean not null,
  decided_by text not null,
  decided_at timestamptz not null,
  check ((input_snapshot is null) <> (input_snapshot_encrypted is null))
);
create index loan_decisions_application_idx on loan_decisions (application_id, decided_at);
