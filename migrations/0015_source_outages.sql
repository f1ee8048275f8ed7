-- A data source that cannot answer: a provider's feed of a category is interrupted. While an
-- outage is open, checks that read the category say "unavailable, retry scheduled" instead of
-- judging on data that may be missing. Outages are history: ended, never deleted.
create table source_outages (
  id uuid primary key,
  category text not null,
  provider_organisation_id uuid references organisations (id),
  reason text not null,
  started_at timestamptz not null,
  expected_end_at timestamptz,
  ended_at timestamptz,
  declared_by text not null,
  ended_by text,
  check (ended_at is null or ended_at >= started_at)
);
create index source_outages_open_idx on source_outages (category) where ended_at is null;

-- An application waiting for a source is verified again from this time on.
alter table loan_applications add column retry_verification_at timestamptz;
create index loan_applications_retry_idx on loan_applications (retry_verification_at)
  where status = 'verifying';
