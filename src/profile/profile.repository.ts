import { sql } from 'kysely';
import type { SubjectKind } from '../platform/auth/roles.js';
import type { Db, Tx } from '../platform/db.js';

type Queryable = Db | Tx;

export const findProfiles = (db: Queryable, kind: SubjectKind, refs: readonly string[]) =>
  refs.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('profiles')
        .selectAll()
        .where('subject_kind', '=', kind)
        .where('subject_ref', 'in', refs)
        .execute();

/**
 * A subject's stored profile reduced to its feature values (no sources): the columns
 * `feature_values` (`[feature, value]` pairs in catalogue order, or null when the features
 * are sealed) and `features_encrypted`. No row when there is no profile.
 */
export const profileValuesQuery = (kind: SubjectKind, ref: string) => sql<{
  feature_values: [string, unknown][] | null;
  features_encrypted: string | null;
}>`
  select p.features_encrypted,
    (select jsonb_agg(jsonb_build_array(f.value ->> 'feature', f.value -> 'value') order by f.n)
     from jsonb_array_elements(p.features) with ordinality as f (value, n)) as feature_values
  from profiles p
  where p.subject_kind = ${kind} and p.subject_ref = ${ref}`;

export interface NewProfile {
  readonly subject_kind: SubjectKind;
  readonly subject_ref: string;
  readonly as_of: string;
  /** JSON text, or null when encrypted. */
  readonly features: string | null;
  readonly features_encrypted: string | null;
  readonly features_hash: string;
  readonly record_count: number;
  readonly computed_at: Date;
}

/** Stores profiles, replacing each subject's previous one (a profile is derived data). */
export async function upsertProfiles(db: Tx, rows: readonly NewProfile[]) {
  if (rows.length === 0) return;
  const column = <T>(pick: (row: NewProfile) => T) => rows.map(pick);
  await sql`
    insert into profiles (
      subject_kind, subject_ref, as_of, features, features_encrypted, features_hash,
      record_count, computed_at
    )
    select p.subject_kind, p.subject_ref, p.as_of, p.features::jsonb, p.features_encrypted,
      p.features_hash, p.record_count, p.computed_at
    from unnest(
      ${column((r) => r.subject_kind)}::text[],
      ${column((r) => r.subject_ref)}::text[],
      ${column((r) => r.as_of)}::text[],
      ${column((r) => r.features)}::text[],
      ${column((r) => r.features_encrypted)}::text[],
      ${column((r) => r.features_hash)}::text[],
      ${column((r) => r.record_count)}::int4[],
      ${column((r) => r.computed_at)}::timestamptz[]
    ) as p (
      subject_kind, subject_ref, as_of, features, features_encrypted, features_hash,
      record_count, computed_at
    )
    on conflict (subject_kind, subject_ref) do update set
      as_of = excluded.as_of,
      features = excluded.features,
      features_encrypted = excluded.features_encrypted,
      features_hash = excluded.features_hash,
      record_count = excluded.record_count,
      computed_at = excluded.computed_at`.execute(db);
}

/** Profiles in key order after `after` (keyset pagination), for training and rescoring. */
export const pageOfProfiles = (
  db: Queryable,
  kind: SubjectKind,
  after: string | null,
  limit: number,
) => {
  let query = db.selectFrom('profiles').selectAll().where('subject_kind', '=', kind);
  if (after !== null) query = query.where('subject_ref', '>', after);
  return query.orderBy('subject_ref').limit(limit).execute();
};

export async function countProfiles(db: Queryable, kind: SubjectKind): Promise<number> {
  const row = await db
    .selectFrom('profiles')
    .select((eb) => eb.fn.countAll<bigint>().as('n'))
    .where('subject_kind', '=', kind)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
