import type { ColumnType, Generated } from 'kysely';
import type { SubjectKind } from '../platform/auth/roles.js';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Json<T> = ColumnType<T, string, string>;

export type MoneyUnit = 'fen' | 'yuan' | 'wan_yuan';
export type BatchSource = 'api' | 'file' | 'cli' | 'resubmission';
export type BatchStatus = 'running' | 'completed' | 'failed';

export interface ProviderCategoriesTable {
  organisation_id: string;
  category: string;
  granted_at: CreatedAt;
}

export interface ProviderMappingsTable {
  id: string;
  organisation_id: string;
  category: string;
  fields: Json<Record<string, string>>;
  money_unit: MoneyUnit;
  value_maps: Json<Record<string, Record<string, string>>>;
  created_by: string | null;
  created_at: CreatedAt;
}

export interface IngestBatchesTable {
  id: string;
  organisation_id: string;
  category: string;
  schema_version: number;
  source: BatchSource;
  file_name: string | null;
  file_sha256: string | null;
  status: BatchStatus;
  failure_code: string | null;
  failure_detail: string | null;
  read_count: ColumnType<number, number | undefined, number>;
  accepted: ColumnType<number, number | undefined, number>;
  new_versions: ColumnType<number, number | undefined, number>;
  unchanged: ColumnType<number, number | undefined, number>;
  quarantined: ColumnType<number, number | undefined, number>;
  checkpoint_line: ColumnType<number, number | undefined, number>;
  optional_filled: ColumnType<bigint, bigint | undefined, bigint>;
  optional_possible: ColumnType<bigint, bigint | undefined, bigint>;
  created_at: CreatedAt;
  completed_at: Date | null;
}

export interface RecordsTable {
  id: Generated<bigint>;
  organisation_id: string;
  category: string;
  schema_version: number;
  natural_key_index: string;
  version: number;
  subject_kind: SubjectKind;
  subject_ref: string;
  /** The employer's USCC, for records of categories that name one (social security …). */
  employer_ref: string | null;
  period: string | null;
  content: Json<Record<string, unknown>> | null;
  content_encrypted: string | null;
  content_hash: string;
  batch_id: string;
  line: number;
  received_at: Date;
  superseded_at: Date | null;
}

export interface QuarantinedRecordsTable {
  id: Generated<bigint>;
  batch_id: string;
  organisation_id: string;
  category: string;
  line: number;
  raw_encrypted: string;
  reasons: Json<RecordReason[]>;
  status: ColumnType<
    'open' | 'resubmitted',
    'open' | 'resubmitted' | undefined,
    'open' | 'resubmitted'
  >;
  resolved_by_batch: string | null;
  created_at: CreatedAt;
}

/** One reason a record was refused, as stored (messages are rendered when read). */
export interface RecordReason {
  readonly field: string | null;
  readonly code: string;
  readonly params?: Readonly<Record<string, string | number>>;
}

export interface IngestTables {
  provider_categories: ProviderCategoriesTable;
  provider_mappings: ProviderMappingsTable;
  ingest_batches: IngestBatchesTable;
  records: RecordsTable;
  quarantined_records: QuarantinedRecordsTable;
  source_outages: SourceOutagesTable;
}

export interface SourceOutagesTable {
  id: string;
  category: string;
  provider_organisation_id: string | null;
  reason: string;
  started_at: Date;
  expected_end_at: Date | null;
  ended_at: Date | null;
  declared_by: string;
  ended_by: string | null;
}
