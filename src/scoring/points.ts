/**
 * Score scaling: a score is a linear function of the log-odds of good, fixed by the score
 * at some reference odds and by how many points double the odds (PDO).
 */

export interface ScalingOptions {
  /** Score given at the reference odds, e.g. 600. */
  readonly baseScore: number;
  /** Good:bad odds at baseScore, e.g. 50. */
  readonly baseOdds: number;
  /** Points that double the odds, e.g. 20. */
  readonly pdo: number;
}

export const DEFAULT_SCALING: ScalingOptions = Object.freeze({
  baseScore: 600,
  baseOdds: 50,
  pdo: 20,
});

/** score = offset + factor·ln(odds of good) = offset − factor·logit(p_bad). */
export function scalingFactors(s: ScalingOptions): { factor: number; offset: number } {
  requireValidScaling(s);
  const factor = s.pdo / Math.LN2;
  return { factor, offset: s.baseScore - factor * Math.log(s.baseOdds) };
}

/**
 * Points of one bin. The intercept and offset are shared equally by the k features, so a
 * row's score is exactly the sum of the points of its bins.
 */
export function binPoints(
  coefficient: number,
  woe: number,
  intercept: number,
  featureCount: number,
  s: ScalingOptions,
): number {
  if (!Number.isInteger(featureCount) || featureCount < 1) {
    throw new RangeError(`binPoints: featureCount must be a positive integer, got ${featureCount}`);
  }
  const { factor, offset } = scalingFactors(s);
  return -(coefficient * woe + intercept / featureCount) * factor + offset / featureCount;
}

/** Score of a row whose model log-odds of bad is `logit`. */
export function scoreFromLogit(logit: number, s: ScalingOptions): number {
  const { factor, offset } = scalingFactors(s);
  return offset - factor * logit;
}

/** Probability of bad implied by a score: the inverse of {@link scoreFromLogit}. */
export function probabilityFromScore(score: number, s: ScalingOptions): number {
  const { factor, offset } = scalingFactors(s);
  const logit = (offset - score) / factor;
  return 1 / (1 + Math.exp(-logit));
}

function requireValidScaling(s: ScalingOptions): void {
  if (!Number.isFinite(s.baseScore) || !isPositiveFinite(s.baseOdds) || !isPositiveFinite(s.pdo)) {
    throw new RangeError(
      `scaling needs a finite base score and positive finite base odds and PDO, got ${JSON.stringify(s)}`,
    );
  }
}

const isPositiveFinite = (value: number) => value > 0 && Number.isFinite(value);
