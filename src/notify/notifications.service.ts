import type { Principal } from '../platform/auth/roles.js';
import { requireUser } from '../platform/auth/guards.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db.js';
import type { Locale } from '../platform/locale.js';

export const CHANNELS = ['in_app', 'sms', 'email'] as const;
export type Channel = (typeof CHANNELS)[number];

/** A message for one person, rendered in both languages by the domain that knows why. */
export interface Message {
  readonly outboxEventId: bigint;
  readonly recipientUserId: string;
  /** What it is about, e.g. the application id. */
  readonly subjectId: string;
  readonly template: string;
  readonly body: Readonly<Record<Locale, string>>;
  readonly channels: readonly Channel[];
}

/**
 * Sends messages on their channels, in the caller's transaction (the outbox delivery's). The
 * default channels are local: every message is kept in `notifications` (once per event,
 * channel and recipient), the sink in-app
 * messages are read from, and a redelivered event finds its rows there and sends nothing
 * again. A gateway channel (SMS, e-mail) would send from this table, after commit.
 */
export async function sendMessages(tx: Tx, messages: readonly Message[], at: Date) {
  const rows = messages.flatMap((message) =>
    message.channels.map((channel) => ({
      outbox_event_id: message.outboxEventId,
      channel,
      recipient_user_id: message.recipientUserId,
      subject_id: message.subjectId,
      template: message.template,
      body_zh: message.body['zh-CN'],
      body_en: message.body.en,
      sent_at: at,
    })),
  );
  if (rows.length === 0) return;
  await tx
    .insertInto('notifications')
    .values(rows)
    .onConflict((oc) => oc.columns(['outbox_event_id', 'channel', 'recipient_user_id']).doNothing())
    .execute();
}

/** The signed-in user's in-app messages, newest first. */
export async function myNotifications(
  ctx: AppContext,
  principal: Principal | null,
  locale: Locale,
) {
  const actor = requireUser(principal);
  const rows = await ctx.db
    .selectFrom('notifications')
    .selectAll()
    .where('recipient_user_id', '=', actor.userId)
    .where('channel', '=', 'in_app')
    .orderBy('id', 'desc')
    .limit(200)
    .execute();
  return rows.map((row) => ({
    id: row.id.toString(),
    template: row.template,
    subjectId: row.subject_id,
    text: locale === 'en' ? row.body_en : row.body_zh,
    sentAt: row.sent_at,
    readAt: row.read_at,
  }));
}
