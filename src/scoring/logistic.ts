import { CholeskyDecomposition, Matrix } from 'ml-matrix';

export interface LogisticOptions {
  /** Ridge penalty λ on the coefficients (never the intercept): objective = −loglik + λ/2·Σβ². */
  readonly l2?: number;
  /** Newton iterations before giving up; default 100. */
  readonly maxIterations?: number;
  /** Convergence when the largest absolute parameter step is below this; default 1e-10. */
  readonly tolerance?: number;
  /** Frequency weights, one per row (non-negative); default all 1. */
  readonly weights?: ArrayLike<number>;
}

export interface LogisticFit {
  readonly intercept: number;
  readonly coefficients: readonly number[];
  /**
   * Intercept first, then coefficients; from the inverse of the (penalised) Hessian at the
   * optimum, so with l2 > 0 they are the usual ridge approximation, not exact sampling errors.
   */
  readonly standardErrors: readonly number[];
  readonly iterations: number;
  readonly converged: boolean;
  /** Unpenalised (weighted) log-likelihood at the returned parameters. */
  readonly logLikelihood: number;
}

export type LogisticErrorCode = 'invalid_input' | 'single_class' | 'singular' | 'separation';

/** Carries a code so callers can tell a data problem from a programming error. */
export class LogisticFitError extends Error {
  constructor(
    readonly code: LogisticErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LogisticFitError';
  }
}

/** Rows with |logit| above this have fitted probabilities within ~1e-13 of 0 or 1. */
const SATURATED_LOGIT = 30;
/** A Cholesky pivot this small relative to its diagonal means a (near-)linear dependence. */
const SINGULAR_PIVOT_RATIO = 1e-12;
const MAX_STEP_HALVINGS = 30;
/**
 * Newton converges in well under this many steps on a well-posed problem; still moving with
 * saturated logits after it means divergence, and on large data each extra step is costly.
 */
const SEPARATION_PATIENCE = 25;

interface Problem {
  readonly n: number;
  /** Parameters: intercept plus one per feature. */
  readonly d: number;
  /** Column-major design with a leading column of ones; long contiguous loops run fastest. */
  readonly design: readonly Float64Array[];
  readonly y: Uint8Array;
  readonly w: Float64Array;
  readonly l2: number;
  /** Per-row scratch reused by every evaluation, so Newton steps allocate nothing per row. */
  readonly scratch: Scratch;
}

interface Scratch {
  readonly eta: Float64Array;
  readonly residual: Float64Array;
  readonly curvature: Float64Array;
  readonly scaled: Float64Array;
}

interface Evaluation {
  /** Penalised log-likelihood, the quantity Newton maximises. */
  readonly objective: number;
  readonly logLikelihood: number;
  /** Gradient of the objective. */
  readonly gradient: Float64Array;
  /** Negative Hessian of the objective (positive semi-definite), full d×d. */
  readonly information: Float64Array;
  readonly maxAbsLogit: number;
}

export function fitLogistic(
  columns: readonly ArrayLike<number>[],
  target: ArrayLike<0 | 1>,
  options: LogisticOptions = {},
): LogisticFit {
  const problem = buildProblem(columns, target, options);
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-10;
  let beta = initialParameters(problem);
  let state = evaluate(problem, beta);
  let iterations = 0;
  let converged = false;
  while (iterations < maxIterations && !converged) {
    iterations += 1;
    const step = newtonStep(problem, state);
    const next = lineSearch(problem, beta, step, state);
    if (next === undefined) {
      // No step improves the objective: we are at the optimum to working precision.
      converged = maxAbs(step) < Math.sqrt(tolerance);
      break;
    }
    converged = next.stepSize < tolerance;
    beta = next.beta;
    state = next.state;
    if (!converged && iterations >= SEPARATION_PATIENCE && isSeparated(problem, state)) break;
  }
  if (!converged && isSeparated(problem, state)) throw separationError();
  return summarise(problem, beta, state, iterations, converged);
}

