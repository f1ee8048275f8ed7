import { createHash } from 'node:crypto';
import {
  countSubjectsWithRecords,
  currentRecordsOf,
  subjectsWithRecords,
  type SubjectRecord,
} from '../ingest/records.service.js';
import { RECORD_CHANGED } from '../ingest/ingest.service.js';
import { enqueueEvents, type PendingEvent } from '../notify/outbox.service.js';
import type { OutboxHandler } from '../notify/worker.js';
import type { SubjectKind } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { openJson, sealJson } from '../platform/crypto.js';
import { chinaDate } from '../platform/time.js';
import { registerReportedEnterprises } from '../registry/registry.service.js';
import { computeProfile, type FeatureValue } from './features.js';
import * as repo from './profile.repository.js';

/** Queued when a subject's feature values change: its score follows. */
export const PROFILE_CHANGED = 'profile.changed';
const PROFILE_FEATURES = 'profiles.features';

export interface Profile {
  readonly subjectKind: SubjectKind;
  readonly subjectRef: string;
  readonly asOf: string;
  readonly recordCount: number;
  readonly computedAt: Date;
  /** SHA-256 of the feature values (not their sources): what a score was computed from. */
  readonly featuresHash: string;
  readonly features: readonly FeatureValue[];
}

/** The values alone, in catalogue order, as canonical JSON: sources do not change a score. */
function valuesHash(features: readonly FeatureValue[]): string {
  const values = features.map((f) => [f.feature, f.value]);
  return createHash('sha256').update(JSON.stringify(values), 'utf8').digest('hex');
}

/**
 * Recomputes the profiles of the given subjects from their current records and stores them.
 * Subjects whose values changed get a PROFILE_CHANGED event in the same transaction.
 * Returns how many changed.
 */
export async function recomputeProfiles(
  ctx: AppContext,
  tx: Tx,
  kind: SubjectKind,
  refs: readonly string[],
): Promise<number> {
  if (refs.length === 0) return 0;
  const now = ctx.now();
  const asOf = chinaDate(now);
  const records = await currentRecordsOf(ctx, tx, kind, refs);
  const previous = new Map(
    (await repo.findProfiles(tx, kind, refs)).map((row) => [row.subject_ref, row.features_hash]),
  );
  const rows: repo.NewProfile[] = [];
  const changed: string[] = [];
  for (const ref of refs) {
    const own = records.get(ref) ?? [];
    const features = computeProfile(kind, own, asOf);
    const hash = valuesHash(features);
    if (previous.get(ref) !== hash) changed.push(ref);
    const { clear, sealed } = sealJson(ctx.crypto, features, PROFILE_FEATURES, kind === 'person');
    rows.push({
      subject_kind: kind,
      subject_ref: ref,
      as_of: asOf,
      features: clear,
      features_encrypted: sealed,
      features_hash: hash,
      record_count: own.length,
      computed_at: now,
    });
  }
  await repo.upsertProfiles(tx, rows);
  if (kind === 'enterprise') await registerReportedEnterprises(tx, registrations(refs, records));
  await enqueueEvents(
    tx,
    changed.map((ref) => ({
      topic: PROFILE_CHANGED,
      payload: { subjectKind: kind, subjectRef: ref },
    })),
  );
  return changed.length;
}

/** Name and industry of each enterprise from its business-registration record, if any. */
function registrations(refs: readonly string[], records: Map<string, readonly SubjectRecord[]>) {
  return refs.flatMap((uscc) => {
    const record = records.get(uscc)?.find((r) => r.category === 'business_registration');
    const name = record?.content.name;
    if (typeof name !== 'string') return [];
    const industry = record?.content.industry;
    return [{ uscc, name, industry: typeof industry === 'string' ? industry : null }];
  });
}

/**
 * The subjects a batch of change events touches (record or profile changes): each event's
 * subject, or each of the subjects an ingestion event lists in `changes`, and the employer
 * a record names.
 */
