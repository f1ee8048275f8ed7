import { createHash, randomUUID } from 'node:crypto';
import { recordAudit } from '../ledger/ledger.service.js';
import { enqueueEvents } from '../notify/outbox.service.js';
import { requireUser } from '../platform/auth/guards.js';
import type { Principal, SubjectKind } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { DomainError, notFound } from '../platform/errors.js';
import { FEATURES } from '../profile/features.js';
import { profilesOf, type Profile } from '../profile/profile.service.js';
import { psi } from './metrics.js';
import { characteristicStability, type CharacteristicStability } from './stability.js';
import * as repo from './models.repository.js';
import {
  scoreRow,
  trainScorecard,
  TrainingError,
  type Scorecard,
  type TrainOptions,
} from './scorecard.js';
import {
  ENTERPRISE_SEGMENTS,
  GENERAL_SEGMENT,
  MIN_SEGMENT_BADS,
  MIN_SEGMENT_ROWS,
  PERSON_SEGMENT,
  SEGMENT_FEATURE,
  segmentOf,
  type Segment,
} from './segments.js';
import { otherRows, stratifiedSplit } from './split.js';
import {
  buildTrainingSet,
  subset,
  type LabelledProfile,
  type TrainingSet,
} from './training-set.js';
import { scoreColumns, validate, validationCharts, type ValidationReport } from './validation.js';

/** Queued when a model becomes active: everyone in its segment is scored again by it. */
export const MODEL_ACTIVATED = 'scoring.model_activated';

export interface OutcomeLabel {
  readonly subjectRef: string;
  readonly bad: 0 | 1;
}

export interface TrainModelsOptions {
  readonly seed?: number;
  /** Share of each segment's population held out for validation. */
  readonly testShare?: number;
  readonly activate?: boolean;
  readonly scorecard?: TrainOptions;
}

export interface ModelSummary {
  readonly id: string;
  readonly subjectKind: SubjectKind;
  readonly segment: string;
  readonly version: number;
  readonly status: 'trained' | 'active' | 'retired';
  readonly trainingDataHash: string;
  readonly parameters: Record<string, unknown>;
  readonly metrics: Record<string, unknown>;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly activatedAt: Date | null;
  readonly retiredAt: Date | null;
}

export interface TrainingOutcome {
  readonly trained: ModelSummary[];
  /** Segments left to the general model, and why. */
  readonly skipped: { readonly segment: string; readonly reason: string }[];
}

const DEFAULT_SEED = 20261125;
/**
 * The platform's training defaults: a light ridge penalty, because a hundred profile
 * features over a few hundred subjects often separate a rare class exactly, and a cap on
 * the features kept, so that every reason a borrower is told weighs something.
 */
export const PLATFORM_SCORECARD_OPTIONS: TrainOptions = {
  l2: 1,
  selection: { maxFeatures: 12 },
};
const DEFAULT_TEST_SHARE = 0.3;

const actorName = (actor: Principal | 'system') =>
  actor === 'system' ? 'system' : actor.kind === 'user' ? `user:${actor.userId}` : 'api_key';

async function labelledProfiles(
  ctx: AppContext,
  kind: SubjectKind,
  labels: readonly OutcomeLabel[],
): Promise<{ rows: LabelledProfile[]; profiles: Map<string, Profile> }> {
  const profiles = new Map<string, Profile>();
  for (let i = 0; i < labels.length; i += 1000) {
    const page = labels.slice(i, i + 1000).map((label) => label.subjectRef);
    for (const [ref, profile] of await profilesOf(ctx, ctx.db, kind, page)) {
      profiles.set(ref, profile);
    }
  }
  const rows = labels
    .filter((label) => profiles.has(label.subjectRef))
    .map((label) => ({
      subjectRef: label.subjectRef,
      bad: label.bad,
      values: new Map(
        (profiles.get(label.subjectRef)?.features ?? []).map((f) => [f.feature, f.value]),
      ),
    }));
  return { rows, profiles };
}

