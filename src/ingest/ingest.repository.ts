import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db, Tx } from '../platform/db.js';
import type { IngestBatchesTable, RecordsTable } from './ingest.table.js';

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

/**
 * Lets this transaction's COMMIT return before its WAL is flushed to disk
 * (`synchronous_commit = off`, for this transaction only), so the next chunk of a file is
 * not held up by an fsync per chunk.
 *
 * Why that is safe here: a crash of the application (even `kill -9`) loses nothing that
 * committed, as the server has it; only a crash of the server's OS within a fraction of a
 * second (the WAL writer's delay) can undo the last chunks, and then each with the
 * checkpoint line it moved, atomically, so a rerun of the file redoes exactly them. The batch
 * is never reported complete before its data is durable: `finishBatch` commits with the
 * default setting, and a synchronous commit flushes all WAL written before it.
 */
export async function commitWithoutWaitingForFlush(db: Tx) {
  await sql`set local synchronous_commit = off`.execute(db);
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

/**
 * The current version of each natural key (within one provider and category): its highest,
 * found in the version index `(organisation_id, category, natural_key_index, version)`.
 *
 * One index probe per key, forced: `natural_key_index = any(…)` next to the provider and
 * category lets the planner scan the provider's whole category and filter whenever its
 * statistics are stale (a table filled since the last ANALYZE, e.g. by this very ingest),
 * which made every chunk read every current record, O(n²) over a large file. A lateral
 * subquery with `limit 1` is never flattened into a join, so each key is one backward step
 * into the index, whatever the statistics say. A highest version that is superseded would
 * break the rule that only the next version supersedes one: such a key has no current
 * version here, and the version 1 written for it collides in the index, loudly, instead of
 * forking the key's history.
 */
export async function currentVersions(
  db: Queryable,
  organisationId: string,
  category: string,
  keys: readonly string[],
) {
  if (keys.length === 0) return [];
  const result = await sql<{
    id: bigint;
    natural_key_index: string;
    version: number;
    content_hash: string;
  }>`
    select r.id, r.natural_key_index, r.version, r.content_hash
    from unnest(${[...new Set(keys)]}::text[]) as k (key)
    cross join lateral (
      select id, natural_key_index, version, content_hash, superseded_at
      from records
      where organisation_id = ${organisationId}::uuid and category = ${category}
        and natural_key_index = k.key
      order by version desc
      limit 1
    ) as r
    where r.superseded_at is null`.execute(db);
  return result.rows;
}

/**
 * Marks versions superseded: by id when the chunk read them, and by key and version when an
 * earlier chunk of the same delivery wrote them after this chunk's read (one index probe
 * each, forced as in `currentVersions`).
 */
export async function supersede(
  db: Tx,
  scope: { organisationId: string; category: string },
  rows: { ids: readonly bigint[]; byVersion: readonly { key: string; version: number }[] },
  at: Date,
) {
  if (rows.ids.length > 0) {
    await sql`
      update records set superseded_at = ${at}::timestamptz
      where id = any(${rows.ids.map(String)}::int8[])`.execute(db);
  }
  if (rows.byVersion.length === 0) return;
  await sql`
    update records set superseded_at = ${at}::timestamptz
    where id = any(array(
      select r.id
      from unnest(
        ${rows.byVersion.map((r) => r.key)}::text[],
        ${rows.byVersion.map((r) => r.version)}::int4[]
      ) as k (key, version)
      cross join lateral (
        select id from records
        where organisation_id = ${scope.organisationId}::uuid and category = ${scope.category}
          and natural_key_index = k.key and version = k.version
        limit 1
      ) as r
    ))`.execute(db);
}

/** One version to store; the batch-wide columns are given once, to `insertRecords`. */
export interface NewRecord {
  readonly naturalKeyIndex: string;
  readonly version: number;
  readonly subjectKind: 'enterprise' | 'person';
  readonly subjectRef: string;
  readonly employerRef: string | null;
  readonly period: string | null;
  /** Canonical JSON, or null when the content is stored encrypted. */
  readonly content: string | null;
  readonly contentEncrypted: string | null;
  readonly contentHash: string;
  readonly line: number;
  /** Followed by a newer version of its key in the same chunk: stored superseded. */
  readonly superseded: boolean;
}

/**
 * Stores the versions of one chunk, in the order given. One statement with one array per
 * column: its text is the same whatever the chunk's size, so nothing is compiled or planned
 * per row. The contents travel as one JSON array rather than a text array: the driver
 * escapes a text array element by element in JavaScript, which for JSON texts full of
 * quotes cost more than the rest of the statement. Returns how many rows it stored.
 */
export async function insertRecords(
  db: Tx,
  batch: { id: string; organisation_id: string; category: string; schema_version: number },
  rows: readonly NewRecord[],
  at: Date,
): Promise<number> {
  if (rows.length === 0) return 0;
  const column = <T>(pick: (row: NewRecord) => T) => rows.map(pick);
  const result = await sql`
    insert into records (
      organisation_id, category, schema_version, natural_key_index, version, subject_kind,
      subject_ref, employer_ref, period, content, content_encrypted, content_hash, batch_id,
      line, received_at, superseded_at
    )
    select ${batch.organisation_id}::uuid, ${batch.category}, ${batch.schema_version}::int4,
      r.natural_key_index, r.version, r.subject_kind, r.subject_ref, r.employer_ref, r.period,
      r.content::jsonb, r.content_encrypted, r.content_hash, ${batch.id}::uuid, r.line,
      ${at}::timestamptz, case when r.superseded then ${at}::timestamptz end
    from rows from (
      unnest(${column((r) => r.naturalKeyIndex)}::text[]),
      unnest(${column((r) => r.version)}::int4[]),
      unnest(${column((r) => r.subjectKind)}::text[]),
      unnest(${column((r) => r.subjectRef)}::text[]),
      unnest(${column((r) => r.employerRef)}::text[]),
      unnest(${column((r) => r.period)}::text[]),
      json_array_elements_text(${JSON.stringify(column((r) => r.content))}::json),
      unnest(${column((r) => r.contentEncrypted)}::text[]),
      unnest(${column((r) => r.contentHash)}::text[]),
      unnest(${column((r) => r.line)}::int4[]),
      unnest(${column((r) => r.superseded)}::bool[])
    ) with ordinality as r (
      natural_key_index, version, subject_kind, subject_ref, employer_ref, period, content,
      content_encrypted, content_hash, line, superseded, ord
    )
    order by r.ord`.execute(db);
  return Number(result.numAffectedRows ?? 0n);
}

/** One refused record of a chunk; the batch-wide columns are given once. */
export interface NewQuarantined {
  readonly line: number;
  readonly rawEncrypted: string;
  /** JSON text of the reasons. */
  readonly reasons: string;
}

export async function insertQuarantined(
  db: Tx,
  batch: { id: string; organisation_id: string; category: string },
  rows: readonly NewQuarantined[],
) {
  if (rows.length === 0) return;
  await sql`
    insert into quarantined_records (
      batch_id, organisation_id, category, line, raw_encrypted, reasons
    )
    select ${batch.id}::uuid, ${batch.organisation_id}::uuid, ${batch.category}, q.line,
      q.raw_encrypted, q.reasons::jsonb
    from unnest(
      ${rows.map((r) => r.line)}::int4[],
      ${rows.map((r) => r.rawEncrypted)}::text[],
      ${rows.map((r) => r.reasons)}::text[]
    ) with ordinality as q (line, raw_encrypted, reasons, ord)
    order by q.ord`.execute(db);
}

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

const RECORD_COLUMNS = [
  'id',
  'category',
  'version',
  'subject_ref',
  'employer_ref',
  'period',
  'content',
  'content_encrypted',
  'received_at',
] as const;

/**
 * The current version of every record about the given subjects (of one kind); for
 * enterprises also their employees' records that name them as employer.
 */
export async function currentRecordsOfSubjects(
  db: Queryable,
  subjectKind: 'enterprise' | 'person',
  subjectRefs: readonly string[],
  withStaff = true,
  categories?: readonly string[],
) {
  let query = db
    .selectFrom('records')
    .select(RECORD_COLUMNS)
    .where('subject_kind', '=', subjectKind)
    .where('subject_ref', 'in', subjectRefs)
    .where('superseded_at', 'is', null);
  if (categories) query = query.where('category', 'in', categories.length > 0 ? categories : ['']);
  const own = await query.orderBy('id').execute();
  if (subjectKind === 'person' || !withStaff) return own;
  const staff = await db
    .selectFrom('records')
    .select(RECORD_COLUMNS)
    .where('employer_ref', 'in', subjectRefs)
    .where('superseded_at', 'is', null)
    .orderBy('id')
    .execute();
  return [...own, ...staff];
}

/**
 * One subject's current records in the given categories (not its staff's), and the open
 * outages of those categories' sources, in one round trip: what a verification reads of
 * the platform's data. Records come first, by id; outages by start.
 */
export async function currentRecordsAndOpenOutages(
  db: Queryable,
  subject: { kind: 'enterprise' | 'person'; ref: string },
  categories: readonly string[],
) {
  const result = await sql<RecordOrOutageRow>`
    select 'record' as part, id, category, version, subject_ref, employer_ref, period, content,
      content_encrypted, received_at, null::uuid as outage_id, null::text as reason,
      null::timestamptz as expected_end_at, null::timestamptz as started_at
    from records
    where subject_kind = ${subject.kind} and subject_ref = ${subject.ref}
      and superseded_at is null and category = any(${categories}::text[])
    union all
    select 'outage', null, category, null, null, null, null, null, null, null, id, reason,
      expected_end_at, started_at
    from source_outages
    where ended_at is null and category = any(${categories}::text[])
    order by part desc, id, started_at`.execute(db);
  const records: RecordRow[] = [];
  const outages: OutageRow[] = [];
  for (const row of result.rows) {
    // A record row has every column `records` requires; an outage row, those of an outage.
    if (row.part === 'record') records.push(row as RecordRow);
    else {
      outages.push({
        id: row.outage_id ?? '',
        category: row.category ?? '',
        reason: row.reason ?? '',
        expected_end_at: row.expected_end_at,
      });
    }
  }
  return { records, outages };
}

type RecordRow = Pick<Selectable<RecordsTable>, (typeof RECORD_COLUMNS)[number]>;
type RecordOrOutageRow = { part: 'record' | 'outage' } & {
  [K in keyof RecordRow]: RecordRow[K] | null;
} & {
  outage_id: string | null;
  reason: string | null;
  expected_end_at: Date | null;
  started_at: Date | null;
};

/** An open outage as `openOutages` reads it. */
export interface OutageRow {
  readonly id: string;
  readonly category: string;
  readonly reason: string;
  readonly expected_end_at: Date | null;
}

/** Subjects with at least one record, in key order, after `after` (keyset pagination). */
export async function subjectsWithRecords(
  db: Queryable,
  subjectKind: 'enterprise' | 'person',
  after: string | null,
  limit: number,
): Promise<string[]> {
  const result = await sql<{ subject_ref: string }>`
    select distinct subject_ref from records
    where subject_kind = ${subjectKind} and superseded_at is null
      and (${after}::text is null or subject_ref > ${after}::text)
    order by subject_ref
    limit ${limit}`.execute(db);
  return result.rows.map((row) => row.subject_ref);
}

export async function countSubjectsWithRecords(
  db: Queryable,
  subjectKind: 'enterprise' | 'person',
): Promise<number> {
  const result = await sql<{ n: bigint }>`
    select count(distinct subject_ref) as n from records
    where subject_kind = ${subjectKind} and superseded_at is null`.execute(db);
  return Number(result.rows[0]?.n ?? 0);
}
