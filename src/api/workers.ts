import { milestoneNotifier } from '../loans/milestones.js';
import { drainOutbox, startOutboxWorker, type RunningWorker } from '../notify/worker.js';
import type { AppContext } from '../platform/context.js';
import { profileUpdater } from '../profile/profile.service.js';
import { activationRescorer, scoreUpdater } from '../scoring/scores.service.js';

/**
 * The outbox consumers, in the order a change flows: records → profiles → scores; and the
 * borrowers' notifications.
 * Assembled here, like the routes, so no domain imports another's consumer.
 */
export const OUTBOX_HANDLERS = [
  profileUpdater,
  scoreUpdater,
  activationRescorer,
  milestoneNotifier,
] as const;

/** Applies every pending change now (demo seeding, CLI, tests). */
export const drainChanges = (ctx: AppContext, onBatch?: (delivered: number) => void) =>
  drainOutbox(ctx, OUTBOX_HANDLERS, onBatch);

/** The background worker of a server node. */
export function startChangeWorker(
  ctx: AppContext,
  onError: (error: unknown) => void,
): RunningWorker {
  return startOutboxWorker(ctx, OUTBOX_HANDLERS, { intervalMs: ctx.config.outboxPollMs, onError });
}