/** The population of each segment: the general one is everybody of the kind. */
function segmentPopulations(kind: SubjectKind, rows: readonly LabelledProfile[]) {
  if (kind === 'person') return new Map<Segment, LabelledProfile[]>([[PERSON_SEGMENT, [...rows]]]);
  const populations = new Map<Segment, LabelledProfile[]>([[GENERAL_SEGMENT, [...rows]]]);
  for (const segment of ENTERPRISE_SEGMENTS) {
    populations.set(
      segment,
      rows.filter((row) => segmentOf(kind, row.values.get(SEGMENT_FEATURE)) === segment),
    );
  }
  return populations;
}

function trainingDataHash(rows: readonly LabelledProfile[], profiles: Map<string, Profile>) {
  const hash = createHash('sha256');
  const sorted = [...rows].sort((a, b) => (a.subjectRef < b.subjectRef ? -1 : 1));
  for (const row of sorted) {
    hash.update(`${row.subjectRef}\t${row.bad}\t${profiles.get(row.subjectRef)?.featuresHash}\n`);
  }
  return hash.digest('hex');
}

interface SegmentModel {
  readonly scorecard: Scorecard;
  readonly report: ValidationReport;
  readonly charts: ReturnType<typeof validationCharts>;
  readonly trainScores: number[];
  readonly selection: ReturnType<typeof trainScorecard>['selection'];
  readonly ivs: { feature: string; iv: number }[];
}

/** Fewer bads than this make no scorecard worth activating, whatever the maths allows. */
export const MIN_TRAINING_BADS = 10;

const hasBothClasses = (target: ArrayLike<0 | 1>) => {
  let bads = 0;
  for (let i = 0; i < target.length; i += 1) bads += target[i] ?? 0;
  return bads > 0 && bads < target.length;
};

function trainSegment(set: TrainingSet, options: TrainModelsOptions): SegmentModel {
  let bads = 0;
  for (let i = 0; i < set.target.length; i += 1) bads += set.target[i] ?? 0;
  if (bads < MIN_TRAINING_BADS) {
    throw new TrainingError(
      `${set.target.length} subjects with ${bads} bads; at least ${MIN_TRAINING_BADS} bads are needed`,
    );
  }
  const testRows = stratifiedSplit(
    set.target,
    options.testShare ?? DEFAULT_TEST_SHARE,
    options.seed ?? DEFAULT_SEED,
  );
  const train = subset(set, otherRows(testRows, set.target.length));
  const test = subset(set, testRows);
  const trained = trainScorecard(train, options.scorecard ?? PLATFORM_SCORECARD_OPTIONS);
  const trainScored = scoreColumns(trained.scorecard, train.columns, train.target);
  const testScored = scoreColumns(trained.scorecard, test.columns, test.target);
  return {
    scorecard: trained.scorecard,
    report: validate(trainScored, hasBothClasses(test.target) ? testScored : null),
    charts: hasBothClasses(test.target)
      ? validationCharts(testScored, 'test')
      : validationCharts(trainScored, 'train'),
    trainScores: Array.from(trainScored.scores),
    selection: trained.selection,
    ivs: trained.binnings
      .map((b) => ({ feature: b.feature, iv: b.iv }))
      .sort((a, b) => b.iv - a.iv),
  };
}

function segmentProblem(segment: Segment, rows: readonly LabelledProfile[]): string | null {
  if (segment === GENERAL_SEGMENT || segment === PERSON_SEGMENT) return null;
  const bads = rows.reduce((n, row) => n + row.bad, 0);
  if (rows.length < MIN_SEGMENT_ROWS || bads < MIN_SEGMENT_BADS) {
    return `${rows.length} rows and ${bads} bads; a segment model needs ${MIN_SEGMENT_ROWS} rows and ${MIN_SEGMENT_BADS} bads`;
  }
  return null;
}

/**
 * Trains a scorecard per segment of a subject kind from labelled outcomes and the subjects'
 * current profiles, registers each as a new version, and activates them if asked. Subjects
 * without a profile are left out. Fails when the general (or person) model cannot be trained.
 */
