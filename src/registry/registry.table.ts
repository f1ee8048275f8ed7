import type { ColumnType } from 'kysely';
import type { SubjectKind } from '../platform/auth/roles.js';

type CreatedAt = ColumnType<Date, Date | undefined, never>;

export interface EnterprisesTable {
  id: string;
  uscc: string;
  name: string;
  registration_authority: string;
  entity_type: string;
  region_code: string;
  industry: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface PersonsTable {
  id: string;
  id_number_index: string;
  id_number_encrypted: string;
  name_encrypted: string;
  phone_encrypted: string | null;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface ConsentsTable {
  id: string;
  subject_kind: SubjectKind;
  subject_id: string;
  grantee_organisation_id: string;
  categories: string[];
  purpose: string;
  granted_by: string;
  granted_at: CreatedAt;
  expires_at: Date;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface ConsentEventsTable {
  id: ColumnType<bigint, never, never>;
  consent_id: string;
  event: 'granted' | 'used' | 'revoked';
  actor_user_id: string | null;
  actor_organisation_id: string | null;
  category: string | null;
  purpose: string | null;
  at: CreatedAt;
}

export interface RegistryTables {
  enterprises: EnterprisesTable;
  persons: PersonsTable;
  consents: ConsentsTable;
  consent_events: ConsentEventsTable;
}
