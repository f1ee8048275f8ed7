import { randomUUID } from 'node:crypto';
import { ADVERSE_CATEGORIES, ADVERSE_RULES, isAdverseRecord } from '../ingest/adverse.js';
import type { RecordCategory } from '../ingest/categories.js';
import { currentRecordsOf } from '../ingest/records.service.js';
import { recordAudit } from '../ledger/ledger.service.js';
import { activeLoansOfSubject } from '../loans/subject-loans.service.js';
import { sendMessages, type Message } from '../notify/notifications.service.js';
import type { OutboxHandler } from '../notify/worker.js';
import { userIdsWithRole } from '../platform/auth/accounts.service.js';
import { requireUser } from '../platform/auth/guards.js';
import { LENDER_ROLES, type Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db.js';
import { DomainError, notFound } from '../platform/errors.js';
import { scoreChange, SUBJECT_RESCORED } from '../scoring/scores.service.js';

interface NewWarning {
  readonly loanId: string;
  readonly lenderOrganisationId: string;
  readonly recordId: string;
  readonly category: string;
}

/**
 * The adverse records of a subject that arrived after each of its open loans was paid out
 * and are not yet warned about.
 */
async function newAdverseRecords(
  ctx: AppContext,
  tx: Tx,
  subject: { kind: 'enterprise' | 'person'; ref: string },
): Promise<NewWarning[]> {
  const loans = await activeLoansOfSubject(tx, subject);
  if (loans.length === 0) return [];
  const records =
    (
      await currentRecordsOf(ctx, tx, subject.kind, [subject.ref], {
        withStaff: false,
        categories: ADVERSE_CATEGORIES as RecordCategory[],
      })
    ).get(subject.ref) ?? [];
  return loans.flatMap((loan) =>
    records
      .filter((record) => record.receivedAt >= loan.disbursedAt && isAdverseRecord(record))
      .map((record) => ({
        loanId: loan.id,
        lenderOrganisationId: loan.lenderOrganisationId,
        recordId: record.id,
        category: record.category,
      })),
  );
}

function warningWords(category: string, score: { before: number | null; after: number | null }) {
  const label = ADVERSE_RULES[category]?.label ?? { 'zh-CN': category, en: category };
  const change = (locale: 'zh-CN' | 'en') =>
    score.after === null
      ? ''
      : locale === 'zh-CN'
        ? `，信用评分 ${score.before ?? '—'} → ${score.after}`
        : `; credit score ${score.before ?? '—'} → ${score.after}`;
  return {
    'zh-CN': `贷后预警：在贷借款人出现新的不良记录（${label['zh-CN']}）${change('zh-CN')}。请及时核查。`,
    en: `Post-loan warning: a borrower with an open loan has a new adverse record (${label.en})${change('en')}. Please look into it.`,
  };
}

/**
 * After a subject's profile and score are up to date: each new adverse record about a
 * borrower with an open loan becomes one warning to the lender, with the score before and
 * after, before any payment is missed. Each (loan, record) is warned about once.
 */
export const postLoanWatcher: OutboxHandler = {
  topic: SUBJECT_RESCORED,
  batchSize: 500,
  handle: async (ctx, events, tx) => {
    const messages: Message[] = [];
    for (const event of events) {
      const subject = {
        kind: event.payload.subjectKind as 'enterprise' | 'person',
        ref: String(event.payload.subjectRef),
      };
      const found = await newAdverseRecords(ctx, tx, subject);
      if (found.length === 0) continue;
      const score = await scoreChange(tx, subject.kind, subject.ref);
      const raised = await tx
        .insertInto('post_loan_warnings')
        .values(
          found.map((warning) => ({
            id: randomUUID(),
            loan_id: warning.loanId,
            lender_organisation_id: warning.lenderOrganisationId,
            record_id: BigInt(warning.recordId),
            category: warning.category,
            score_before: score.before,
            score_after: score.after,
            raised_at: ctx.now(),
            acknowledged_by: null,
            acknowledged_at: null,
          })),
        )
        .onConflict((oc) => oc.columns(['loan_id', 'record_id']).doNothing())
        .returning(['id', 'lender_organisation_id', 'category'])
        .execute();
      // One message per lender and event: the warnings page lists each record.
      const lenders = new Map(raised.map((w) => [w.lender_organisation_id, w.category]));
      for (const [organisation, category] of lenders) {
        const officers = [
          ...(await userIdsWithRole(tx, 'lender_officer', organisation)),
          ...(await userIdsWithRole(tx, 'lender_admin', organisation)),
        ];
        for (const recipientUserId of officers) {
          messages.push({
            outboxEventId: event.id,
            recipientUserId,
            subjectId: subject.ref,
            template: 'monitor.post_loan_warning',
            body: warningWords(category, score),
            channels: ['in_app', 'email'],
          });
        }
      }
    }
    await sendMessages(tx, messages, ctx.now());
  },
};

/** The lender's warnings (unacknowledged first), or all for the operator and regulator. */
export async function listWarnings(
  ctx: AppContext,
  principal: Principal | null,
  filter: { open?: boolean | undefined },
) {
  const actor = requireUser(principal, ...LENDER_ROLES, 'operator', 'regulator');
  let query = ctx.db
    .selectFrom('post_loan_warnings')
    .selectAll()
    .orderBy('acknowledged_at', 'desc')
    .orderBy('raised_at', 'desc')
    .limit(500);
  if (LENDER_ROLES.includes(actor.role)) {
    query = query.where('lender_organisation_id', '=', actor.organisationId ?? '');
  }
  if (filter.open !== undefined) {
    query = query.where('acknowledged_at', filter.open ? 'is' : 'is not', null);
  }
  const rows = await query.execute();
  return rows.map((row) => ({
    id: row.id,
    loanId: row.loan_id,
    recordId: row.record_id.toString(),
    category: row.category,
    label: ADVERSE_RULES[row.category]?.label ?? { 'zh-CN': row.category, en: row.category },
    scoreBefore: row.score_before,
    scoreAfter: row.score_after,
    raisedAt: row.raised_at,
    acknowledgedAt: row.acknowledged_at,
  }));
}

/** A lender officer marks a warning as looked into. */
export async function acknowledgeWarning(ctx: AppContext, principal: Principal | null, id: string) {
  const actor = requireUser(principal, ...LENDER_ROLES);
  await ctx.db.transaction().execute(async (tx) => {
    const row = await tx
      .selectFrom('post_loan_warnings')
      .select(['lender_organisation_id', 'acknowledged_at'])
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!row || row.lender_organisation_id !== actor.organisationId) throw notFound('warning');
    if (row.acknowledged_at !== null) throw new DomainError('WARNING_ACKNOWLEDGED');
    await tx
      .updateTable('post_loan_warnings')
      .set({ acknowledged_by: actor.userId, acknowledged_at: ctx.now() })
      .where('id', '=', id)
      .execute();
    await recordAudit(tx, {
      actor,
      action: 'monitor.warning_acknowledged',
      subject: { kind: 'post_loan_warning', id },
    });
  });
  return { id, acknowledged: true };
}