export function predictLogit(fit: LogisticFit, row: ArrayLike<number>): number {
  if (row.length !== fit.coefficients.length) {
    throw new LogisticFitError(
      'invalid_input',
      `predictLogit: row has ${row.length} values, the model has ${fit.coefficients.length} coefficients`,
    );
  }
  let logit = fit.intercept;
  fit.coefficients.forEach((beta, j) => {
    logit += beta * (row[j] ?? Number.NaN);
  });
  return logit;
}

function buildProblem(
  columns: readonly ArrayLike<number>[],
  target: ArrayLike<0 | 1>,
  options: LogisticOptions,
): Problem {
  const n = target.length;
  const l2 = options.l2 ?? 0;
  if (n === 0) throw invalid('target is empty');
  if (!(l2 >= 0) || !Number.isFinite(l2))
    throw invalid(`l2 must be a finite number ≥ 0, got ${l2}`);
  const y = readTarget(target);
  const w = readWeights(options.weights, n);
  requireBothClasses(y, w);
  const d = columns.length + 1;
  const scratch = {
    eta: new Float64Array(n),
    residual: new Float64Array(n),
    curvature: new Float64Array(n),
    scaled: new Float64Array(n),
  };
  return { n, d, design: buildDesign(columns, n), y, w, l2, scratch };
}

function readTarget(target: ArrayLike<0 | 1>): Uint8Array {
  const y = new Uint8Array(target.length);
  for (let i = 0; i < target.length; i++) {
    const value = target[i];
    if (value !== 0 && value !== 1) throw invalid(`target[${i}] is ${String(value)}, not 0 or 1`);
    y[i] = value;
  }
  return y;
}

function readWeights(weights: ArrayLike<number> | undefined, n: number): Float64Array {
  if (weights === undefined) return new Float64Array(n).fill(1);
  if (weights.length !== n) throw invalid(`weights has ${weights.length} values, target has ${n}`);
  const w = Float64Array.from(weights);
  const bad = w.findIndex((value) => !(value >= 0) || !Number.isFinite(value));
  if (bad >= 0) throw invalid(`weights[${bad}] is ${w[bad]}, not a finite number ≥ 0`);
  return w;
}

function requireBothClasses(y: Uint8Array, w: Float64Array): void {
  let bad = 0;
  let total = 0;
  for (let i = 0; i < y.length; i++) {
    total += w[i]!;
    if (y[i] === 1) bad += w[i]!;
  }
  if (bad === 0 || bad === total) {
    throw new LogisticFitError(
      'single_class',
      `fitLogistic: the target has a single class (${bad === 0 ? 'no bads' : 'no goods'}); a logistic model needs both`,
    );
  }
}

function buildDesign(columns: readonly ArrayLike<number>[], n: number): Float64Array[] {
  const design = [new Float64Array(n).fill(1)];
  columns.forEach((column, j) => {
    if (column.length !== n)
      throw invalid(`column ${j} has ${column.length} values, target has ${n}`);
    const copy = Float64Array.from(column);
    const bad = copy.findIndex((value) => !Number.isFinite(value));
    if (bad >= 0) throw invalid(`column ${j} row ${bad} is ${copy[bad]}, not finite`);
    design.push(copy);
  });
  return design;
}

/** Intercept at the weighted base rate, so the first Newton step starts from the null model. */
function initialParameters(problem: Problem): Float64Array {
  let bad = 0;
  let total = 0;
  for (let i = 0; i < problem.n; i++) {
    total += problem.w[i]!;
    bad += problem.y[i]! * problem.w[i]!;
  }
  const beta = new Float64Array(problem.d);
  beta[0] = Math.log(bad / (total - bad));
  return beta;
}

