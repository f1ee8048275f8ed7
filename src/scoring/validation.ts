/**
 * How well a scorecard separates goods from bads on a data set it was (train) or was not
 * (test) fitted on: AUC, KS, Gini, the confusion at a cut-off, calibration by decile and the
 * stability of the score distribution (PSI) from one set to the other. Pure.
 */
import {
  auc,
  calibrationByDecile,
  confusionAt,
  gini,
  ksStatistic,
  psi,
  rocCurve,
} from './metrics.js';
import { rocSvg, ksSvg, scoreDistributionSvg } from './charts.js';
import { scoreRow, type FeatureColumn, type Scorecard } from './scorecard.js';

export interface ScoredSet {
  readonly scores: Float64Array;
  readonly pd: Float64Array;
  readonly target: ArrayLike<0 | 1>;
}

export interface SetMetrics {
  readonly rows: number;
  readonly bads: number;
  readonly auc: number;
  readonly ks: number;
  readonly gini: number;
  readonly confusion: ReturnType<typeof confusionAt>;
  readonly calibration: ReturnType<typeof calibrationByDecile>;
}

export interface ValidationReport {
  /** Probability of default at or above which a row counts as predicted bad. */
  readonly cutOffPd: number;
  readonly train: SetMetrics;
  readonly test: SetMetrics | null;
  /** PSI of test scores against train scores; null without a test set. */
  readonly psi: number | null;
}

/** Scores every row of a column set (columns by feature name; absent features are missing). */
export function scoreColumns(
  scorecard: Scorecard,
  columns: readonly FeatureColumn[],
  target: ArrayLike<0 | 1>,
): ScoredSet {
  const byName = new Map(columns.map((column) => [column.name, column]));
  const n = target.length;
  const scores = new Float64Array(n);
  const pd = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const result = scoreRow(scorecard, (name) => byName.get(name)?.values[i] ?? null);
    scores[i] = result.score;
    pd[i] = result.probabilityOfDefault;
  }
  return { scores, pd, target };
}

export function setMetrics(set: ScoredSet, cutOffPd: number): SetMetrics {
  const value = auc(set.pd, set.target);
  let bads = 0;
  for (let i = 0; i < set.target.length; i += 1) bads += set.target[i] ?? 0;
  return {
    rows: set.target.length,
    bads,
    auc: value,
    ks: ksStatistic(set.pd, set.target).ks,
    gini: gini(value),
    confusion: confusionAt(set.pd, set.target, cutOffPd),
    calibration: calibrationByDecile(set.pd, set.target),
  };
}

/** The cut-off by default: the observed bad rate of the training population. */
export function validate(
  train: ScoredSet,
  test: ScoredSet | null,
  cutOffPd = badRate(train.target),
): ValidationReport {
  return {
    cutOffPd,
    train: setMetrics(train, cutOffPd),
    test: test ? setMetrics(test, cutOffPd) : null,
    psi: test ? psi(train.scores, test.scores).psi : null,
  };
}

function badRate(target: ArrayLike<0 | 1>) {
  let bads = 0;
  for (let i = 0; i < target.length; i += 1) bads += target[i] ?? 0;
  return target.length === 0 ? 0 : bads / target.length;
}

/** The charts of a validation, on the test set when there is one: ROC, KS, score distribution. */
export function validationCharts(set: ScoredSet, label: string) {
  return {
    roc: rocSvg(rocCurve(set.pd, set.target), `ROC — ${label}`),
    ks: ksSvg(set.pd, set.target, `KS — ${label}`),
    scores: scoreDistributionSvg(set.scores, set.target, `Score distribution — ${label}`),
  };
}
