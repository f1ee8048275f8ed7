import { sql, type Insertable, type Selectable } from 'kysely';
import { enqueueEvents } from '../notify/outbox.service.js';
import type { OutboxHandler } from '../notify/worker.js';
import type { SubjectKind } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { formatReason } from '../profile/features.js';
import {
  allProfiles,
  countProfiles,
  PROFILE_CHANGED,
  profilesOf,
  rebuildProfiles,
  openProfileValues,
  profileValuesQuery,
  subjectsOfChanges,
  type FeatureValues,
  type Profile,
} from '../profile/profile.service.js';
import type { Locale } from '../platform/locale.js';
import { openJson, sealJson } from '../platform/crypto.js';
import { gradeOf } from './grades.js';
import * as repo from './models.repository.js';
import { MODEL_ACTIVATED } from './models.service.js';
import { reasonContributions, scoreRow, type Scorecard } from './scorecard.js';
import type { ScorecardModelsTable, ScoresTable, ScoreTrigger } from './scoring.table.js';
import { SEGMENT_FEATURE, segmentsToTry } from './segments.js';

const SCORE_REASONS = 'scores.reasons';
/** Reasons kept with a score: the features that cost it most. */
const REASON_COUNT = 4;

export interface StoredReason {
  readonly feature: string;
  readonly value: number | string | null;
  /** Points below the feature's best bin. */
  readonly shortfall: number;
}

type ModelRow = Selectable<ScorecardModelsTable>;

function modelFor(active: readonly ModelRow[], profile: Profile): ModelRow | undefined {
  const industry = profile.features.find((f) => f.feature === SEGMENT_FEATURE)?.value;
  for (const segment of segmentsToTry(profile.subjectKind, industry)) {
    const model = active.find((row) => row.segment === segment);
    if (model) return model;
  }
  return undefined;
}

function scoreProfile(
  ctx: AppContext,
  model: ModelRow,
  profile: Profile,
  trigger: ScoreTrigger,
): Insertable<ScoresTable> {
  const values = new Map(profile.features.map((f) => [f.feature, f.value]));
  const result = scoreRow(model.scorecard as Scorecard, (name) => values.get(name) ?? null);
  const reasons: StoredReason[] = reasonContributions(result, REASON_COUNT).map((c) => ({
    feature: c.feature,
    value: c.value,
    shortfall: Math.round(c.shortfall * 10) / 10,
  }));
  const { clear, sealed } = sealJson(
    ctx.crypto,
    reasons,
    SCORE_REASONS,
    profile.subjectKind === 'person',
  );
  return {
    subject_kind: profile.subjectKind,
    subject_ref: profile.subjectRef,
    model_id: model.id,
    score: result.score,
    grade: gradeOf(result.probabilityOfDefault),
    probability_of_default: result.probabilityOfDefault,
    reasons: clear,
    reasons_encrypted: sealed,
    features_hash: profile.featuresHash,
    trigger,
    computed_at: ctx.now(),
  };
}

/**
 * Scores subjects by the active model of their segment, from their stored profiles, and
 * stores each score with the model version and the hash of the values it used. A subject
 * whose latest score came from the same model and values is not scored again. Returns how
 * many scores were stored.
 */
export async function scoreSubjects(
  ctx: AppContext,
  tx: Tx,
  kind: SubjectKind,
  refs: readonly string[],
  trigger: ScoreTrigger,
): Promise<number> {
  if (refs.length === 0) return 0;
  const active = await repo.activeModels(tx, kind);
  if (active.length === 0) return 0;
  const profiles = await profilesOf(ctx, tx, kind, refs);
  const latest = new Map(
    (await repo.latestScores(tx, kind, refs)).map((row) => [row.subject_ref, row]),
  );
  const rows: Insertable<ScoresTable>[] = [];
  for (const profile of profiles.values()) {
    const model = modelFor(active, profile);
    if (!model) continue;
    const previous = latest.get(profile.subjectRef);
    if (previous?.model_id === model.id && previous.features_hash === profile.featuresHash) {
      continue;
    }
    rows.push(scoreProfile(ctx, model, profile, trigger));
  }
  await repo.insertScores(tx, rows);
  return rows.length;
}

