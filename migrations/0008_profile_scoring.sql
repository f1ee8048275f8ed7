-- Credit profiles: the feature values of one subject, recomputed from its current records
-- whenever they change. Enterprises are keyed by USCC, persons by the blind index of their
-- resident ID (as records are); a person's features are personal data and stored encrypted.
create table profiles (
  subject_kind text not null check (subject_kind in ('enterprise', 'person')),
  subject_ref text not null,
  as_of text not null check (as_of ~ '^\d{4}-\d{2}-\d{2}$'),
  features jsonb,
  features_encrypted text,
  -- SHA-256 of the canonical feature values: a score is recomputed only when it changes.
  features_hash text not null,
  record_count integer not null,
  computed_at timestamptz not null,
  primary key (subject_kind, subject_ref),
  check ((features is null) <> (features_encrypted is null))
);

-- Trained scorecards, every version kept. At most one is active per subject kind and segment;
-- activating one retires the previous active version in the same transaction.
create table scorecard_models (
  id uuid primary key,
  subject_kind text not null check (subject_kind in ('enterprise', 'person')),
  segment text not null,
  version integer not null check (version > 0),
  status text not null check (status in ('trained', 'active', 'retired')),
  training_data_hash text not null,
  parameters jsonb not null,
  metrics jsonb not null,
  scorecard jsonb not null,
  -- The training population's scores, for PSI of live scores against training.
  training_scores jsonb not null,
  created_by text not null,
  created_at timestamptz not null,
  activated_at timestamptz,
  retired_at timestamptz,
  unique (subject_kind, segment, version)
);
create unique index scorecard_models_active_idx
  on scorecard_models (subject_kind, segment) where status = 'active';

-- Every score computed, kept: the model version that made it and the inputs' hash make it
-- reproducible. The latest per subject is the current score.
create table scores (
  id bigint generated always as identity primary key,
  subject_kind text not null check (subject_kind in ('enterprise', 'person')),
  subject_ref text not null,
  model_id uuid not null references scorecard_models (id),
  score integer not null,
  grade text not null,
  probability_of_default double precision not null,
  -- A person's reasons quote their data: stored encrypted, as their profile is.
  reasons jsonb,
  reasons_encrypted text,
  features_hash text not null,
  trigger text not null check (trigger in ('record_change', 'rescore', 'model_activated')),
  computed_at timestamptz not null,
  check ((reasons is null) <> (reasons_encrypted is null))
);
create index scores_subject_idx on scores (subject_kind, subject_ref, id desc);
create index scores_model_idx on scores (model_id, id);

-- Social-security and housing-fund records are filed under the employee and feed the
-- employer's profile too: the employer's USCC, where the category names one.
alter table records add column employer_ref text;
create index records_employer_idx on records (employer_ref)
  where employer_ref is not null and superseded_at is null;
