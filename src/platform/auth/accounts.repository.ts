import type { Insertable } from 'kysely';
import type { Db, Tx } from '../db.js';
import type { SubjectKind } from './roles.js';
import type {
  ApiKeysTable,
  OrganisationKind,
  OrganisationsTable,
  UsersTable,
} from './accounts.table.js';

type Queryable = Db | Tx;

export const findUserByLogin = (db: Queryable, login: string) =>
  db.selectFrom('users').selectAll().where('login', '=', login).executeTakeFirst();

export const findUserByLoginForUpdate = (db: Tx, login: string) =>
  db.selectFrom('users').selectAll().where('login', '=', login).forUpdate().executeTakeFirst();

export const findUserById = (db: Queryable, id: string) =>
  db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();

export const findUserBySubject = (db: Queryable, kind: SubjectKind, subjectId: string) =>
  db
    .selectFrom('users')
    .selectAll()
    .where('subject_kind', '=', kind)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();

export async function insertUser(db: Queryable, row: Insertable<UsersTable>) {
  return db.insertInto('users').values(row).returningAll().executeTakeFirstOrThrow();
}

export async function updateLoginState(
  db: Queryable,
  userId: string,
  state: { failedLogins: number; lockedUntil: Date | null },
  now: Date,
) {
  await db
    .updateTable('users')
    .set({ failed_logins: state.failedLogins, locked_until: state.lockedUntil, updated_at: now })
    .where('id', '=', userId)
    .execute();
}

export interface UserListFilter {
  organisationId?: string | undefined;
  role?: string | undefined;
  limit: number;
  offset: number;
}

export function listUsers(db: Queryable, filter: UserListFilter) {
  let query = db.selectFrom('users').selectAll();
  if (filter.organisationId) query = query.where('organisation_id', '=', filter.organisationId);
  if (filter.role) query = query.where('role', '=', filter.role as UsersTable['role']);
  return query
    .orderBy('created_at')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

export const insertSession = (
  db: Queryable,
  row: { id: string; user_id: string; token_hash: string; expires_at: Date },
) =>
  db
    .insertInto('sessions')
    .values({ ...row, revoked_at: null })
    .execute();

/** The live session of a token hash, joined with its active user. */
export const findLiveSession = (db: Queryable, tokenHash: string, now: Date) =>
  db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .select([
      'sessions.id as session_id',
      'sessions.expires_at',
      'users.id as user_id',
      'users.role',
      'users.organisation_id',
      'users.subject_kind',
      'users.subject_id',
    ])
    .where('sessions.token_hash', '=', tokenHash)
    .where('sessions.revoked_at', 'is', null)
    .where('sessions.expires_at', '>', now)
    .where('users.status', '=', 'active')
    .executeTakeFirst();

export const revokeSession = (db: Queryable, sessionId: string, now: Date) =>
  db
    .updateTable('sessions')
    .set({ revoked_at: now })
    .where('id', '=', sessionId)
    .where('revoked_at', 'is', null)
    .execute();

export const insertOrganisation = (db: Queryable, row: Insertable<OrganisationsTable>) =>
  db.insertInto('organisations').values(row).returningAll().executeTakeFirstOrThrow();

export const findOrganisationById = (db: Queryable, id: string) =>
  db.selectFrom('organisations').selectAll().where('id', '=', id).executeTakeFirst();

export const findOrganisationByCode = (db: Queryable, code: string) =>
  db.selectFrom('organisations').selectAll().where('code', '=', code).executeTakeFirst();

export function listOrganisations(db: Queryable, kind?: OrganisationKind) {
  let query = db.selectFrom('organisations').selectAll();
  if (kind) query = query.where('kind', '=', kind);
  return query.orderBy('code').execute();
}

export const insertApiKey = (db: Queryable, row: Insertable<ApiKeysTable>) =>
  db.insertInto('api_keys').values(row).returningAll().executeTakeFirstOrThrow();

export const findApiKeyById = (db: Queryable, id: string) =>
  db.selectFrom('api_keys').selectAll().where('id', '=', id).executeTakeFirst();

export const findLiveApiKey = (db: Queryable, prefix: string, keyHash: string) =>
  db
    .selectFrom('api_keys')
    .innerJoin('organisations', 'organisations.id', 'api_keys.organisation_id')
    .select(['api_keys.id', 'api_keys.organisation_id', 'organisations.kind'])
    .where('api_keys.prefix', '=', prefix)
    .where('api_keys.key_hash', '=', keyHash)
    .where('api_keys.revoked_at', 'is', null)
    .executeTakeFirst();

export const listApiKeys = (db: Queryable, organisationId: string) =>
  db
    .selectFrom('api_keys')
    .selectAll()
    .where('organisation_id', '=', organisationId)
    .orderBy('created_at')
    .execute();

export const revokeApiKey = (db: Queryable, id: string, now: Date) =>
  db
    .updateTable('api_keys')
    .set({ revoked_at: now })
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .returningAll()
    .executeTakeFirst();

/** Marks a key used; one write a minute per key is enough to show that it is in use. */
export const touchApiKey = (db: Queryable, id: string, now: Date) =>
  db
    .updateTable('api_keys')
    .set({ last_used_at: now })
    .where('id', '=', id)
    .where((eb) =>
      eb.or([
        eb('last_used_at', 'is', null),
        eb('last_used_at', '<', new Date(now.getTime() - 60_000)),
      ]),
    )
    .execute();
