-- Which record categories each provider organisation may push.
create table provider_categories (
  organisation_id uuid not null references organisations (id),
  category text not null,
  granted_at timestamptz not null default now(),
  primary key (organisation_id, category)
);

-- Provider-side field mappings (their column names to ours, money unit, enum value maps):
-- configuration, not code. A new mapping is a new row; the newest one is in force.
create table provider_mappings (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  category text not null,
  fields jsonb not null,
  money_unit text not null check (money_unit in ('fen', 'yuan', 'wan_yuan')),
  value_maps jsonb not null default '{}'::jsonb,
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index provider_mappings_current_idx
  on provider_mappings (organisation_id, category, created_at desc);

-- One delivery: an API call or a file. File batches commit in chunks and record how far
-- they got (checkpoint_line), so an interrupted run resumes where it stopped.
create table ingest_batches (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  category text not null,
  schema_version integer not null,
  source text not null check (source in ('api', 'file', 'cli', 'resubmission')),
  file_name text,
  file_sha256 text,
  status text not null check (status in ('running', 'completed', 'failed')),
  failure_code text,
  failure_detail text,
  read_count integer not null default 0,
  accepted integer not null default 0,
  new_versions integer not null default 0,
  unchanged integer not null default 0,
  quarantined integer not null default 0,
  checkpoint_line integer not null default 0,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  check (read_count = accepted + unchanged + quarantined)
);
create index ingest_batches_provider_idx on ingest_batches (organisation_id, created_at desc);
-- At most one unfinished run per file: a rerun of the same file resumes it.
create unique index ingest_batches_resumable_idx
  on ingest_batches (organisation_id, category, file_sha256) where status = 'running';

-- Canonical records, every version kept. The natural key and the subject are stored as
-- keyed hashes (HMAC) when they carry personal data; person records' content is encrypted.
create table records (
  id bigint generated always as identity primary key,
  organisation_id uuid not null references organisations (id),
  category text not null,
  schema_version integer not null,
  natural_key_index text not null,
  version integer not null check (version > 0),
  subject_kind text not null check (subject_kind in ('enterprise', 'person')),
  -- The USCC of an enterprise; the blind index of a person's resident ID.
  subject_ref text not null,
  period text,
  content jsonb,
  content_encrypted text,
  content_hash text not null,
  batch_id uuid not null references ingest_batches (id),
  line integer not null,
  received_at timestamptz not null,
  superseded_at timestamptz,
  check ((content is null) <> (content_encrypted is null)),
  unique (organisation_id, category, natural_key_index, version)
);
create unique index records_current_idx
  on records (organisation_id, category, natural_key_index) where superseded_at is null;
create index records_subject_idx on records (subject_kind, subject_ref, category);
create index records_batch_idx on records (batch_id);

-- Rejected records, each with every reason; never dropped. The raw text is encrypted
-- because a rejected record can carry personal data as well as a good one.
create table quarantined_records (
  id bigint generated always as identity primary key,
  batch_id uuid not null references ingest_batches (id),
  organisation_id uuid not null references organisations (id),
  category text not null,
  line integer not null,
  raw_encrypted text not null,
  reasons jsonb not null,
  status text not null default 'open' check (status in ('open', 'resubmitted')),
  resolved_by_batch uuid references ingest_batches (id),
  created_at timestamptz not null default now()
);
create index quarantined_records_batch_idx on quarantined_records (batch_id, line);
create index quarantined_records_open_idx
  on quarantined_records (organisation_id, category) where status = 'open';

-- Transactional outbox: written in the transaction of the change it announces; a worker
-- delivers each event once (FOR UPDATE SKIP LOCKED).
create table outbox (
  id bigint generated always as identity primary key,
  topic text not null,
  payload jsonb not null,
  created_at timestamptz not null default now(),
  processed_at timestamptz,
  attempts integer not null default 0,
  last_error text
);
create index outbox_pending_idx on outbox (topic, id) where processed_at is null;
