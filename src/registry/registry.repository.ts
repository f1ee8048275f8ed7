import type { Insertable } from 'kysely';
import type { Db, Tx } from '../platform/db.js';
import type { EnterprisesTable, PersonsTable } from './registry.table.js';

type Queryable = Db | Tx;

export const findEnterpriseByUscc = (db: Queryable, uscc: string) =>
  db.selectFrom('enterprises').selectAll().where('uscc', '=', uscc).executeTakeFirst();

export const findEnterpriseById = (db: Queryable, id: string) =>
  db.selectFrom('enterprises').selectAll().where('id', '=', id).executeTakeFirst();

export const insertEnterprise = (db: Queryable, row: Insertable<EnterprisesTable>) =>
  db.insertInto('enterprises').values(row).returningAll().executeTakeFirstOrThrow();

export interface EnterpriseFilter {
  nameContains?: string | undefined;
  regionPrefix?: string | undefined;
  industry?: string | undefined;
  limit: number;
  offset: number;
}

export function listEnterprises(db: Queryable, filter: EnterpriseFilter) {
  let query = db.selectFrom('enterprises').selectAll();
  if (filter.nameContains) {
    const escaped = filter.nameContains.replace(/[\\%_]/g, (c) => `\\${c}`);
    query = query.where('name', 'like', `%${escaped}%`);
  }
  if (filter.regionPrefix) query = query.where('region_code', 'like', `${filter.regionPrefix}%`);
  if (filter.industry) query = query.where('industry', '=', filter.industry);
  return query.orderBy('uscc').limit(filter.limit).offset(filter.offset).execute();
}

export const findPersonById = (db: Queryable, id: string) =>
  db.selectFrom('persons').selectAll().where('id', '=', id).executeTakeFirst();

/** A person by any of the blind indexes their ID number may be stored under. */
export const findPersonByIndex = (db: Queryable, indexes: string[]) =>
  db.selectFrom('persons').selectAll().where('id_number_index', 'in', indexes).executeTakeFirst();

export const insertPerson = (db: Queryable, row: Insertable<PersonsTable>) =>
  db.insertInto('persons').values(row).returningAll().executeTakeFirstOrThrow();