export function subjectsOfChanges(events: readonly PendingEvent[]) {
  const touched = { enterprise: new Set<string>(), person: new Set<string>() };
  const add = (change: Record<string, unknown>) => {
    const kind = change.subjectKind;
    if ((kind === 'enterprise' || kind === 'person') && typeof change.subjectRef === 'string') {
      touched[kind].add(change.subjectRef);
    }
    if (typeof change.employerRef === 'string') touched.enterprise.add(change.employerRef);
  };
  for (const { payload } of events) {
    if (!Array.isArray(payload.changes)) add(payload);
    else for (const change of payload.changes as unknown[]) if (isObject(change)) add(change);
  }
  return { enterprise: [...touched.enterprise], person: [...touched.person] };
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null;

/**
 * Consumes the ingest change feed: each batch of record changes recomputes every subject it
 * touches once, in the transaction that marks the changes delivered.
 */
export const profileUpdater: OutboxHandler = {
  topic: RECORD_CHANGED,
  // An event names up to a chunk's subjects (2 000 by default): ten make one large
  // recomputation, in which a subject touched by several changes is recomputed once.
  batchSize: 10,
  handle: async (ctx, events, tx) => {
    const touched = subjectsOfChanges(events);
    await recomputeProfiles(ctx, tx, 'enterprise', touched.enterprise);
    await recomputeProfiles(ctx, tx, 'person', touched.person);
  },
};

function toProfile(ctx: AppContext, row: Awaited<ReturnType<typeof repo.findProfiles>>[number]) {
  const features = openJson(
    ctx.crypto,
    row.features,
    row.features_encrypted,
    PROFILE_FEATURES,
  ) as FeatureValue[];
  return {
    subjectKind: row.subject_kind,
    subjectRef: row.subject_ref,
    asOf: row.as_of,
    recordCount: row.record_count,
    computedAt: row.computed_at,
    featuresHash: row.features_hash,
    features,
  } satisfies Profile;
}

/**
 * For the platform's own computations (scoring): stored profiles by subject. Whoever shows
 * one to a person authorises and audits that (see `readProfile`).
 */
export async function profilesOf(
  ctx: AppContext,
  db: Db | Tx,
  kind: SubjectKind,
  refs: readonly string[],
): Promise<Map<string, Profile>> {
  const rows = await repo.findProfiles(db, kind, refs);
  return new Map(rows.map((row) => [row.subject_ref, toProfile(ctx, row)]));
}

/** Feature values by name, in catalogue order. */
export type FeatureValues = Record<string, FeatureValue['value']>;

/**
 * The feature values of a row of {@link profileValuesQuery}: the pairs the database
 * extracted, or the sealed features opened (a person's).
 */
export function openProfileValues(
  ctx: AppContext,
  row: { feature_values: [string, unknown][] | null; features_encrypted: string | null },
): FeatureValues {
  const pairs: [string, unknown][] =
    row.features_encrypted === null
      ? (row.feature_values ?? [])
      : (
          openJson(ctx.crypto, null, row.features_encrypted, PROFILE_FEATURES) as FeatureValue[]
        ).map((f) => [f.feature, f.value]);
  return Object.fromEntries(pairs) as FeatureValues;
}

/** For another domain's combined read: a subject's profile reduced to its feature values. */
export const profileValuesQuery = repo.profileValuesQuery;

/**
 * For a decision: a subject's stored feature values by name, without the records they come
 * from (lighter than {@link profilesOf}); empty when there is no profile.
 */
export async function profileValuesOf(
  ctx: AppContext,
  db: Db | Tx,
  kind: SubjectKind,
  ref: string,
): Promise<FeatureValues> {
  const { rows } = await repo.profileValuesQuery(kind, ref).execute(db);
  return rows[0] ? openProfileValues(ctx, rows[0]) : {};
}

/** Every stored profile of a kind, a page at a time, in subject order. */
export async function* allProfiles(
  ctx: AppContext,
  db: Db | Tx,
  kind: SubjectKind,
  pageSize = 500,
): AsyncGenerator<Profile[]> {
  let after: string | null = null;
  for (;;) {
    const rows = await repo.pageOfProfiles(db, kind, after, pageSize);
    if (rows.length === 0) return;
    yield rows.map((row) => toProfile(ctx, row));
    after = rows[rows.length - 1]?.subject_ref ?? null;
  }
}

export const countProfiles = (ctx: AppContext, kind: SubjectKind) =>
  repo.countProfiles(ctx.db, kind);

/**
 * Recomputes the profile of every subject of a kind that has records, a page per
 * transaction: for a new feature catalogue, or to move every as-of date forward.
 */
export async function rebuildProfiles(
  ctx: AppContext,
  kind: SubjectKind,
  onProgress?: (done: number, total: number) => void,
  pageSize = 200,
): Promise<{ subjects: number; changed: number }> {
  const total = await countSubjectsWithRecords(ctx.db, kind);
  let after: string | null = null;
  let subjects = 0;
  let changed = 0;
  for (;;) {
    const refs = await subjectsWithRecords(ctx.db, kind, after, pageSize);
    if (refs.length === 0) break;
    changed += await ctx.db.transaction().execute((tx) => recomputeProfiles(ctx, tx, kind, refs));
    subjects += refs.length;
    after = refs[refs.length - 1] ?? null;
    onProgress?.(subjects, total);
  }
  return { subjects, changed };
}
