import { sql } from 'kysely';
import type { Db, Tx } from '../platform/db.js';
import type { DocumentKind } from './retention.js';

export interface DocumentRow {
  readonly id: string;
  readonly sha256: string;
  readonly size_bytes: bigint;
  readonly media_type: string;
  readonly file_name: string;
  readonly kind: DocumentKind;
  readonly owner_user_id: string | null;
  readonly subject_kind: 'enterprise' | 'person' | null;
  readonly subject_id: string | null;
  readonly application_id: string | null;
  readonly created_at: Date;
  readonly retain_until: string;
}

/** Documents with their blob's size; never the content itself. */
function documents(db: Db | Tx) {
  return db
    .selectFrom('archive_documents as d')
    .innerJoin('archive_blobs as b', 'b.sha256', 'd.sha256')
    .select([
      'd.id',
      'd.sha256',
      'b.size_bytes',
      'd.media_type',
      'd.file_name',
      'd.kind',
      'd.owner_user_id',
      'd.subject_kind',
      'd.subject_id',
      'd.application_id',
      'd.created_at',
      // Text, whatever the driver makes of a `date` (a Date at local midnight shifts days).
      sql<string>`to_char(d.retain_until, 'YYYY-MM-DD')`.as('retain_until'),
    ]);
}

export async function blobExists(db: Db | Tx, sha256: string): Promise<boolean> {
  const row = await db
    .selectFrom('archive_blobs')
    .select('sha256')
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  return row !== undefined;
}

/** Stores a blob unless one with the hash exists (a concurrent twin waits, then does nothing). */
export async function insertBlob(
  tx: Tx,
  blob: { sha256: string; size_bytes: bigint; content: Buffer; created_at: Date },
): Promise<void> {
  await tx
    .insertInto('archive_blobs')
    .values(blob)
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

export async function insertDocument(tx: Tx, row: Omit<DocumentRow, 'size_bytes'>): Promise<void> {
  await tx.insertInto('archive_documents').values(row).execute();
}

export async function findDocument(db: Db | Tx, id: string): Promise<DocumentRow | undefined> {
  return documents(db).where('d.id', '=', id).executeTakeFirst();
}

export async function documentsOfApplication(
  db: Db | Tx,
  applicationId: string,
): Promise<DocumentRow[]> {
  return documents(db)
    .where('d.application_id', '=', applicationId)
    .orderBy('d.created_at')
    .orderBy('d.id')
    .execute();
}

export async function documentsOfOwner(
  db: Db | Tx,
  ownerUserId: string,
  page: { limit: number; offset: number },
): Promise<DocumentRow[]> {
  return documents(db)
    .where('d.owner_user_id', '=', ownerUserId)
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id')
    .limit(page.limit)
    .offset(page.offset)
    .execute();
}

export async function blobContent(db: Db | Tx, sha256: string): Promise<Buffer | undefined> {
  const row = await db
    .selectFrom('archive_blobs')
    .select('content')
    .where('sha256', '=', sha256)
    .executeTakeFirst();
  if (!row) return undefined;
  const bytes = row.content;
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

/** Moves `retain_until` of an application's documents to `until` where that is later. */
export async function extendRetention(
  tx: Tx,
  applicationId: string,
  until: string,
): Promise<number> {
  const result = await tx
    .updateTable('archive_documents')
    .set({ retain_until: until })
    .where('application_id', '=', applicationId)
    .where('retain_until', '<', until)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}
