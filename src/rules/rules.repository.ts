import type { Insertable } from 'kysely';
import type { Db, Tx } from '../platform/db.js';
import type { RuleVersionsTable } from './rules.table.js';

type Queryable = Db | Tx;

const SUMMARY = [
  'id',
  'organisation_id',
  'name',
  'version',
  'jdm_hash',
  'status',
  'created_by',
  'created_at',
  'published_at',
] as const;

export async function nextVersion(db: Tx, organisationId: string, name: string) {
  const row = await db
    .selectFrom('rule_versions')
    .select((eb) => eb.fn.max('version').as('latest'))
    .where('organisation_id', '=', organisationId)
    .where('name', '=', name)
    .executeTakeFirst();
  return (row?.latest ?? 0) + 1;
}

export const insertVersion = (db: Tx, row: Insertable<RuleVersionsTable>) =>
  db.insertInto('rule_versions').values(row).returning(SUMMARY).executeTakeFirstOrThrow();

/** A version without its JDM (the document can be large). */
export const findVersion = (db: Queryable, id: string) =>
  db.selectFrom('rule_versions').selectAll().where('id', '=', id).executeTakeFirst();

export const listVersions = (db: Queryable, organisationId: string | null, name?: string) => {
  let query = db.selectFrom('rule_versions').select(SUMMARY);
  if (organisationId !== null) query = query.where('organisation_id', '=', organisationId);
  if (name !== undefined) query = query.where('name', '=', name);
  return query.orderBy('name').orderBy('version', 'desc').execute();
};

/** The latest published version of a rule set. */
export const latestPublished = (db: Queryable, organisationId: string, name: string) =>
  db
    .selectFrom('rule_versions')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .where('name', '=', name)
    .where('status', '=', 'published')
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();

export const markPublished = (db: Tx, id: string, at: Date) =>
  db
    .updateTable('rule_versions')
    .set({ status: 'published', published_at: at })
    .where('id', '=', id)
    .where('status', '=', 'draft')
    .returning(SUMMARY)
    .executeTakeFirst();
