import { sql, type Insertable } from 'kysely';
import type { Db, Tx } from '../platform/db.js';
import type { IngestBatchesTable, QuarantinedRecordsTable, RecordsTable } from './ingest.table.js';

type Queryable = Db | Tx;

export const providerMayPush = async (db: Queryable, organisationId: string, category: string) =>
  (await db
    .selectFrom('provider_categories')
    .select('category')
    .where('organisation_id', '=', organisationId)
    .where('category', '=', category)
    .executeTakeFirst()) !== undefined;

export const listProviderCategories = (db: Queryable, organisationId: string) =>
  db
    .selectFrom('provider_categories')
    .select(['category', 'granted_at'])
    .where('organisation_id', '=', organisationId)
    .orderBy('category')
    .execute();

export const grantCategories = (db: Queryable, organisationId: string, categories: string[]) =>
  db
    .insertInto('provider_categories')
    .values(categories.map((category) => ({ organisation_id: organisationId, category })))
    .onConflict((oc) => oc.columns(['organisation_id', 'category']).doNothing())
    .execute();

export const latestMapping = (db: Queryable, organisationId: string, category: string) =>
  db
    .selectFrom('provider_mappings')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('category', '=', category)
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();

export const insertMapping = (
  db: Queryable,
  row: {
    id: string;
    organisation_id: string;
    category: string;
    fields: string;
    money_unit: 'fen' | 'yuan' | 'wan_yuan';
    value_maps: string;
    created_by: string | null;
    created_at: Date;
  },
) => db.insertInto('provider_mappings').values(row).returningAll().executeTakeFirstOrThrow();

export const findRunningFileBatch = (
  db: Queryable,
  organisationId: string,
  category: string,
  fileSha256: string,
) =>
  db
    .selectFrom('ingest_batches')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('category', '=', category)
    .where('file_sha256', '=', fileSha256)
    .where('status', '=', 'running')
    .executeTakeFirst();

export const insertBatch = (db: Queryable, row: Insertable<IngestBatchesTable>) =>
  db.insertInto('ingest_batches').values(row).returningAll().executeTakeFirstOrThrow();

export const findBatch = (db: Queryable, id: string) =>
  db.selectFrom('ingest_batches').selectAll().where('id', '=', id).executeTakeFirst();

export function listBatches(
  db: Queryable,
  filter: {
    organisationId?: string | undefined;
    category?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  let query = db.selectFrom('ingest_batches').selectAll();
  if (filter.organisationId !== undefined)
    query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.category !== undefined) query = query.where('category', '=', filter.category);
  return query
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export interface BatchProgress {
  read: number;
  accepted: number;
  newVersions: number;
  unchanged: number;
  quarantined: number;
  checkpointLine: number;
  optionalFilled: number;
  optionalPossible: number;
}

export const addBatchProgress = (db: Tx, id: string, delta: BatchProgress) =>
  db
    .updateTable('ingest_batches')
    .set((eb) => ({
      read_count: eb('read_count', '+', delta.read),
      accepted: eb('accepted', '+', delta.accepted),
      new_versions: eb('new_versions', '+', delta.newVersions),
      unchanged: eb('unchanged', '+', delta.unchanged),
      quarantined: eb('quarantined', '+', delta.quarantined),
      checkpoint_line: delta.checkpointLine,
      optional_filled: eb('optional_filled', '+', BigInt(delta.optionalFilled)),
      optional_possible: eb('optional_possible', '+', BigInt(delta.optionalPossible)),
    }))
    .where('id', '=', id)
    .execute();

export const finishBatch = (
  db: Queryable,
  id: string,
  outcome: {
    status: 'completed' | 'failed';
    failureCode?: string;
    failureDetail?: string;
    at: Date;
  },
) =>
  db
    .updateTable('ingest_batches')
    .set({
      status: outcome.status,
      failure_code: outcome.failureCode ?? null,
      failure_detail: outcome.failureDetail ?? null,
      completed_at: outcome.at,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

/** The current version of each natural key (within one provider and category). */
export const currentVersions = (
  db: Tx,
  organisationId: string,
  category: string,
  keys: readonly string[],
) =>
  keys.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('records')
        .select(['id', 'natural_key_index', 'version', 'content_hash'])
        .where('organisation_id', '=', organisationId)
        .where('category', '=', category)
        .where('natural_key_index', 'in', [...new Set(keys)])
        .where('superseded_at', 'is', null)
        .execute();

export const supersede = (db: Tx, ids: readonly bigint[], at: Date) =>
  ids.length === 0
    ? Promise.resolve()
    : db
        .updateTable('records')
        .set({ superseded_at: at })
        .where('id', 'in', [...ids])
        .execute();

export const insertRecords = (db: Tx, rows: Insertable<RecordsTable>[]) =>
  rows.length === 0
    ? Promise.resolve([])
    : db
        .insertInto('records')
        .values(rows)
        .returning(['id', 'natural_key_index', 'version', 'subject_kind', 'subject_ref'])
        .execute();

export const insertQuarantined = (db: Tx, rows: Insertable<QuarantinedRecordsTable>[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db.insertInto('quarantined_records').values(rows).execute();

/** How many quarantined records of a batch have each reason code. */
export async function quarantineReasonCounts(db: Queryable, batchId: string) {
  const result = await sql<{ code: string; n: bigint }>`
    select reason->>'code' as code, count(*) as n
    from quarantined_records, jsonb_array_elements(reasons) as reason
    where batch_id = ${batchId}
    group by 1 order by 1`.execute(db);
  return Object.fromEntries(result.rows.map((r) => [r.code, Number(r.n)]));
}

export function listQuarantined(
  db: Queryable,
  filter: {
    batchId?: string | undefined;
    organisationId?: string | undefined;
    status?: 'open' | 'resubmitted' | undefined;
    limit: number;
    offset: number;
  },
) {
  let query = db.selectFrom('quarantined_records').selectAll();
  if (filter.batchId !== undefined) query = query.where('batch_id', '=', filter.batchId);
  if (filter.organisationId !== undefined)
    query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  return query
    .orderBy('batch_id')
    .orderBy('line')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export const findQuarantined = (db: Queryable, id: bigint) =>
  db.selectFrom('quarantined_records').selectAll().where('id', '=', id).executeTakeFirst();

export const markResubmitted = (db: Tx, id: bigint, batchId: string) =>
  db
    .updateTable('quarantined_records')
    .set({ status: 'resubmitted', resolved_by_batch: batchId })
    .where('id', '=', id)
    .execute();

export const recordVersions = (
  db: Queryable,
  organisationId: string,
  category: string,
  naturalKeyIndex: string,
) =>
  db
    .selectFrom('records')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('category', '=', category)
    .where('natural_key_index', '=', naturalKeyIndex)
    .orderBy('version')
    .execute();

export const findRecord = (db: Queryable, id: bigint) =>
  db.selectFrom('records').selectAll().where('id', '=', id).executeTakeFirst();

export function listSubjectRecords(
  db: Queryable,
  filter: {
    subjectKind: 'enterprise' | 'person';
    subjectRef: string;
    category?: string | undefined;
    currentOnly: boolean;
    limit: number;
    offset: number;
  },
) {
  let query = db
    .selectFrom('records')
    .selectAll()
    .where('subject_kind', '=', filter.subjectKind)
    .where('subject_ref', '=', filter.subjectRef);
  if (filter.category !== undefined) query = query.where('category', '=', filter.category);
  if (filter.currentOnly) query = query.where('superseded_at', 'is', null);
  return query
    .orderBy('category')
    .orderBy('period', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}
