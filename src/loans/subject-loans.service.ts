import type { Db, Tx } from '../platform/db.js';

/** A subject's loans still being repaid, for post-loan monitoring. */
export async function activeLoansOfSubject(
  db: Db | Tx,
  subject: { kind: 'enterprise' | 'person'; ref: string },
) {
  const rows = await db
    .selectFrom('loans')
    .select(['id', 'application_id', 'lender_organisation_id', 'disbursed_at'])
    .where('applicant_kind', '=', subject.kind)
    .where('applicant_ref', '=', subject.ref)
    .where('status', '=', 'active')
    .execute();
  return rows.map((row) => ({
    id: row.id,
    applicationId: row.application_id,
    lenderOrganisationId: row.lender_organisation_id,
    disbursedAt: row.disbursed_at,
  }));
}
