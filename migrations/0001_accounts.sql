-- Organisations are the tenants: lenders, data providers, the regulator and the platform.
create table organisations (
  id uuid primary key,
  kind text not null check (kind in ('platform', 'lender', 'provider', 'regulator')),
  code text not null unique check (code ~ '^[a-z0-9][a-z0-9-]{1,39}$'),
  name text not null,
  created_at timestamptz not null default now()
);

create table users (
  id uuid primary key,
  login text not null unique,
  password_hash text not null,
  display_name text not null,
  role text not null check (role in
    ('borrower', 'lender_officer', 'lender_admin', 'provider', 'regulator', 'operator')),
  organisation_id uuid references organisations (id),
  -- A borrower acts for exactly one subject: an enterprise or a person.
  subject_kind text check (subject_kind in ('enterprise', 'person')),
  subject_id uuid,
  status text not null default 'active' check (status in ('active', 'disabled')),
  failed_logins integer not null default 0,
  locked_until timestamptz,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  check ((role = 'borrower') = (subject_id is not null and subject_kind is not null)),
  check (role not in ('lender_officer', 'lender_admin', 'provider', 'regulator')
         or organisation_id is not null)
);
create index users_organisation_idx on users (organisation_id);
create unique index users_subject_idx on users (subject_kind, subject_id) where subject_id is not null;

-- Opaque bearer tokens; only their SHA-256 is stored.
create table sessions (
  id uuid primary key,
  user_id uuid not null references users (id),
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  revoked_at timestamptz
);
create index sessions_user_idx on sessions (user_id);

-- Data providers' machine credentials; the secret is shown once, only its SHA-256 is stored.
create table api_keys (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  name text not null,
  prefix text not null unique,
  key_hash text not null unique,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz,
  last_used_at timestamptz
);
create index api_keys_organisation_idx on api_keys (organisation_id);
