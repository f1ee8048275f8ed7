import type { Insertable, QueryCreator } from 'kysely';
import { recordsUnderObjectionQuery } from '../disputes/disputes.service.js';
import { auditEventQuery } from '../ledger/ledger.service.js';
import { queueEventsQuery } from '../notify/outbox.service.js';
import type { Tx } from '../platform/db.js';
import type { DB } from '../platform/schema.js';
import type { Conclusion } from './conclusion.js';
import type { LoanApplicationsTable } from './loans.table.js';

/** A new application is inserted in its concluded status; a waiting one is updated. */
export type ConclusionTarget =
  | { readonly insert: Insertable<LoanApplicationsTable> }
  | { readonly update: { readonly id: string } };

/**
 * Writes a conclusion in one statement: the application, its timeline, milestones, check
 * results, decision, offer or review task, and the audit event (whose id it returns). The
 * parts are data-modifying `with` queries; their foreign keys are checked at the end of
 * the statement, when the application row exists. One round trip instead of one per row
 * kind is most of what a decision costs. The same statement reads which of the records the
 * checks used are under an open objection, for the application's page.
 */
export async function storeConclusion(
  tx: Tx,
  target: ConclusionTarget,
  conclusion: Conclusion,
  at: Date,
): Promise<{ auditEventId: string; recordsUnderObjection: string[] }> {
  const { verdict, offer, review } = conclusion;
  let query: QueryCreator<DB> =
    'insert' in target
      ? withPart(tx, 'application', (db) =>
          db
            .insertInto('loan_applications')
            .values({
              ...target.insert,
              status: conclusion.status,
              retry_verification_at: conclusion.retryVerificationAt,
            })
            .returning('id'),
        )
      : withPart(tx, 'application', (db) =>
          db
            .updateTable('loan_applications')
            .set({
              status: conclusion.status,
              updated_at: at,
              retry_verification_at: conclusion.retryVerificationAt,
            })
            .where('id', '=', target.update.id)
            .returning('id'),
        );
  query = withPart(query, 'timeline', (db) =>
    db
      .insertInto('application_events')
      .values([...conclusion.timeline])
      .returning('id'),
  );
  if (conclusion.milestones.length > 0) {
    query = withPart(query, 'milestones', (db) => queueEventsQuery(db, conclusion.milestones));
  }
  if (verdict.checkRows.length > 0) {
    query = withPart(query, 'checks', (db) =>
      db
        .insertInto('application_checks')
        .values([...verdict.checkRows])
        .returning('id'),
    );
  }
  query = withPart(query, 'decision', (db) =>
    db.insertInto('loan_decisions').values(verdict.decisionRow).returning('id'),
  );
  if (offer) {
    query = withPart(query, 'offer', (db) =>
      db.insertInto('loan_offers').values(offer).returning('id'),
    );
  }
  if (review) {
    query = withPart(query, 'review', (db) =>
      db.insertInto('review_tasks').values(review).returning('id'),
    );
  }
  const evidence = verdict.checks.flatMap((check) => check.evidence);
  const stored = await (
    withPart(query, 'audit', (db) => auditEventQuery(db, conclusion.audit)) as QueryCreator<
      DB & { audit: { id: bigint } }
    >
  )
    .selectNoFrom((eb) => [
      eb.selectFrom('audit').select('audit.id').as('audit_id'),
      recordsUnderObjectionQuery(tx, evidence).as('disputed'),
    ])
    .executeTakeFirstOrThrow();
  return {
    auditEventId: String(stored.audit_id),
    recordsUnderObjection: stored.disputed ?? [],
  };
}

/**
 * Adds a data-modifying `with` part. Its rows are not read by the rest of the statement, so
 * the part's name is left out of the type: the parts can then be added conditionally.
 */
function withPart(
  query: QueryCreator<DB>,
  name: string,
  part: (db: QueryCreator<DB>) => { compile: () => unknown },
): QueryCreator<DB> {
  return query.with(name, part as never);
}
