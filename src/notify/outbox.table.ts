import type { ColumnType, Generated } from 'kysely';
import type { NotificationsTable } from './notifications.table.js';

export interface OutboxTable {
  id: Generated<bigint>;
  topic: string;
  payload: ColumnType<Record<string, unknown>, string, string>;
  created_at: ColumnType<Date, Date | undefined, never>;
  processed_at: Date | null;
  attempts: ColumnType<number, number | undefined, number>;
  last_error: string | null;
  next_attempt_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface NotifyTables {
  outbox: OutboxTable;
  notifications: NotificationsTable;
}
