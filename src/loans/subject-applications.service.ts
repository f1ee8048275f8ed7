import type { Db, Tx } from '../platform/db.js';
import { FINAL_STATUSES } from './application-state.js';

/**
 * The lenders that used a subject's score in an application still open, or in one that
 * moved since `since`: who must hear that a record about the subject was corrected.
 */
export async function lendersUsingSubject(
  db: Db | Tx,
  subject: { kind: 'enterprise' | 'person'; ref: string },
  since: Date,
): Promise<string[]> {
  const rows = await db
    .selectFrom('loan_applications')
    .select('lender_organisation_id')
    .distinct()
    .where('applicant_kind', '=', subject.kind)
    .where('applicant_ref', '=', subject.ref)
    .where((eb) =>
      eb.or([eb('status', 'not in', [...FINAL_STATUSES]), eb('updated_at', '>=', since)]),
    )
    .execute();
  return rows.map((row) => row.lender_organisation_id);
}

/** For receipts: the borrower (user id) of an application or a loan. */
export async function borrowerOfLoanSubject(
  db: Db | Tx,
  subjectKind: 'loan_application' | 'loan',
  id: string,
): Promise<string | null> {
  const row =
    subjectKind === 'loan_application'
      ? await db
          .selectFrom('loan_applications')
          .select('borrower_user_id')
          .where('id', '=', id)
          .executeTakeFirst()
      : await db
          .selectFrom('loans')
          .select('borrower_user_id')
          .where('id', '=', id)
          .executeTakeFirst();
  return row?.borrower_user_id ?? null;
}
