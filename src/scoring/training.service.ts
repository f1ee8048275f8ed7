import type { Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import { personIndex } from '../registry/registry.service.js';
import { trainModels, type TrainingOutcome, type TrainModelsOptions } from './models.service.js';
import type { Outcomes } from './outcomes.js';

export interface OutcomeTraining {
  readonly enterprise: TrainingOutcome | null;
  readonly person: TrainingOutcome | null;
}

/**
 * Trains the scorecards of every subject kind the outcomes label: enterprises by USCC,
 * persons by resident ID (looked up through the blind index their records are filed under).
 */
export async function trainFromOutcomes(
  ctx: AppContext,
  actor: Principal | 'system',
  outcomes: Outcomes,
  options: TrainModelsOptions = {},
  onSegment?: (kind: string, segment: string) => void,
): Promise<OutcomeTraining> {
  const enterprise =
    outcomes.enterprises.length === 0
      ? null
      : await trainModels(
          ctx,
          actor,
          'enterprise',
          outcomes.enterprises.map((o) => ({ subjectRef: o.uscc, bad: o.bad })),
          options,
          (segment) => onSegment?.('enterprise', segment),
        );
  const person =
    outcomes.persons.length === 0
      ? null
      : await trainModels(
          ctx,
          actor,
          'person',
          outcomes.persons.map((o) => ({ subjectRef: personIndex(ctx, o.residentId), bad: o.bad })),
          options,
          (segment) => onSegment?.('person', segment),
        );
  return { enterprise, person };
}
