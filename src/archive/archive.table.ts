import type { ColumnType } from 'kysely';
import type { SubjectKind } from '../platform/auth/roles.js';
import type { DocumentKind } from './retention.js';

/** Append-only (trigger): rows are inserted, never updated or deleted. */
type Fixed<T> = ColumnType<T, T, never>;

export interface ArchiveBlobsTable {
  sha256: Fixed<string>;
  size_bytes: Fixed<bigint>;
  /** The encrypted envelope; PGlite reads bytea as a Uint8Array, pg as a Buffer. */
  content: ColumnType<Uint8Array, Buffer, never>;
  created_at: Fixed<Date>;
}

export interface ArchiveDocumentsTable {
  id: Fixed<string>;
  sha256: Fixed<string>;
  media_type: Fixed<string>;
  file_name: Fixed<string>;
  kind: Fixed<DocumentKind>;
  owner_user_id: Fixed<string | null>;
  subject_kind: Fixed<SubjectKind | null>;
  subject_id: Fixed<string | null>;
  application_id: Fixed<string | null>;
  created_at: Fixed<Date>;
  /** `YYYY-MM-DD`; only ever moved later. Read it with `to_char` (see the repository). */
  retain_until: ColumnType<string, string, string>;
}

export interface ArchiveTables {
  archive_blobs: ArchiveBlobsTable;
  archive_documents: ArchiveDocumentsTable;
}
