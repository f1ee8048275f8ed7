-- The tamper-evident audit ledger: an append-only Merkle log (RFC 6962 hashing) over the
-- audit events, served as C2SP tlog-tiles with signed-note checkpoints.
--
-- Writers only queue: a trigger on audit_events adds the event's id to ledger_queue in the
-- writer's own transaction (one small insert, no lock shared between writers). The
-- sequencer takes the single ledger_state row FOR UPDATE, turns queued events into leaves
-- with consecutive indices, stores the hashes the tiles need and signs a checkpoint.

create table ledger_queue (
  audit_event_id bigint primary key references audit_events (id)
);

create function ledger_enqueue() returns trigger language plpgsql as $$
begin
  insert into ledger_queue (audit_event_id) values (new.id);
  return null;
end $$;

create trigger audit_events_ledger_enqueue after insert on audit_events
  for each row execute function ledger_enqueue();

-- Events recorded before the ledger existed join it at the first sequencing.
insert into ledger_queue (audit_event_id) select id from audit_events;

-- One leaf per audit event. `entry` is the leaf's canonical bytes (no personal data in
-- clear); `salt` keys the hash of the event's content inside it and is never published.
create table ledger_entries (
  idx bigint primary key check (idx >= 0),
  audit_event_id bigint not null unique references audit_events (id),
  entry bytea not null check (length(entry) <= 65535),
  salt bytea not null,
  sequenced_at timestamptz not null
);

-- The Merkle tree hashes that tiles are made of: the leaf hashes (level 0) and the hash of
-- every complete subtree of 256^k leaves (levels 8, 16, …). Other node hashes are
-- recomputed from these (at most 255 hashes each).
create table ledger_hashes (
  level smallint not null check (level >= 0 and level % 8 = 0),
  idx bigint not null check (idx >= 0),
  hash bytea not null check (length(hash) = 32),
  primary key (level, idx)
);

-- The single row the sequencer locks. `frontier` holds the hashes of the complete subtrees
-- that make up the tree of `size` leaves, largest first (32 bytes each).
create table ledger_state (
  id boolean primary key default true check (id),
  origin text not null check (origin ~ '^[^\s+]+$'),
  size bigint not null default 0 check (size >= 0),
  frontier bytea not null default ''::bytea,
  root bytea not null
);
insert into ledger_state (origin, size, frontier, root)
  values ('xinyi.local/ledger', 0, ''::bytea, sha256(''::bytea));

-- Every signed tree head, as the signed note served at /ledger/checkpoint.
create table ledger_checkpoints (
  size bigint primary key check (size >= 0),
  root bytea not null check (length(root) = 32),
  note text not null,
  signed_at timestamptz not null
);

create function ledger_append_only() returns trigger language plpgsql as $$
begin
  raise exception '% is append-only', tg_table_name;
end $$;

create trigger ledger_entries_append_only before update or delete on ledger_entries
  for each row execute function ledger_append_only();
create trigger ledger_hashes_append_only before update or delete on ledger_hashes
  for each row execute function ledger_append_only();
create trigger ledger_checkpoints_append_only before update or delete on ledger_checkpoints
  for each row execute function ledger_append_only();
