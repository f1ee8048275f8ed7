import type { Generated } from 'kysely';

export interface NotificationsTable {
  id: Generated<bigint>;
  outbox_event_id: bigint;
  channel: 'in_app' | 'sms' | 'email';
  recipient_user_id: string;
  subject_id: string;
  template: string;
  body_zh: string;
  body_en: string;
  sent_at: Date;
  read_at: Date | null;
}
