import type { Principal, SubjectKind } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { DomainError } from '../platform/errors.js';
import { personIndex } from '../registry/registry.service.js';
import {
  trainModels,
  type OutcomeLabel,
  type TrainingOutcome,
  type TrainModelsOptions,
} from './models.service.js';
import type { Outcomes } from './outcomes.js';

export interface OutcomeTraining {
  readonly enterprise: TrainingOutcome | null;
  readonly person: TrainingOutcome | null;
}

/**
 * Trains the scorecards of every subject kind the outcomes label: enterprises by USCC,
 * persons by resident ID (looked up through the blind index their records are filed under).
 * A kind whose data cannot make a model is reported as skipped; the other is still trained.
 * Fails only when no model at all could be trained.
 */
export async function trainFromOutcomes(
  ctx: AppContext,
  actor: Principal | 'system',
  outcomes: Outcomes,
  options: TrainModelsOptions = {},
  onSegment?: (kind: string, segment: string) => void,
): Promise<OutcomeTraining> {
  const train = async (kind: SubjectKind, labels: OutcomeLabel[]) =>
    labels.length === 0
      ? null
      : trainKind(
          () =>
            trainModels(ctx, actor, kind, labels, options, (segment) => onSegment?.(kind, segment)),
          kind,
        );
  const enterprise = await train(
    'enterprise',
    outcomes.enterprises.map((o) => ({ subjectRef: o.uscc, bad: o.bad })),
  );
  const person = await train(
    'person',
    outcomes.persons.map((o) => ({ subjectRef: personIndex(ctx, o.residentId), bad: o.bad })),
  );
  const result = { enterprise, person };
  const trained = [enterprise, person].flatMap((o) => o?.trained ?? []);
  if (trained.length === 0) {
    const reasons = [enterprise, person].flatMap((o) => o?.skipped ?? []);
    throw new DomainError('TRAINING_FAILED', {
      detail: reasons.map((r) => `${r.segment}: ${r.reason}`).join('; ') || 'no outcomes',
    });
  }
  return result;
}

/** Trains one kind, turning a failure of its main model into a skipped segment. */
async function trainKind(
  train: () => Promise<TrainingOutcome>,
  kind: SubjectKind,
): Promise<TrainingOutcome> {
  try {
    return await train();
  } catch (error) {
    if (!(error instanceof DomainError) || error.code !== 'TRAINING_FAILED') throw error;
    return {
      trained: [],
      skipped: [
        { segment: kind === 'person' ? 'person' : 'general', reason: String(error.params.detail) },
      ],
    };
  }
}
