import { sql, type Insertable } from 'kysely';
import type { SubjectKind } from '../platform/auth/roles.js';
import type { Db, Tx } from '../platform/db.js';
import type { ConsentEventsTable, ConsentsTable } from './registry.table.js';

type Queryable = Db | Tx;

export const insertConsent = (db: Queryable, row: Insertable<ConsentsTable>) =>
  db.insertInto('consents').values(row).returningAll().executeTakeFirstOrThrow();

export const insertConsentEvent = (db: Queryable, row: Insertable<ConsentEventsTable>) =>
  db.insertInto('consent_events').values(row).execute();

export const findConsentById = (db: Queryable, id: string) =>
  db.selectFrom('consents').selectAll().where('id', '=', id).executeTakeFirst();

export const findConsentByIdForUpdate = (db: Tx, id: string) =>
  db.selectFrom('consents').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();

export const markRevoked = (db: Queryable, id: string, by: string, now: Date) =>
  db
    .updateTable('consents')
    .set({ revoked_at: now, revoked_by: by })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow();

export interface ConsentFilter {
  subject?: { kind: SubjectKind; id: string } | undefined;
  granteeOrganisationId?: string | undefined;
  limit: number;
  offset: number;
}

export function listConsents(db: Queryable, filter: ConsentFilter) {
  let query = db.selectFrom('consents').selectAll();
  if (filter.subject) {
    query = query
      .where('subject_kind', '=', filter.subject.kind)
      .where('subject_id', '=', filter.subject.id);
  }
  if (filter.granteeOrganisationId !== undefined) {
    query = query.where('grantee_organisation_id', '=', filter.granteeOrganisationId);
  }
  return query
    .orderBy('granted_at', 'desc')
    .orderBy('id')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
}

/** The newest active consent covering one category for one purpose, if any. */
export const findActiveConsent = (
  db: Queryable,
  q: {
    subjectKind: SubjectKind;
    subjectId: string;
    organisationId: string;
    category: string;
    purpose: string;
    now: Date;
  },
) =>
  db
    .selectFrom('consents')
    .select('id')
    .where('subject_kind', '=', q.subjectKind)
    .where('subject_id', '=', q.subjectId)
    .where('grantee_organisation_id', '=', q.organisationId)
    .where('purpose', '=', q.purpose)
    .where('revoked_at', 'is', null)
    .where('expires_at', '>', q.now)
    .where(sql<boolean>`categories @> array[${q.category}]::text[]`)
    .orderBy('granted_at', 'desc')
    .executeTakeFirst();

/**
 * For each category, in the order given, the newest active consent covering it for one
 * purpose; when every category has one, a `used` event per category is recorded in the same
 * statement (one round trip), in that order. Categories without a consent are absent from
 * the result and then nothing is recorded.
 */
export async function useActiveConsents(
  db: Tx,
  q: {
    subjectKind: SubjectKind;
    subjectId: string;
    organisationId: string;
    categories: readonly string[];
    purpose: string;
    now: Date;
    actorUserId: string | null;
  },
): Promise<{ category: string; id: string }[]> {
  const { rows } = await sql<{ category: string; id: string }>`
    with wanted (category, ord) as (
      select * from unnest(${[...q.categories]}::text[]) with ordinality
    ),
    found as (
      select distinct on (w.ord) w.ord, w.category, c.id
      from wanted w
      join consents c on c.categories @> array[w.category]
      where c.subject_kind = ${q.subjectKind}
        and c.subject_id = ${q.subjectId}
        and c.grantee_organisation_id = ${q.organisationId}
        and c.purpose = ${q.purpose}
        and c.revoked_at is null
        and c.expires_at > ${q.now}
      order by w.ord, c.granted_at desc
    ),
    used as (
      insert into consent_events (
        consent_id, event, actor_user_id, actor_organisation_id, category, purpose
      )
      select f.id, 'used', ${q.actorUserId}::uuid, ${q.organisationId}::uuid, f.category,
        ${q.purpose}
      from found f
      where (select count(*) from found) = (select count(*) from wanted)
      order by f.ord
    )
    select category, id from found order by ord`.execute(db);
  return rows;
}

export const listConsentEvents = (db: Queryable, consentId: string) =>
  db
    .selectFrom('consent_events')
    .selectAll()
    .where('consent_id', '=', consentId)
    .orderBy('id')
    .execute();
