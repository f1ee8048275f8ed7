-- The e-archive: every uploaded document and generated contract, content-addressed.
-- A blob is the content of one SHA-256 (of the plaintext), stored once however often it is
-- uploaded, encrypted with the field keys. Each upload or contract is its own document row:
-- metadata, owner, the application it belongs to and the date it must be kept until.
-- Nothing here is overwritten or deleted (triggers); a document's retention may only grow.
create table archive_blobs (
  sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
  size_bytes bigint not null check (size_bytes > 0),
  -- The field-crypto envelope of the content (FieldCrypto.encryptBytes), bound to the hash.
  content bytea not null,
  created_at timestamptz not null
);

create table archive_documents (
  id uuid primary key,
  sha256 text not null references archive_blobs (sha256),
  media_type text not null check (length(media_type) between 3 and 255),
  file_name text not null check (length(file_name) between 1 and 255),
  kind text not null
    check (kind in ('loan_contract', 'alternative_proof', 'objection_evidence', 'other')),
  owner_user_id uuid references users (id),
  subject_kind text check (subject_kind in ('enterprise', 'person')),
  subject_id uuid,
  -- A loan application; no foreign key, the loans domain owns those.
  application_id uuid,
  created_at timestamptz not null,
  retain_until date not null,
  check ((subject_kind is null) = (subject_id is null))
);
create index archive_documents_owner_idx on archive_documents (owner_user_id, created_at desc);
create index archive_documents_application_idx on archive_documents (application_id, created_at)
  where application_id is not null;
create index archive_documents_sha256_idx on archive_documents (sha256);

create function archive_is_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only: % refused', tg_table_name, lower(tg_op);
end $$;

-- The one change a document allows: to be kept longer (e.g. until ten years after its loan).
create function archive_documents_fixed() returns trigger language plpgsql as $$
begin
  if (to_jsonb(new) - 'retain_until') is distinct from (to_jsonb(old) - 'retain_until')
      or new.retain_until < old.retain_until then
    raise exception 'archive_documents is append-only: only a later retain_until is allowed';
  end if;
  return new;
end $$;

create trigger archive_blobs_fixed before update or delete on archive_blobs
  for each row execute function archive_is_append_only();
create trigger archive_blobs_not_truncated before truncate on archive_blobs
  for each statement execute function archive_is_append_only();
create trigger archive_documents_fixed before update on archive_documents
  for each row execute function archive_documents_fixed();
create trigger archive_documents_not_deleted before delete on archive_documents
  for each row execute function archive_is_append_only();
create trigger archive_documents_not_truncated before truncate on archive_documents
  for each statement execute function archive_is_append_only();