/** Queued once a changed subject's score is up to date (rescored or not), for monitoring. */
export const SUBJECT_RESCORED = 'scoring.subject_rescored';

/**
 * Follows profile changes: each changed profile is scored once, in the delivery's
 * transaction; then each subject is announced as up to date.
 */
export const scoreUpdater: OutboxHandler = {
  topic: PROFILE_CHANGED,
  batchSize: 2000,
  handle: async (ctx, events, tx) => {
    const touched = subjectsOfChanges(events);
    await scoreSubjects(ctx, tx, 'enterprise', touched.enterprise, 'record_change');
    await scoreSubjects(ctx, tx, 'person', touched.person, 'record_change');
    await enqueueEvents(
      tx,
      (['enterprise', 'person'] as const).flatMap((subjectKind) =>
        touched[subjectKind].map((subjectRef) => ({
          topic: SUBJECT_RESCORED,
          payload: { subjectKind, subjectRef },
        })),
      ),
    );
  },
};

/** A subject's latest score and the one before it (null where there is none). */
export async function scoreChange(db: Db | Tx, kind: SubjectKind, ref: string) {
  const rows = await db
    .selectFrom('scores')
    .select('score')
    .where('subject_kind', '=', kind)
    .where('subject_ref', '=', ref)
    .orderBy('id', 'desc')
    .limit(2)
    .execute();
  return { before: rows[1]?.score ?? null, after: rows[0]?.score ?? null };
}

/** After a model is activated, every profile of its kind is scored again. */
export const activationRescorer: OutboxHandler = {
  topic: MODEL_ACTIVATED,
  batchSize: 10,
  handle: async (ctx, events, tx) => {
    const kinds = new Set(events.map((e) => e.payload.subjectKind));
    for (const kind of ['enterprise', 'person'] as const) {
      if (!kinds.has(kind)) continue;
      for await (const page of allProfiles(ctx, tx, kind)) {
        await scoreSubjects(
          ctx,
          tx,
          kind,
          page.map((p) => p.subjectRef),
          'model_activated',
        );
      }
    }
  },
};

export interface RescoreProgress {
  readonly stage: 'profiles' | 'scores';
  readonly kind: SubjectKind;
  readonly done: number;
  readonly total: number;
}

/**
 * Recomputes every profile (their as-of dates move on) and scores every subject again, a
 * page per transaction.
 */
export async function rescoreAll(
  ctx: AppContext,
  onProgress?: (progress: RescoreProgress) => void,
): Promise<{ profiles: number; scores: number }> {
  let profiles = 0;
  let scores = 0;
  for (const kind of ['enterprise', 'person'] as const) {
    const rebuilt = await rebuildProfiles(ctx, kind, (done, total) =>
      onProgress?.({ stage: 'profiles', kind, done, total }),
    );
    profiles += rebuilt.subjects;
    const total = await countProfiles(ctx, kind);
    let done = 0;
    for await (const page of allProfiles(ctx, ctx.db, kind)) {
      const refs = page.map((p) => p.subjectRef);
      scores += await ctx.db
        .transaction()
        .execute((tx) => scoreSubjects(ctx, tx, kind, refs, 'rescore'));
      done += page.length;
      onProgress?.({ stage: 'scores', kind, done, total });
    }
  }
  return { profiles, scores };
}

export interface ScoreView {
  readonly score: number;
  readonly grade: string;
  readonly probabilityOfDefault: number;
  readonly model: { readonly id: string; readonly segment: string; readonly version: number };
  readonly reasons: { readonly feature: string; readonly text: string }[];
  readonly computedAt: Date;
}

