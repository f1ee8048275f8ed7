import { sql, type Insertable } from 'kysely';
import type { SubjectKind } from '../platform/auth/roles.js';
import type { Db, Tx } from '../platform/db.js';
import type { ScorecardModelsTable, ScoresTable } from './scoring.table.js';

type Queryable = Db | Tx;

const SUMMARY_COLUMNS = [
  'id',
  'subject_kind',
  'segment',
  'version',
  'status',
  'training_data_hash',
  'parameters',
  'metrics',
  'created_by',
  'created_at',
  'activated_at',
  'retired_at',
] as const;

export const insertModel = (db: Tx, row: Insertable<ScorecardModelsTable>) =>
  db.insertInto('scorecard_models').values(row).execute();

export async function nextModelVersion(db: Tx, kind: SubjectKind, segment: string) {
  const row = await db
    .selectFrom('scorecard_models')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('subject_kind', '=', kind)
    .where('segment', '=', segment)
    .executeTakeFirst();
  return (row?.latest ?? 0) + 1;
}

export const findModel = (db: Queryable, id: string) =>
  db.selectFrom('scorecard_models').selectAll().where('id', '=', id).executeTakeFirst();

export const listModels = (db: Queryable, filter: { kind?: SubjectKind; segment?: string }) => {
  let query = db.selectFrom('scorecard_models').select(SUMMARY_COLUMNS);
  if (filter.kind) query = query.where('subject_kind', '=', filter.kind);
  if (filter.segment) query = query.where('segment', '=', filter.segment);
  return query.orderBy('subject_kind').orderBy('segment').orderBy('version', 'desc').execute();
};

export const activeModels = (db: Queryable, kind: SubjectKind) =>
  db
    .selectFrom('scorecard_models')
    .selectAll()
    .where('subject_kind', '=', kind)
    .where('status', '=', 'active')
    .execute();

/** Retires the active model of the segment, if any, and activates this one. */
export async function activate(
  db: Tx,
  model: { id: string; kind: SubjectKind; segment: string },
  at: Date,
) {
  await db
    .updateTable('scorecard_models')
    .set({ status: 'retired', retired_at: at })
    .where('subject_kind', '=', model.kind)
    .where('segment', '=', model.segment)
    .where('status', '=', 'active')
    .execute();
  await db
    .updateTable('scorecard_models')
    .set({ status: 'active', activated_at: at, retired_at: null })
    .where('id', '=', model.id)
    .execute();
}

export const insertScores = (db: Tx, rows: readonly Insertable<ScoresTable>[]) =>
  rows.length === 0
    ? Promise.resolve()
    : db
        .insertInto('scores')
        .values([...rows])
        .execute();

/** The latest score of each subject given. */
export async function latestScores(db: Queryable, kind: SubjectKind, refs: readonly string[]) {
  if (refs.length === 0) return [];
  const result = await sql<{
    subject_ref: string;
    model_id: string;
    features_hash: string;
  }>`
    select s.subject_ref, s.model_id, s.features_hash
    from unnest(${[...refs]}::text[]) as k (ref)
    cross join lateral (
      select subject_ref, model_id, features_hash from scores
      where subject_kind = ${kind} and subject_ref = k.ref
      order by id desc limit 1
    ) as s`.execute(db);
  return result.rows;
}

export const latestScoreRow = (db: Queryable, kind: SubjectKind, ref: string) =>
  db
    .selectFrom('scores')
    .selectAll()
    .where('subject_kind', '=', kind)
    .where('subject_ref', '=', ref)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();

/** Each subject's latest score, where it was made by this model (for monitoring). */
export async function liveScoresOf(
  db: Queryable,
  modelId: string,
): Promise<{ subject_ref: string; score: number }[]> {
  const result = await sql<{ subject_ref: string; score: number }>`
    select subject_ref, score from (
      select distinct on (subject_kind, subject_ref) subject_ref, model_id, score
      from scores
      where (subject_kind, subject_ref) in (
        select subject_kind, subject_ref from scores where model_id = ${modelId}::uuid
      )
      order by subject_kind, subject_ref, id desc
    ) as latest
    where model_id = ${modelId}::uuid`.execute(db);
  return result.rows;
}

/** A subject's stored scores, newest first: one per model and set of values it was given. */
export const scoreHistoryRows = (db: Queryable, kind: SubjectKind, ref: string, limit: number) =>
  db
    .selectFrom('scores')
    .leftJoin('scorecard_models', 'scorecard_models.id', 'scores.model_id')
    .select([
      'scores.score',
      'scores.grade',
      'scores.probability_of_default',
      'scores.model_id',
      'scores.trigger',
      'scores.computed_at',
      'scorecard_models.segment',
      'scorecard_models.version',
    ])
    .where('scores.subject_kind', '=', kind)
    .where('scores.subject_ref', '=', ref)
    .orderBy('scores.id', 'desc')
    .limit(limit)
    .execute();
