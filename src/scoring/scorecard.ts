/**
 * A points scorecard, assembled from its parts: every candidate feature binned with WOE,
 * features selected by IV, correlation and VIF, a logistic regression of "bad" on the WOE
 * values of the selected features, and points per bin scaled by base score, base odds and
 * PDO. The result is plain data (JSON), so a model file, a registry row and a score all
 * read the same thing. Pure: no I/O.
 */
import {
  binCategorical,
  binIndex,
  binNumeric,
  woeOf,
  type Bin,
  type BinningOptions,
  type FeatureBinning,
} from './binning.js';
import { fitLogistic, LogisticFitError } from './logistic.js';
import {
  binPoints,
  DEFAULT_SCALING,
  probabilityFromScore,
  scalingFactors,
  type ScalingOptions,
} from './points.js';
import { selectFeatures, type SelectionOptions, type SelectionResult } from './selection.js';

export const SCORECARD_FORMAT = 'xinyi-scorecard/1';

export type FeatureColumn =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: ArrayLike<number | null> }
  | {
      readonly name: string;
      readonly kind: 'categorical';
      readonly values: ArrayLike<string | null>;
    };

export interface TrainingData {
  readonly columns: readonly FeatureColumn[];
  readonly target: ArrayLike<0 | 1>;
}

export interface TrainOptions {
  readonly binning?: BinningOptions;
  readonly selection?: SelectionOptions;
  /** Ridge penalty of the regression; 0 (none) by default. */
  readonly l2?: number;
  readonly scaling?: ScalingOptions;
}

export interface ScorecardBin {
  readonly bin: Bin;
  readonly woe: number;
  readonly points: number;
  readonly count: number;
  readonly badRate: number;
}

export interface ScorecardFeature {
  readonly name: string;
  readonly kind: 'numeric' | 'categorical';
  readonly coefficient: number;
  readonly iv: number;
  /** The binning the points were computed on, kept whole so a value is binned as in training. */
  readonly binning: FeatureBinning;
  readonly bins: readonly ScorecardBin[];
}

export interface Scorecard {
  readonly format: typeof SCORECARD_FORMAT;
  readonly scaling: ScalingOptions;
  readonly intercept: number;
  readonly features: readonly ScorecardFeature[];
  readonly population: { readonly rows: number; readonly bads: number };
}

export interface TrainedScorecard {
  readonly scorecard: Scorecard;
  /** Every candidate's binning, selected or not, for the report. */
  readonly binnings: readonly FeatureBinning[];
  readonly selection: SelectionResult;
  readonly iterations: number;
}

export class TrainingError extends Error {}

function assertTrainable(data: TrainingData) {
  const n = data.target.length;
  if (n === 0) throw new TrainingError('no rows to train on');
  let bads = 0;
  for (let i = 0; i < n; i += 1) bads += data.target[i] ?? 0;
  if (bads === 0 || bads === n) {
    throw new TrainingError(
      `the target has one class only (${bads === 0 ? 'no bads' : 'all bad'})`,
    );
  }
  for (const column of data.columns) {
    if (column.values.length !== n) {
      throw new TrainingError(`column ${column.name} has ${column.values.length} rows, not ${n}`);
    }
  }
  return bads;
}

const binColumn = (column: FeatureColumn, target: ArrayLike<0 | 1>, options?: BinningOptions) =>
  column.kind === 'numeric'
    ? binNumeric(column.name, column.values, target, options)
    : binCategorical(column.name, column.values, target, options);

function woeColumn(binning: FeatureBinning, column: FeatureColumn): Float64Array {
  const woe = new Float64Array(column.values.length);
  for (let i = 0; i < woe.length; i += 1) woe[i] = woeOf(binning, column.values[i] ?? null);
  return woe;
}

/**
 * Trains a scorecard. Throws {@link TrainingError} when the data cannot make one: no rows,
 * one class, or no feature that carries information.
 */