/** The latest score of a subject, as a decision reads it: no wording, no model lookup. */
export async function currentScore(db: Db | Tx, kind: SubjectKind, ref: string) {
  const row = await repo.latestScoreRow(db, kind, ref);
  if (!row) return null;
  return {
    score: row.score,
    grade: row.grade,
    probabilityOfDefault: row.probability_of_default,
    modelId: row.model_id,
  };
}

/**
 * What a decision reads of a subject, in one round trip: its latest score as
 * {@link currentScore} gives it, and its profile's feature values by name (as
 * {@link profileValuesOf}, without the records they come from).
 */
export async function scoreAndFeatureValues(
  ctx: AppContext,
  db: Db | Tx,
  kind: SubjectKind,
  ref: string,
): Promise<{ score: Awaited<ReturnType<typeof currentScore>>; features: FeatureValues }> {
  const { rows } = await sql<{
    score: number | null;
    grade: string | null;
    probability_of_default: number | null;
    model_id: string | null;
    feature_values: [string, unknown][] | null;
    features_encrypted: string | null;
  }>`
    select s.score, s.grade, s.probability_of_default, s.model_id,
      p.feature_values, p.features_encrypted
    from (select 1) as one
    left join lateral (
      select score, grade, probability_of_default, model_id
      from scores
      where subject_kind = ${kind} and subject_ref = ${ref}
      order by id desc
      limit 1
    ) s on true
    left join lateral (${profileValuesQuery(kind, ref)}) p on true`.execute(db);
  const row = rows[0];
  const score =
    row && row.model_id !== null
      ? {
          score: row.score as number,
          grade: row.grade as string,
          probabilityOfDefault: row.probability_of_default as number,
          modelId: row.model_id,
        }
      : null;
  return { score, features: row ? openProfileValues(ctx, row) : {} };
}

/** The latest score of a subject (by its record key), reasons worded in the locale. */
export async function latestScoreOf(
  ctx: AppContext,
  db: Db | Tx,
  kind: SubjectKind,
  ref: string,
  locale: Locale,
): Promise<ScoreView | null> {
  const row = await repo.latestScoreRow(db, kind, ref);
  if (!row) return null;
  const model = await repo.findModel(db, row.model_id);
  const reasons = openJson(
    ctx.crypto,
    row.reasons,
    row.reasons_encrypted,
    SCORE_REASONS,
  ) as StoredReason[];
  return {
    score: row.score,
    grade: row.grade,
    probabilityOfDefault: row.probability_of_default,
    model: { id: row.model_id, segment: model?.segment ?? '', version: model?.version ?? 0 },
    reasons: reasons.map((r) => ({
      feature: r.feature,
      text: formatReason(r.feature, r.value, locale),
    })),
    computedAt: row.computed_at,
  };
}

export interface ScoreHistoryEntry {
  readonly score: number;
  readonly grade: string;
  readonly probabilityOfDefault: number;
  readonly model: { readonly id: string; readonly segment: string; readonly version: number };
  readonly trigger: ScoreTrigger;
  readonly computedAt: Date;
}

/** How many past scores a history shows: years of monthly changes, one page for a chart. */
export const SCORE_HISTORY_LIMIT = 500;

/**
 * A subject's scores over time, newest first. A score is stored only when the model or the
 * values it read changed, so each entry is a real change (or a model's rescoring).
 */
export async function scoreHistoryOf(
  db: Db | Tx,
  kind: SubjectKind,
  ref: string,
): Promise<ScoreHistoryEntry[]> {
  const rows = await repo.scoreHistoryRows(db, kind, ref, SCORE_HISTORY_LIMIT);
  return rows.map((row) => ({
    score: row.score,
    grade: row.grade,
    probabilityOfDefault: row.probability_of_default,
    model: { id: row.model_id, segment: row.segment ?? '', version: row.version ?? 0 },
    trigger: row.trigger,
    computedAt: row.computed_at,
  }));
}