/** Objective, gradient and information matrix at beta (IRLS: XᵀWX without an n×n W). */
function evaluate(problem: Problem, beta: Float64Array): Evaluation {
  const { n, d, design } = problem;
  const eta = linearPredictor(design, beta, problem.scratch.eta);
  const rows = rowTerms(problem, eta);
  const gradient = new Float64Array(d);
  const information = new Float64Array(d * d);
  const { scaled } = problem.scratch;
  for (let a = 0; a < d; a++) {
    const xa = design[a]!;
    gradient[a] = dot(rows.residual, xa, n);
    for (let i = 0; i < n; i++) scaled[i] = rows.curvature[i]! * xa[i]!;
    for (let b = 0; b <= a; b++) information[a * d + b] = dot(scaled, design[b]!, n);
  }
  mirrorLowerTriangle(information, d);
  const penalty = applyPenalty(problem, beta, gradient, information);
  const { logLikelihood, maxAbsLogit } = rows;
  return { objective: logLikelihood - penalty, logLikelihood, gradient, information, maxAbsLogit };
}

function linearPredictor(design: readonly Float64Array[], beta: Float64Array, eta: Float64Array) {
  const n = eta.length;
  eta.fill(0);
  design.forEach((column, a) => {
    const coefficient = beta[a]!;
    for (let i = 0; i < n; i++) eta[i]! += coefficient * column[i]!;
  });
  return eta;
}

interface RowTerms {
  /** w·(y − p): the score contribution of each row. */
  readonly residual: Float64Array;
  /** w·p·(1 − p): the IRLS weight of each row. */
  readonly curvature: Float64Array;
  readonly logLikelihood: number;
  readonly maxAbsLogit: number;
}

function rowTerms(problem: Problem, eta: Float64Array): RowTerms {
  const { n, y, w } = problem;
  const { residual, curvature } = problem.scratch;
  let logLikelihood = 0;
  let maxAbsLogit = 0;
  for (let i = 0; i < n; i++) {
    const weight = w[i]!;
    residual[i] = 0;
    curvature[i] = 0;
    if (weight === 0) continue;
    const logit = eta[i]!;
    const magnitude = Math.abs(logit);
    if (magnitude > maxAbsLogit) maxAbsLogit = magnitude;
    // One exponential of −|η| gives p, 1 − p and the log-loss without overflow or lost digits.
    const tail = Math.exp(-magnitude);
    const small = tail / (1 + tail);
    const large = 1 / (1 + tail);
    const p = logit >= 0 ? large : small;
    const q = logit >= 0 ? small : large;
    const isBad = y[i] === 1;
    const agrees = isBad === logit >= 0;
    logLikelihood -= weight * (Math.log1p(tail) + (agrees ? 0 : magnitude));
    residual[i] = weight * (isBad ? q : -p);
    curvature[i] = weight * p * q;
  }
  return { residual, curvature, logLikelihood, maxAbsLogit };
}

/** Four accumulators break the add dependency chain; this loop dominates the fit's run time. */
function dot(left: Float64Array, right: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let i = 0;
  for (; i + 3 < n; i += 4) {
    s0 += left[i]! * right[i]!;
    s1 += left[i + 1]! * right[i + 1]!;
    s2 += left[i + 2]! * right[i + 2]!;
    s3 += left[i + 3]! * right[i + 3]!;
  }
  for (; i < n; i++) s0 += left[i]! * right[i]!;
  return s0 + s1 + s2 + s3;
}

function mirrorLowerTriangle(matrix: Float64Array, d: number): void {
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < a; b++) matrix[b * d + a] = matrix[a * d + b]!;
  }
}

/** Adds the ridge terms in place and returns λ/2·Σβ²; index 0 is the unpenalised intercept. */
function applyPenalty(
  problem: Problem,
  beta: Float64Array,
  gradient: Float64Array,
  information: Float64Array,
): number {
  const { d, l2 } = problem;
  if (l2 === 0) return 0;
  let sumSquares = 0;
  for (let a = 1; a < d; a++) {
    sumSquares += beta[a]! ** 2;
    gradient[a]! -= l2 * beta[a]!;
    information[a * d + a]! += l2;
  }
  return (l2 / 2) * sumSquares;
}

