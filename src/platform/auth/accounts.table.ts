import type { ColumnType } from 'kysely';
import type { Role, SubjectKind } from './roles.js';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Timestamp = ColumnType<Date, Date | undefined, Date>;

export type OrganisationKind = 'platform' | 'lender' | 'provider' | 'regulator';

export interface OrganisationsTable {
  id: string;
  kind: OrganisationKind;
  code: string;
  name: string;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: string;
  login: string;
  password_hash: string;
  display_name: string;
  role: Role;
  organisation_id: string | null;
  subject_kind: SubjectKind | null;
  subject_id: string | null;
  status: 'active' | 'disabled';
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  created_at: CreatedAt;
  updated_at: Timestamp;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: CreatedAt;
  expires_at: Date;
  revoked_at: Date | null;
}

export interface ApiKeysTable {
  id: string;
  organisation_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  created_by: string | null;
  created_at: CreatedAt;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

export interface AccountsTables {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
}
