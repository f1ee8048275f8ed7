-- Objections to credit records (异议) and the credit-repair workflow
-- (src/disputes/objection-state.ts). The record objected to is never changed: a correction
-- is a new version from its source, and both stay readable.
create table objections (
  id uuid primary key,
  borrower_user_id uuid not null references users (id),
  subject_kind text not null check (subject_kind in ('enterprise', 'person')),
  subject_ref text not null,
  record_id bigint not null references records (id),
  record_organisation_id uuid not null references organisations (id),
  feature text,
  reason text not null,
  evidence_document_ids uuid[] not null default '{}',
  status text not null,
  -- The 20-day clock runs from when the objection became complete.
  complete_at timestamptz,
  due_at timestamptz,
  -- The one-time notice of everything missing; a second one is refused.
  material_notice jsonb,
  material_notice_at timestamptz,
  explanation text,
  other_routes text,
  borrower_statement text,
  -- The investigation found the evidence does not hold: an attempt to remove a true record.
  evidence_refuted boolean not null default false,
  proposed_correction jsonb,
  proposed_by uuid references users (id),
  corrected_record_id bigint references records (id),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  closed_at timestamptz
);
-- One open objection per record.
create unique index objections_open_record_idx on objections (record_id)
  where status in ('submitted', 'awaiting_material', 'investigating', 'awaiting_second_review',
                   'correcting');
create index objections_borrower_idx on objections (borrower_user_id, created_at);
create index objections_subject_idx on objections (subject_kind, subject_ref);

create table objection_events (
  id bigint generated always as identity primary key,
  objection_id uuid not null references objections (id),
  event text not null,
  from_status text,
  to_status text not null,
  actor text not null,
  at timestamptz not null,
  detail jsonb not null default '{}'::jsonb
);
create index objection_events_objection_idx on objection_events (objection_id, id);

-- Deadline warnings and breaches, each told once.
create table objection_notices (
  objection_id uuid not null references objections (id),
  kind text not null check (kind in ('warning_5d', 'warning_1d', 'breach')),
  sent_at timestamptz not null,
  primary key (objection_id, kind)
);

-- A notice may go to several people (the operators, a lender's officers): once per event,
-- channel and recipient.
alter table notifications drop constraint notifications_outbox_event_id_channel_key;
alter table notifications add constraint notifications_once_idx
  unique (outbox_event_id, channel, recipient_user_id);
