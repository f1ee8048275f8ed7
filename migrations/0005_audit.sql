-- Audit events: decisions, consents, data changes and every read of personal data.
-- Append-only: updates and deletes are refused by trigger. (The Merkle ledger over these
-- rows comes with the ledger domain.)
create table audit_events (
  id bigint generated always as identity primary key,
  at timestamptz not null default now(),
  actor_kind text not null check (actor_kind in ('user', 'api_key', 'system', 'anonymous')),
  actor_id text,
  actor_role text,
  actor_organisation_id uuid,
  action text not null,
  subject_kind text,
  subject_id text,
  detail jsonb not null default '{}'::jsonb,
  request_id text
);
create index audit_events_subject_idx on audit_events (subject_kind, subject_id, id);
create index audit_events_action_idx on audit_events (action, id);

create function audit_events_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_events is append-only';
end $$;

create trigger audit_events_no_update before update or delete on audit_events
  for each row execute function audit_events_append_only();
