-- A data subject's grant to an organisation (a lender or the platform): named data
-- categories, for one purpose, until a date. Revocation is a timestamp, never a delete.
create table consents (
  id uuid primary key,
  subject_kind text not null check (subject_kind in ('enterprise', 'person')),
  subject_id uuid not null,
  grantee_organisation_id uuid not null references organisations (id),
  categories text[] not null check (cardinality(categories) > 0),
  purpose text not null,
  granted_by uuid not null references users (id),
  granted_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz,
  revoked_by uuid references users (id),
  check (expires_at > granted_at)
);
create index consents_subject_idx on consents (subject_kind, subject_id);
create index consents_grantee_idx on consents (grantee_organisation_id);

-- Every grant, use and revocation, append-only.
create table consent_events (
  id bigint generated always as identity primary key,
  consent_id uuid not null references consents (id),
  event text not null check (event in ('granted', 'used', 'revoked')),
  actor_user_id uuid,
  actor_organisation_id uuid,
  category text,
  purpose text,
  at timestamptz not null default now()
);
create index consent_events_consent_idx on consent_events (consent_id, id);