export async function trainModels(
  ctx: AppContext,
  actor: Principal | 'system',
  kind: SubjectKind,
  labels: readonly OutcomeLabel[],
  options: TrainModelsOptions = {},
  onSegment?: (segment: string) => void,
): Promise<TrainingOutcome> {
  const { rows, profiles } = await labelledProfiles(ctx, kind, labels);
  const features = FEATURES.filter((f) => f.subjects.includes(kind));
  const trained: ModelSummary[] = [];
  const skipped: { segment: string; reason: string }[] = [];
  for (const [segment, population] of segmentPopulations(kind, rows)) {
    onSegment?.(segment);
    const problem = segmentProblem(segment, population);
    if (problem) {
      skipped.push({ segment, reason: problem });
      continue;
    }
    let model: SegmentModel;
    try {
      model = trainSegment(buildTrainingSet(features, population), options);
    } catch (error) {
      if (!(error instanceof TrainingError)) throw error;
      if (segment === GENERAL_SEGMENT || segment === PERSON_SEGMENT) {
        throw new DomainError('TRAINING_FAILED', { detail: error.message });
      }
      skipped.push({ segment, reason: error.message });
      continue;
    }
    trained.push(
      await registerModel(ctx, actor, kind, segment, model, {
        dataHash: trainingDataHash(population, profiles),
        options,
      }),
    );
  }
  if (options.activate) {
    for (const model of trained) await activateModel(ctx, actor, model.id);
    return { trained: await Promise.all(trained.map((m) => getModelSummary(ctx, m.id))), skipped };
  }
  return { trained, skipped };
}

async function registerModel(
  ctx: AppContext,
  actor: Principal | 'system',
  kind: SubjectKind,
  segment: Segment,
  model: SegmentModel,
  meta: { dataHash: string; options: TrainModelsOptions },
): Promise<ModelSummary> {
  const id = randomUUID();
  await ctx.db.transaction().execute(async (tx) => {
    const version = await repo.nextModelVersion(tx, kind, segment);
    await repo.insertModel(tx, {
      id,
      subject_kind: kind,
      segment,
      version,
      status: 'trained',
      training_data_hash: meta.dataHash,
      parameters: JSON.stringify({
        seed: meta.options.seed ?? DEFAULT_SEED,
        testShare: meta.options.testShare ?? DEFAULT_TEST_SHARE,
        scaling: model.scorecard.scaling,
        ...(meta.options.scorecard ?? PLATFORM_SCORECARD_OPTIONS),
      }),
      metrics: JSON.stringify({
        validation: model.report,
        selected: model.scorecard.features.map((f) => ({ feature: f.name, iv: f.iv })),
        informationValues: model.ivs,
        dropped: model.selection.dropped,
        charts: model.charts,
      }),
      scorecard: JSON.stringify(model.scorecard),
      training_scores: JSON.stringify(model.trainScores),
      created_by: actorName(actor),
      created_at: ctx.now(),
      activated_at: null,
      retired_at: null,
    });
    await recordAudit(tx, {
      actor,
      action: 'scoring.model_trained',
      subject: { kind: 'scorecard_model', id },
      detail: { subjectKind: kind, segment, version, trainingDataHash: meta.dataHash },
    });
  });
  return getModelSummary(ctx, id);
}

function toSummary(row: Awaited<ReturnType<typeof repo.listModels>>[number]): ModelSummary {
  return {
    id: row.id,
    subjectKind: row.subject_kind,
    segment: row.segment,
    version: row.version,
    status: row.status,
    trainingDataHash: row.training_data_hash,
    parameters: row.parameters,
    metrics: row.metrics,
    createdBy: row.created_by,
    createdAt: row.created_at,
    activatedAt: row.activated_at,
    retiredAt: row.retired_at,
  };
}

async function getModelSummary(ctx: AppContext, id: string): Promise<ModelSummary> {
  const row = await repo.findModel(ctx.db, id);
  if (!row) throw notFound('model');
  return toSummary(row);
}