function newtonStep(problem: Problem, state: Evaluation): Float64Array {
  const cholesky = factorise(problem, state);
  const rhs = Matrix.columnVector(Array.from(state.gradient));
  return Float64Array.from(cholesky.solve(rhs).getColumn(0));
}

function factorise(problem: Problem, state: Evaluation): CholeskyDecomposition {
  const { d } = problem;
  const matrix = toMatrix(state.information, d);
  const cholesky = new CholeskyDecomposition(matrix);
  const lower = cholesky.lowerTriangularMatrix;
  // ml-matrix only flags pivots ≤ 0; rounding leaves tiny positive ones for exact dependences.
  const failing = Array.from({ length: d }, (_, a) => a).find(
    (a) => !(lower.get(a, a) ** 2 > SINGULAR_PIVOT_RATIO * matrix.get(a, a)),
  );
  if (failing === undefined && cholesky.isPositiveDefinite()) return cholesky;
  if (problem.l2 === 0 && state.maxAbsLogit > SATURATED_LOGIT) throw separationError();
  throw new LogisticFitError(
    'singular',
    `fitLogistic: singular Hessian: ${describeParameter(failing ?? 0)} is constant or (nearly) a linear combination of the intercept and earlier columns (duplicated or collinear column?)`,
  );
}

function describeParameter(index: number): string {
  return index === 0 ? 'the intercept' : `column ${index - 1}`;
}

function toMatrix(values: Float64Array, d: number): Matrix {
  const matrix = new Matrix(d, d);
  for (let a = 0; a < d; a++) {
    for (let b = 0; b < d; b++) matrix.set(a, b, values[a * d + b]!);
  }
  return matrix;
}

interface Accepted {
  readonly beta: Float64Array;
  readonly state: Evaluation;
  readonly stepSize: number;
}

/** Step halving keeps every iteration an ascent even when a full Newton step overshoots. */
function lineSearch(
  problem: Problem,
  beta: Float64Array,
  step: Float64Array,
  current: Evaluation,
): Accepted | undefined {
  // Relative slack so rounding noise in a sum over many rows cannot reject the final steps.
  const floor = current.objective - 1e-12 * Math.abs(current.objective);
  let scale = 1;
  for (let halving = 0; halving <= MAX_STEP_HALVINGS; halving++) {
    const candidate = beta.map((value, a) => value + scale * step[a]!);
    const state = evaluate(problem, candidate);
    if (state.objective >= floor) return { beta: candidate, state, stepSize: scale * maxAbs(step) };
    scale /= 2;
  }
  return undefined;
}

function maxAbs(values: Float64Array): number {
  return values.reduce((max, value) => Math.max(max, Math.abs(value)), 0);
}

/** Without a penalty, a fit that saturates probabilities and will not settle has diverged. */
function isSeparated(problem: Problem, state: Evaluation): boolean {
  return problem.l2 === 0 && state.maxAbsLogit > SATURATED_LOGIT;
}

function summarise(
  problem: Problem,
  beta: Float64Array,
  state: Evaluation,
  iterations: number,
  converged: boolean,
): LogisticFit {
  const { d } = problem;
  const inverse = factorise(problem, state).solve(Matrix.eye(d, d));
  const standardErrors = Array.from({ length: d }, (_, a) => Math.sqrt(inverse.get(a, a)));
  return {
    intercept: beta[0]!,
    coefficients: Array.from(beta.subarray(1)),
    standardErrors,
    iterations,
    converged,
    logLikelihood: state.logLikelihood,
  };
}

function separationError(): LogisticFitError {
  return new LogisticFitError(
    'separation',
    'fitLogistic: perfect or quasi-perfect separation: some coefficients diverge because a feature (or combination) predicts the target exactly; merge the offending bins or set l2 > 0',
  );
}

function invalid(message: string): LogisticFitError {
  return new LogisticFitError('invalid_input', `fitLogistic: ${message}`);
}
