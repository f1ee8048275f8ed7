import type { Selectable } from 'kysely';
import { queueEventsQuery, type OutboxEvent } from '../notify/outbox.service.js';
import type { Tx } from '../platform/db.js';
import { DomainError } from '../platform/errors.js';
import { transition, type ApplicationEvent, type ApplicationStatus } from './application-state.js';
import type { ApplicationEventsTable } from './loans.table.js';

/** Queued at each milestone of an application, for notifications and the timeline. */
export const APPLICATION_MILESTONE = 'loans.application_milestone';

/** One step of an application's state machine, by whom, with what to keep on its timeline. */
export interface Move {
  readonly event: ApplicationEvent;
  readonly actor: string;
  readonly detail?: Record<string, unknown>;
}

/** A row of an application's timeline, to insert. */
export type TimelineRow = Omit<Selectable<ApplicationEventsTable>, 'id' | 'detail'> & {
  readonly detail: string;
};

/** What a run of moves writes: the status it ends in, its timeline rows and milestones. */
export interface PlannedMoves {
  readonly status: ApplicationStatus;
  readonly timeline: TimelineRow[];
  readonly milestones: OutboxEvent[];
}

/**
 * The moves of an application, one after another from its status, as rows to write; a move
 * the status reached by then does not allow is a conflict.
 */
export function planMoves(
  application: { id: string; status: ApplicationStatus },
  moves: readonly Move[],
  at: Date,
): PlannedMoves {
  let status = application.status;
  const timeline: TimelineRow[] = [];
  const milestones: OutboxEvent[] = [];
  for (const { event, actor, detail = {} } of moves) {
    const result = transition(status, event);
    if (!result.ok) throw new DomainError('CONFLICT', { detail: `${event} from ${status}` });
    timeline.push({
      application_id: application.id,
      event,
      from_status: status,
      to_status: result.to,
      actor,
      at,
      detail: JSON.stringify(detail),
    });
    milestones.push({
      topic: APPLICATION_MILESTONE,
      payload: { applicationId: application.id, event, status: result.to },
    });
    status = result.to;
  }
  return { status, timeline, milestones };
}

/**
 * Moves an application by an event of its state machine, in the caller's transaction: the
 * event on its timeline, its new status, and a milestone in the outbox. An event the
 * current status does not allow is a conflict.
 */
export async function moveApplication(
  tx: Tx,
  application: { id: string; status: ApplicationStatus },
  event: ApplicationEvent,
  actor: string,
  at: Date,
  detail: Record<string, unknown> = {},
): Promise<ApplicationStatus> {
  const planned = planMoves(application, [{ event, actor, detail }], at);
  // The timeline event, the milestone and the new status in one statement (one round trip).
  await tx
    .with('timeline', (db) =>
      db.insertInto('application_events').values(planned.timeline).returning('id'),
    )
    .with('milestone', (db) => queueEventsQuery(db, planned.milestones))
    .updateTable('loan_applications')
    .set({ status: planned.status, updated_at: at })
    .where('id', '=', application.id)
    .execute();
  return planned.status;
}
