-- Policy rules: JDM decision tables (GoRules ZEN), every version kept; a published version
-- never changes (its JDM and hash are fixed by trigger).
create table rule_versions (
  id uuid primary key,
  organisation_id uuid not null references organisations (id),
  name text not null,
  version integer not null check (version > 0),
  jdm jsonb not null,
  jdm_hash text not null,
  status text not null check (status in ('draft', 'published')),
  created_by uuid not null,
  created_at timestamptz not null,
  published_at timestamptz,
  unique (organisation_id, name, version)
);

-- Shared by every versioned table with a draft/published status.
create function published_rows_are_fixed() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft' and (to_jsonb(new) - 'status' - 'retired_at') is distinct from
      (to_jsonb(old) - 'status' - 'retired_at') then
    raise exception '% % is published and cannot change', tg_table_name, old.id;
  end if;
  return new;
end $$;

create trigger rule_versions_fixed before update on rule_versions
  for each row execute function published_rows_are_fixed();