/** Makes a trained model the one that scores its segment; audited; everyone is rescored. */
export async function activateModel(
  ctx: AppContext,
  actor: Principal | 'system',
  id: string,
): Promise<ModelSummary> {
  await ctx.db.transaction().execute(async (tx) => {
    const row = await repo.findModel(tx, id);
    if (!row) throw notFound('model');
    if (row.status === 'active') return;
    if (row.status === 'retired') throw new DomainError('MODEL_NOT_ACTIVATABLE');
    await repo.activate(tx, { id, kind: row.subject_kind, segment: row.segment }, ctx.now());
    await recordAudit(tx, {
      actor,
      action: 'scoring.model_activated',
      subject: { kind: 'scorecard_model', id },
      detail: { subjectKind: row.subject_kind, segment: row.segment, version: row.version },
    });
    await enqueueEvents(tx, [
      { topic: MODEL_ACTIVATED, payload: { modelId: id, subjectKind: row.subject_kind } },
    ]);
  });
  return getModelSummary(ctx, id);
}

/** Every version, for the machine's own use (the CLI); see `listModels` for callers. */
export async function modelSummaries(
  ctx: AppContext,
  filter: { kind?: SubjectKind; segment?: string },
): Promise<ModelSummary[]> {
  return (await repo.listModels(ctx.db, filter)).map(toSummary);
}

export async function listModels(
  ctx: AppContext,
  principal: Principal | null,
  filter: { kind?: SubjectKind; segment?: string },
): Promise<ModelSummary[]> {
  requireUser(principal, 'operator', 'regulator');
  return modelSummaries(ctx, filter);
}

export interface ModelDetail extends ModelSummary {
  readonly scorecard: Scorecard;
}

export async function getModel(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
): Promise<ModelDetail> {
  requireUser(principal, 'operator', 'regulator');
  const row = await repo.findModel(ctx.db, id);
  if (!row) throw notFound('model');
  return { ...toSummary(row), scorecard: row.scorecard as Scorecard };
}

export const activateModelAs = (ctx: AppContext, principal: Principal | null, id: string) =>
  activateModel(ctx, requireUser(principal, 'operator'), id);

export interface StabilityReport {
  readonly modelId: string;
  readonly liveScores: number;
  /** Population stability of live scores against the training scores; null with no live score. */
  readonly psi: number | null;
  readonly bins: ReturnType<typeof psi>['bins'];
  /** Per scorecard feature: the live profiles' spread over its bins against training. */
  readonly characteristics: CharacteristicStability[];
}

/**
 * PSI of the latest live scores made by a model against its training population, and CSI of
 * each of its features over the same subjects' current profiles.
 */
export async function modelStability(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
): Promise<StabilityReport> {
  requireUser(principal, 'operator', 'regulator');
  const row = await repo.findModel(ctx.db, id);
  if (!row) throw notFound('model');
  const live = await repo.liveScoresOf(ctx.db, id);
  if (live.length === 0) {
    return { modelId: id, liveScores: 0, psi: null, bins: [], characteristics: [] };
  }
  const result = psi(
    row.training_scores,
    live.map((l) => l.score),
  );
  const values: ((feature: string) => number | string | null)[] = [];
  for (let i = 0; i < live.length; i += 1000) {
    const refs = live.slice(i, i + 1000).map((l) => l.subject_ref);
    for (const profile of (await profilesOf(ctx, ctx.db, row.subject_kind, refs)).values()) {
      const byName = new Map(profile.features.map((f) => [f.feature, f.value]));
      values.push((name) => byName.get(name) ?? null);
    }
  }
  return {
    modelId: id,
    liveScores: live.length,
    psi: result.psi,
    bins: result.bins,
    characteristics: characteristicStability(row.scorecard as Scorecard, values),
  };
}

/** For replaying a decision: the score a model version gives these feature values. */
export async function scoreWithModel(
  ctx: AppContext,
  modelId: string,
  features: Readonly<Record<string, number | string | null>>,
): Promise<number> {
  const scorecard = await modelScorecard(ctx, modelId);
  return scoreRow(scorecard, (name) => features[name] ?? null).score;
}

/** A model version's scorecard, whatever its status (what-if questions about a decision). */
export async function modelScorecard(ctx: AppContext, modelId: string): Promise<Scorecard> {
  const row = await repo.findModel(ctx.db, modelId);
  if (!row) throw notFound('model');
  return row.scorecard as Scorecard;
}

/** For statistics: the segment each model version scores. */
export async function modelSegments(ctx: AppContext, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, string>();
  const rows = await ctx.db
    .selectFrom('scorecard_models')
    .select(['id', 'segment'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, row.segment]));
}