export function trainScorecard(data: TrainingData, options: TrainOptions = {}): TrainedScorecard {
  const bads = assertTrainable(data);
  const scaling = options.scaling ?? DEFAULT_SCALING;
  const binnings = data.columns.map((column) => binColumn(column, data.target, options.binning));
  const woeColumns = new Map(
    data.columns.map((column, i) => [
      column.name,
      woeColumn(binnings[i] as FeatureBinning, column),
    ]),
  );
  const selection = selectFeatures(
    binnings.map((binning) => ({
      feature: binning.feature,
      iv: binning.iv,
      values: woeColumns.get(binning.feature) as Float64Array,
    })),
    options.selection,
  );
  if (selection.selected.length === 0) {
    throw new TrainingError('no feature carries enough information (every IV below the minimum)');
  }
  const fit = fitOrExplain(
    selection.selected.map((name) => woeColumns.get(name) as Float64Array),
    data.target,
    options.l2,
  );
  const k = selection.selected.length;
  const features = selection.selected.map((name, j): ScorecardFeature => {
    const binning = binnings.find((b) => b.feature === name) as FeatureBinning;
    const coefficient = fit.coefficients[j] ?? 0;
    return {
      name,
      kind: binning.kind,
      coefficient,
      iv: binning.iv,
      binning,
      bins: binning.bins.map((stats) => ({
        bin: stats.bin,
        woe: stats.woe,
        points: binPoints(coefficient, stats.woe, fit.intercept, k, scaling),
        count: stats.count,
        badRate: stats.badRate,
      })),
    };
  });
  return {
    scorecard: {
      format: SCORECARD_FORMAT,
      scaling,
      intercept: fit.intercept,
      features,
      population: { rows: data.target.length, bads },
    },
    binnings,
    selection,
    iterations: fit.iterations,
  };
}

function fitOrExplain(columns: Float64Array[], target: ArrayLike<0 | 1>, l2: number | undefined) {
  try {
    return fitLogistic(columns, target, l2 === undefined ? {} : { l2 });
  } catch (error) {
    // Data the regression cannot fit is a property of the data, told as such.
    if (error instanceof LogisticFitError) throw new TrainingError(error.message);
    throw error;
  }
}

export interface Contribution {
  readonly feature: string;
  readonly value: number | string | null;
  readonly bin: Bin;
  readonly points: number;
  /** Points of the feature's best bin less these: what the value costs the score. */
  readonly shortfall: number;
}

export interface ScoreResult {
  readonly score: number;
  readonly probabilityOfDefault: number;
  readonly contributions: readonly Contribution[];
}

const bestPointsCache = new WeakMap<Scorecard, number[]>();

/** Each feature's best points, worked out once per scorecard object. */
function bestPoints(scorecard: Scorecard): number[] {
  let best = bestPointsCache.get(scorecard);
  if (!best) {
    best = scorecard.features.map((f) => Math.max(...f.bins.map((b) => b.points)));
    bestPointsCache.set(scorecard, best);
  }
  return best;
}

/** Scores one subject: `valueOf` gives the value of a feature by name (null when missing). */
export function scoreRow(
  scorecard: Scorecard,
  valueOf: (feature: string) => number | string | null,
): ScoreResult {
  let total = 0;
  const best = bestPoints(scorecard);
  const contributions = scorecard.features.map((feature, j): Contribution => {
    const value = valueOf(feature.name);
    const bin = feature.bins[binIndex(feature.binning, value)] ?? feature.bins[0];
    if (!bin) throw new Error(`scorecard feature ${feature.name} has no bins`);
    total += bin.points;
    return {
      feature: feature.name,
      value,
      bin: bin.bin,
      points: bin.points,
      shortfall: (best[j] ?? 0) - bin.points,
    };
  });
  const score = Math.round(total);
  return {
    score,
    probabilityOfDefault: probabilityFromScore(total, scorecard.scaling),
    contributions,
  };
}

/**
 * The reasons a score is not higher: the features whose value cost the most points against
 * their best bin, largest first; features that cost nothing are no reason.
 */
export function reasonContributions(result: ScoreResult, limit = 4): Contribution[] {
  return result.contributions
    .filter((c) => c.shortfall > 0.5)
    .sort((a, b) => b.shortfall - a.shortfall)
    .slice(0, limit);
}

/** The score range the scorecard can give: the sums of each feature's worst and best bins. */
export function scoreRange(scorecard: Scorecard): { min: number; max: number } {
  let min = 0;
  let max = 0;
  for (const feature of scorecard.features) {
    const points = feature.bins.map((b) => b.points);
    min += Math.min(...points);
    max += Math.max(...points);
  }
  return { min: Math.round(min), max: Math.round(max) };
}

export { scalingFactors };
