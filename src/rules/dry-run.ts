/**
 * Before a new rules version is published, it is run on stored application inputs next to
 * the current version, so a lender sees how many decisions would change and which way
 * (approve → decline is a different risk from review → approve) before any borrower does.
 */
import { RulesEngine, type FiredRule } from './engine.js';
import type { JdmDocument } from './jdm.js';
import {
  interpretPolicyOutput,
  POLICY_DECISIONS,
  type PolicyDecision,
  type PolicyInput,
  type PolicyOutcome,
} from './policy.js';

export interface DryRunCase {
  /** The stored input's id (an application, a snapshot hash). */
  readonly id: string;
  readonly input: PolicyInput;
}

export type DryRunSide =
  | { readonly outcome: PolicyOutcome; readonly fired: readonly FiredRule[] }
  | { readonly error: string };

export type Transition = `${PolicyDecision}->${PolicyDecision}`;

export interface DryRunCaseResult {
  readonly id: string;
  readonly current: DryRunSide;
  readonly candidate: DryRunSide;
  /** The decision differs (both sides evaluated). */
  readonly flipped: boolean;
  /** `approve->review` …, when flipped. */
  readonly transition: Transition | null;
  /** Same decision, other limit, rate or term. */
  readonly termsChanged: boolean;
  /** Same decision, other reason codes. */
  readonly reasonsChanged: boolean;
}

export interface DryRunCounts {
  readonly total: number;
  readonly unchanged: number;
  readonly flipped: number;
  readonly termsChanged: number;
  readonly reasonsChanged: number;
  /** Cases where either version failed; a candidate that fails anywhere is not publishable. */
  readonly errors: number;
  readonly transitions: Readonly<Partial<Record<Transition, number>>>;
  readonly decisions: {
    readonly current: Readonly<Record<PolicyDecision, number>>;
    readonly candidate: Readonly<Record<PolicyDecision, number>>;
  };
}

export interface DryRunReport {
  readonly currentHash: string;
  readonly candidateHash: string;
  readonly cases: readonly DryRunCaseResult[];
  readonly counts: DryRunCounts;
}

export interface DryRunOptions {
  /** An engine to reuse (its cache keeps both versions); a private one is made otherwise. */
  readonly engine?: RulesEngine;
  /** Evaluations in flight at once. */
  readonly concurrency?: number;
}

export async function dryRun(
  current: JdmDocument,
  candidate: JdmDocument,
  cases: readonly DryRunCase[],
  options: DryRunOptions = {},
): Promise<DryRunReport> {
  const engine = options.engine ?? new RulesEngine();
  try {
    const currentHash = engine.load(current);
    const candidateHash = engine.load(candidate);
    const side = async (hash: string, input: PolicyInput): Promise<DryRunSide> => {
      try {
        const evaluation = await engine.evaluate(hash, input);
        return { outcome: interpretPolicyOutput(evaluation.result), fired: evaluation.trace };
      } catch (error) {
        return { error: error instanceof Error ? error.message : String(error) };
      }
    };
    const results = await mapLimited(cases, options.concurrency ?? 64, async (item) =>
      compare(item.id, await side(currentHash, item.input), await side(candidateHash, item.input)),
    );
    return { currentHash, candidateHash, cases: results, counts: count(results) };
  } finally {
    if (!options.engine) engine.dispose();
  }
}

function compare(id: string, current: DryRunSide, candidate: DryRunSide): DryRunCaseResult {
  if (!('outcome' in current) || !('outcome' in candidate)) {
    return {
      id,
      current,
      candidate,
      flipped: false,
      transition: null,
      termsChanged: false,
      reasonsChanged: false,
    };
  }
  const before = current.outcome;
  const after = candidate.outcome;
  const flipped = before.decision !== after.decision;
  return {
    id,
    current,
    candidate,
    flipped,
    transition: flipped ? `${before.decision}->${after.decision}` : null,
    termsChanged:
      !flipped &&
      (before.maxLimitFen !== after.maxLimitFen ||
        before.rateBp !== after.rateBp ||
        before.maxTermMonths !== after.maxTermMonths),
    reasonsChanged: !flipped && before.reasons.join(',') !== after.reasons.join(','),
  };
}

function count(results: readonly DryRunCaseResult[]): DryRunCounts {
  const zero = () =>
    Object.fromEntries(POLICY_DECISIONS.map((d) => [d, 0])) as Record<PolicyDecision, number>;
  const current = zero();
  const candidate = zero();
  const transitions: Partial<Record<Transition, number>> = {};
  let unchanged = 0;
  let flipped = 0;
  let termsChanged = 0;
  let reasonsChanged = 0;
  let errors = 0;
  for (const result of results) {
    if (!('outcome' in result.current) || !('outcome' in result.candidate)) {
      errors += 1;
      continue;
    }
    current[result.current.outcome.decision] += 1;
    candidate[result.candidate.outcome.decision] += 1;
    if (result.transition) {
      flipped += 1;
      transitions[result.transition] = (transitions[result.transition] ?? 0) + 1;
    }
    if (result.termsChanged) termsChanged += 1;
    if (result.reasonsChanged) reasonsChanged += 1;
    if (!result.flipped && !result.termsChanged && !result.reasonsChanged) unchanged += 1;
  }
  return {
    total: results.length,
    unchanged,
    flipped,
    termsChanged,
    reasonsChanged,
    errors,
    transitions,
    decisions: { current, candidate },
  };
}

/** Results in input order, at most `limit` calls pending at once. */
async function mapLimited<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}
