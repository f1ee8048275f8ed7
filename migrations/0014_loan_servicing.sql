-- After approval: the offer, the contract the borrower confirms, the loan with its schedule,
-- repayments and the notices sent about it. And the borrower's two ways back to a person
-- (PIPL art. 24): a human review of an automated decision, an explanation of any decision.

-- A review task is now one of several an application may have over time, one open at once.
alter table review_tasks drop constraint review_tasks_application_id_key;
create unique index review_tasks_one_open_idx on review_tasks (application_id)
  where status <> 'done';
alter table review_tasks drop constraint review_tasks_reason_check;
alter table review_tasks add constraint review_tasks_reason_check
  check (reason in ('policy', 'human_requested', 'explanation_requested'));
-- What the borrower asked, and the officer's written explanation.
alter table review_tasks add column request_note text;
alter table review_tasks add column answer text;

-- The terms offered on an approval, fixed; the application's status says what became of it.
create table loan_offers (
  id uuid primary key,
  application_id uuid not null references loan_applications (id),
  decision_id uuid not null unique references loan_decisions (id),
  amount_fen bigint not null check (amount_fen > 0),
  annual_rate_bp integer not null check (annual_rate_bp >= 0),
  term_months integer not null check (term_months > 0),
  repayment_method text not null,
  day_count text not null,
  created_at timestamptz not null,
  expires_at timestamptz not null
);
create index loan_offers_application_idx on loan_offers (application_id, created_at);

-- The contract of an accepted offer: a document in the e-archive, named by its SHA-256, and
-- the borrower's confirmation of exactly that hash.
create table loan_contracts (
  id uuid primary key,
  application_id uuid not null unique references loan_applications (id),
  offer_id uuid not null unique references loan_offers (id),
  document_id uuid not null,
  document_sha256 text not null check (document_sha256 ~ '^[0-9a-f]{64}$'),
  created_at timestamptz not null,
  confirmed_at timestamptz,
  confirmed_by uuid references users (id),
  check ((confirmed_at is null) = (confirmed_by is null))
);

create table loans (
  id uuid primary key,
  application_id uuid not null unique references loan_applications (id),
  contract_id uuid not null unique references loan_contracts (id),
  lender_organisation_id uuid not null references organisations (id),
  borrower_user_id uuid not null references users (id),
  applicant_kind text not null check (applicant_kind in ('enterprise', 'person')),
  applicant_ref text not null,
  principal_fen bigint not null check (principal_fen > 0),
  annual_rate_bp integer not null check (annual_rate_bp >= 0),
  term_months integer not null check (term_months > 0),
  repayment_method text not null,
  day_count text not null,
  disbursed_on date not null,
  disbursement_reference text not null,
  disbursed_by uuid not null references users (id),
  disbursed_at timestamptz not null,
  status text not null check (status in ('active', 'closed')),
  closed_on date
);
create index loans_lender_idx on loans (lender_organisation_id, status);
create index loans_borrower_idx on loans (borrower_user_id);
create index loans_active_idx on loans (id) where status = 'active';

-- Schedules are versioned: an early settlement adds a version, the earlier ones stay.
create table loan_instalments (
  loan_id uuid not null references loans (id),
  schedule_version integer not null check (schedule_version > 0),
  number integer not null check (number > 0),
  due_date date not null,
  principal_fen bigint not null check (principal_fen >= 0),
  interest_fen bigint not null check (interest_fen >= 0),
  primary key (loan_id, schedule_version, number)
);

create table loan_repayments (
  id uuid primary key,
  loan_id uuid not null references loans (id),
  amount_fen bigint not null check (amount_fen > 0),
  paid_on date not null,
  kind text not null check (kind in ('scheduled', 'early_settlement')),
  -- The payment's reference at the lender's bank: the same reference twice is one payment.
  reference text not null,
  recorded_by uuid not null references users (id),
  recorded_at timestamptz not null,
  unique (loan_id, reference)
);
create index loan_repayments_loan_idx on loan_repayments (loan_id, paid_on);

-- Each notice about an instalment (due soon, overdue) is sent once.
create table loan_notices (
  loan_id uuid not null references loans (id),
  instalment_number integer not null,
  kind text not null check (kind in ('instalment_due', 'instalment_overdue')),
  sent_at timestamptz not null,
  primary key (loan_id, instalment_number, kind)
);

-- Servicing rows are history: nothing changes them but a loan's status and closing day.
create function loan_servicing_fixed() returns trigger language plpgsql as $$
begin
  raise exception '% rows are history and cannot be changed or removed', tg_table_name;
end $$;
create trigger loan_offers_fixed before update or delete on loan_offers
  for each row execute function loan_servicing_fixed();
create trigger loan_instalments_fixed before update or delete on loan_instalments
  for each row execute function loan_servicing_fixed();
create trigger loan_repayments_fixed before update or delete on loan_repayments
  for each row execute function loan_servicing_fixed();

-- A failed outbox delivery waits before its next attempt, longer each time.
alter table outbox add column next_attempt_at timestamptz;
