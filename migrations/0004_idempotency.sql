-- The first response to each (principal, Idempotency-Key); a repeat replays it.
create table idempotency_keys (
  principal text not null,
  key text not null,
  method text not null,
  route text not null,
  request_hash text not null,
  status_code integer,
  response_body text,
  created_at timestamptz not null default now(),
  completed_at timestamptz,
  primary key (principal, key)
);
