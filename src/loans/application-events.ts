import { queueEventsQuery } from '../notify/outbox.service.js';
import type { Tx } from '../platform/db.js';
import { DomainError } from '../platform/errors.js';
import { transition, type ApplicationEvent, type ApplicationStatus } from './application-state.js';

/** Queued at each milestone of an application, for notifications and the timeline. */
export const APPLICATION_MILESTONE = 'loans.application_milestone';

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
  const result = transition(application.status, event);
  if (!result.ok)
    throw new DomainError('CONFLICT', { detail: `${event} from ${application.status}` });
  // The timeline event, the milestone and the new status in one statement (one round trip).
  await tx
    .with('timeline', (db) =>
      db
        .insertInto('application_events')
        .values({
          application_id: application.id,
          event,
          from_status: application.status,
          to_status: result.to,
          actor,
          at,
          detail: JSON.stringify(detail),
        })
        .returning('id'),
    )
    .with('milestone', (db) =>
      queueEventsQuery(db, [
        {
          topic: APPLICATION_MILESTONE,
          payload: { applicationId: application.id, event, status: result.to },
        },
      ]),
    )
    .updateTable('loan_applications')
    .set({ status: result.to, updated_at: at })
    .where('id', '=', application.id)
    .execute();
  return result.to;
}
