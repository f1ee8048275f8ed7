-- Notifications as sent: one row per outbox event and channel, so a redelivered event
-- (after a crash between sending and marking) is never sent twice. With the default local
-- channels this table is the sink: in-app messages are read from it, SMS and e-mail land
-- here instead of a gateway.
create table notifications (
  id bigint generated always as identity primary key,
  outbox_event_id bigint not null,
  channel text not null check (channel in ('in_app', 'sms', 'email')),
  recipient_user_id uuid not null references users (id),
  subject_id text not null,
  template text not null,
  body_zh text not null,
  body_en text not null,
  sent_at timestamptz not null,
  read_at timestamptz,
  unique (outbox_event_id, channel)
);
create index notifications_recipient_idx on notifications (recipient_user_id, id desc);
