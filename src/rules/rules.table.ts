import type { ColumnType } from 'kysely';

export interface RuleVersionsTable {
  id: string;
  organisation_id: string;
  name: string;
  version: number;
  /** The JDM document, exactly as given (an import exports unchanged). */
  jdm: ColumnType<unknown, string, string>;
  jdm_hash: string;
  status: 'draft' | 'published';
  created_by: string;
  created_at: Date;
  published_at: Date | null;
}

export interface RulesTables {
  rule_versions: RuleVersionsTable;
}
