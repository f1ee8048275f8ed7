import type { ColumnType } from 'kysely';

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  checksum: string;
  applied_at: ColumnType<Date, Date | undefined, never>;
}

export interface IdempotencyKeysTable {
  principal: string;
  key: string;
  method: string;
  route: string;
  request_hash: string;
  status_code: number | null;
  response_body: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  completed_at: Date | null;
}

export interface PlatformTables {
  schema_migrations: SchemaMigrationsTable;
  idempotency_keys: IdempotencyKeysTable;
}
