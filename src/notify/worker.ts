import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db.js';
import { deliverPending, type PendingEvent } from './outbox.service.js';

/** A consumer of one outbox topic; its work commits with the events' delivery. */
export interface OutboxHandler {
  readonly topic: string;
  readonly batchSize: number;
  readonly handle: (ctx: AppContext, events: readonly PendingEvent[], tx: Tx) => Promise<void>;
}

/**
 * Hands every pending event of the handlers' topics to them, in order, until none is left:
 * a later handler may consume what an earlier one queued. Returns how many were delivered.
 */
export async function drainOutbox(
  ctx: AppContext,
  handlers: readonly OutboxHandler[],
  onBatch?: (delivered: number) => void,
): Promise<number> {
  let total = 0;
  for (;;) {
    let round = 0;
    for (const handler of handlers) {
      const delivered = await deliverPending(
        ctx.db,
        handler.topic,
        handler.batchSize,
        (events, tx) => handler.handle(ctx, events, tx),
        ctx.now,
      );
      round += delivered;
      if (delivered > 0) onBatch?.(delivered);
    }
    total += round;
    if (round === 0) return total;
  }
}

export interface RunningWorker {
  readonly stop: () => Promise<void>;
}

/**
 * Polls the outbox every `intervalMs` and drains it. Several nodes may run one each: events
 * are taken with FOR UPDATE SKIP LOCKED, so each is handled once.
 */
export function startOutboxWorker(
  ctx: AppContext,
  handlers: readonly OutboxHandler[],
  options: { intervalMs: number; onError: (error: unknown) => void },
): RunningWorker {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const tick = () => {
    running = drainOutbox(ctx, handlers)
      .then(() => undefined)
      .catch(options.onError)
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, options.intervalMs);
      });
  };
  timer = setTimeout(tick, options.intervalMs);
  return {
    stop: async () => {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
