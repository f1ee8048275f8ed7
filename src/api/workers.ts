import { objectionNotifier } from '../disputes/disputes.notifier.js';
import { sweepObjectionDeadlines } from '../disputes/disputes.service.js';
import { milestoneNotifier } from '../loans/milestones.js';
import { postLoanWatcher } from '../monitor/warnings.service.js';
import { retryWaitingVerifications } from '../loans/applications.service.js';
import { expireOffers } from '../loans/offers.service.js';
import { sendServicingNotices } from '../loans/servicing.service.js';
import { drainOutbox, startOutboxWorker, type RunningWorker } from '../notify/worker.js';
import type { AppContext } from '../platform/context.js';
import { profileUpdater } from '../profile/profile.service.js';
import { activationRescorer, scoreUpdater } from '../scoring/scores.service.js';

/**
 * The outbox consumers, in the order a change flows: records → profiles → scores →
 * post-loan warnings; and the notifications.
 * Assembled here, like the routes, so no domain imports another's consumer.
 */
export const OUTBOX_HANDLERS = [
  profileUpdater,
  scoreUpdater,
  activationRescorer,
  milestoneNotifier,
  objectionNotifier,
  postLoanWatcher,
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

/**
 * Verifies again applications that waited for a data source, lapses offers past their date,
 * queues instalment notices (due soon, overdue) and objection deadline warnings, then
 * delivers them. Safe to run on every node at once: each notice is keyed, each application
 * and expiry is locked.
 */
export async function sweepServicing(ctx: AppContext) {
  const reverified = await retryWaitingVerifications(ctx);
  const expired = await expireOffers(ctx);
  const notices = await sendServicingNotices(ctx);
  const deadlines = await sweepObjectionDeadlines(ctx);
  await drainChanges(ctx);
  return { reverified, expired, notices, deadlines };
}

/** Runs the servicing sweep on a timer in a server node. */
export function startServicingTimer(
  ctx: AppContext,
  onError: (error: unknown) => void,
): RunningWorker {
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweepServicing(ctx).catch(onError);
  }, ctx.config.servicingSweepMinutes * 60_000);
  timer.unref();
  return {
    stop: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
