import type { ColumnType } from 'kysely';
import type { SubjectKind } from '../platform/auth/roles.js';

export interface ProfilesTable {
  subject_kind: SubjectKind;
  /** The USCC of an enterprise; the blind index of a person's resident ID. */
  subject_ref: string;
  as_of: string;
  /** The feature values; null for persons, whose values are stored encrypted. */
  features: ColumnType<unknown, string | null, string | null> | null;
  features_encrypted: string | null;
  features_hash: string;
  record_count: number;
  computed_at: Date;
}

export interface ProfileTables {
  profiles: ProfilesTable;
}
