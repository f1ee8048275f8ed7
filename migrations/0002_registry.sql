-- Enterprises by unified social credit code (GB 32100-2015); public business identity.
create table enterprises (
  id uuid primary key,
  uscc char(18) not null unique,
  name text not null,
  registration_authority char(1) not null,
  entity_type char(1) not null,
  region_code char(6) not null,
  industry text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index enterprises_region_idx on enterprises (region_code);

-- Persons by resident ID (GB 11643-1999). Name, ID number and phone are encrypted at rest
-- (each value names its key id); the ID is found through an HMAC blind index.
create table persons (
  id uuid primary key,
  id_number_index text not null unique,
  id_number_encrypted text not null,
  name_encrypted text not null,
  phone_encrypted text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
