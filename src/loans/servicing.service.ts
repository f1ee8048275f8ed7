import { randomUUID } from 'node:crypto';
import type { Selectable } from 'kysely';
import { extendRetention, RETENTION_YEARS } from '../archive/archive.service.js';
import { recordAudit } from '../ledger/ledger.service.js';
import { enqueueEvents } from '../notify/outbox.service.js';
import { requireRole, requireUser } from '../platform/auth/guards.js';
import { LENDER_ROLES, type Principal } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { DomainError, invalidField, notFound } from '../platform/errors.js';
import { chinaDate } from '../platform/time.js';
import { APPLICATION_MILESTONE, moveApplication } from './application-events.js';
import type { ApplicationStatus } from './application-state.js';
import { addMonths, daysBetween, type DayCount } from './day-count.js';
import type { LoanRepaymentsTable, LoansTable } from './loans.table.js';
import { loanStatus, type InstalmentStatus, type LoanStatus } from './overdue.js';
import {
  buildSchedule,
  earlyRepayment,
  type Instalment,
  type RepaymentMethod,
} from './schedule.js';

type LoanRow = Selectable<LoansTable>;

function lenderUser(principal: Principal | null) {
  const actor = requireUser(principal, ...LENDER_ROLES);
  if (!actor.organisationId) throw new DomainError('FORBIDDEN');
  return { actor, organisationId: actor.organisationId };
}

/** A day the lender states, not after today (China time). */
function pastOrToday(ctx: AppContext, date: string | undefined, path: string): string {
  const today = chinaDate(ctx.now());
  if (date === undefined) return today;
  if (date > today) throw invalidField(path, 'DATE_IN_FUTURE', { limit: today });
  return date;
}

/**
 * The lender pays the money out on a confirmed contract: the loan is opened with its
 * schedule (version 1), built from the disbursement day with the contract's terms.
 */
export async function disburse(
  ctx: AppContext,
  principal: Principal | null,
  applicationId: string,
  input: { reference: string; disbursedOn?: string | undefined },
) {
  const { actor, organisationId } = lenderUser(principal);
  const disbursedOn = pastOrToday(ctx, input.disbursedOn, '/body/disbursedOn');
  const loanId = await ctx.db.transaction().execute(async (tx) => {
    const application = await tx
      .selectFrom('loan_applications')
      .selectAll()
      .where('id', '=', applicationId)
      .forUpdate()
      .executeTakeFirst();
    if (!application || application.lender_organisation_id !== organisationId) {
      throw notFound('application');
    }
    if (application.status !== 'contracted') {
      throw new DomainError('CONFLICT', { detail: `disburse from ${application.status}` });
    }
    const contract = await tx
      .selectFrom('loan_contracts')
      .innerJoin('loan_offers', 'loan_offers.id', 'loan_contracts.offer_id')
      .selectAll('loan_offers')
      .select(['loan_contracts.id as contract_id', 'loan_contracts.confirmed_at'])
      .where('loan_contracts.application_id', '=', applicationId)
      .executeTakeFirstOrThrow();
    if (contract.confirmed_at && disbursedOn < chinaDate(contract.confirmed_at)) {
      throw invalidField('/body/disbursedOn', 'DISBURSED_BEFORE_CONTRACT');
    }
    const schedule = buildSchedule({
      principal: contract.amount_fen,
      annualRateBp: contract.annual_rate_bp,
      termMonths: contract.term_months,
      method: contract.repayment_method as RepaymentMethod,
      startDate: disbursedOn,
      dayCount: contract.day_count as DayCount,
    });
    const now = ctx.now();
    const id = randomUUID();
    await tx
      .insertInto('loans')
      .values({
        id,
        application_id: applicationId,
        contract_id: contract.contract_id,
        lender_organisation_id: organisationId,
        borrower_user_id: application.borrower_user_id,
        applicant_kind: application.applicant_kind,
        applicant_ref: application.applicant_ref,
        principal_fen: contract.amount_fen,
        annual_rate_bp: contract.annual_rate_bp,
        term_months: contract.term_months,
        repayment_method: contract.repayment_method,
        day_count: contract.day_count,
        disbursed_on: disbursedOn,
        disbursement_reference: input.reference,
        disbursed_by: actor.userId,
        disbursed_at: now,
        status: 'active',
        closed_on: null,
      })
      .execute();
    await insertSchedule(tx, id, 1, schedule.instalments);
    await moveApplication(
      tx,
      { id: applicationId, status: 'contracted' },
      'disburse',
      `user:${actor.userId}`,
      now,
      { loanId: id, disbursedOn, amountFen: contract.amount_fen.toString() },
    );
    await recordAudit(tx, {
      actor,
      action: 'loans.disbursed',
      subject: { kind: 'loan', id },
      detail: { applicationId, amountFen: contract.amount_fen.toString(), disbursedOn },
    });
    return id;
  });
  return getLoan(ctx, principal, loanId);
}

async function insertSchedule(
  tx: Tx,
  loanId: string,
  version: number,
  instalments: readonly Pick<Instalment, 'number' | 'dueDate' | 'principal' | 'interest'>[],
) {
  await tx
    .insertInto('loan_instalments')
    .values(
      instalments.map((instalment) => ({
        loan_id: loanId,
        schedule_version: version,
        number: instalment.number,
        due_date: instalment.dueDate,
        principal_fen: instalment.principal,
        interest_fen: instalment.interest,
      })),
    )
    .execute();
}

interface LoanBook {
  readonly loan: LoanRow;
  readonly version: number;
  readonly instalments: StoredInstalment[];
  /** The schedules it replaced (early settlement), newest first: kept, and readable. */
  readonly earlier: { readonly version: number; readonly instalments: StoredInstalment[] }[];
  readonly repayments: Selectable<LoanRepaymentsTable>[];
}

/** An instalment as stored: what a schedule version asked for, not what was paid. */
interface StoredInstalment {
  readonly number: number;
  readonly dueDate: string;
  readonly principal: bigint;
  readonly interest: bigint;
}

/** A loan with its current schedule and every repayment. */
async function loanBook(db: Db | Tx, loan: LoanRow): Promise<LoanBook> {
  const [rows, repayments] = await Promise.all([
    db
      .selectFrom('loan_instalments')
      .selectAll()
      .where('loan_id', '=', loan.id)
      .orderBy('schedule_version', 'desc')
      .orderBy('number')
      .execute(),
    db
      .selectFrom('loan_repayments')
      .selectAll()
      .where('loan_id', '=', loan.id)
      .orderBy('paid_on')
      .orderBy('recorded_at')
      .execute(),
  ]);
  // Rows come newest version first, each version's instalments in order.
  const versions = new Map<number, StoredInstalment[]>();
  for (const row of rows) {
    const instalments = versions.get(row.schedule_version) ?? [];
    instalments.push({
      number: row.number,
      dueDate: row.due_date,
      principal: row.principal_fen,
      interest: row.interest_fen,
    });
    versions.set(row.schedule_version, instalments);
  }
  const [current, ...earlier] = [...versions].map(([version, instalments]) => ({
    version,
    instalments,
  }));
  return {
    loan,
    version: current?.version ?? 1,
    instalments: current?.instalments ?? [],
    earlier,
    repayments,
  };
}

const statusOf = (book: LoanBook, asOf: string, extra: { date: string; amount: bigint }[] = []) =>
  loanStatus(
    book.instalments,
    [...book.repayments.map((r) => ({ date: r.paid_on, amount: r.amount_fen })), ...extra],
    asOf,
  );

async function lockLoan(tx: Tx, id: string, organisationId: string) {
  const loan = await tx
    .selectFrom('loans')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (!loan || loan.lender_organisation_id !== organisationId) throw notFound('loan');
  return loan;
}

export interface RepaymentInput {
  readonly amountFen: bigint;
  readonly reference: string;
  readonly paidOn?: string | undefined;
}

/**
 * The lender records money received. The bank reference makes it idempotent: the same
 * reference with the same amount and day is the same payment, with anything else a conflict.
 * More than the loan still owes is refused. The first repayment starts the repaying stage;
 * the one that pays everything closes the loan and the application.
 */
export async function recordRepayment(
  ctx: AppContext,
  principal: Principal | null,
  loanId: string,
  input: RepaymentInput,
) {
  const { actor, organisationId } = lenderUser(principal);
  const paidOn = pastOrToday(ctx, input.paidOn, '/body/paidOn');
  await ctx.db.transaction().execute(async (tx) => {
    const loan = await lockLoan(tx, loanId, organisationId);
    const book = await loanBook(tx, loan);
    const same = book.repayments.find((r) => r.reference === input.reference);
    if (same) {
      if (same.amount_fen === input.amountFen && same.paid_on === paidOn) return;
      throw new DomainError('REPAYMENT_REFERENCE_REUSED');
    }
    if (loan.status === 'closed') throw new DomainError('LOAN_CLOSED');
    if (paidOn < loan.disbursed_on) throw invalidField('/body/paidOn', 'PAID_BEFORE_DISBURSEMENT');
    const before = statusOf(book, chinaDate(ctx.now()));
    if (input.amountFen > before.outstandingAmount) {
      throw invalidField('/body/amountFen', 'REPAYMENT_EXCEEDS_OUTSTANDING', {
        limit: before.outstandingAmount.toString(),
      });
    }
    await insertRepayment(ctx, tx, loan, actor.userId, {
      amount: input.amountFen,
      paidOn,
      reference: input.reference,
      kind: 'scheduled',
    });
    await afterRepayment(ctx, tx, loan, `user:${actor.userId}`, {
      ...book,
      repayments: [...book.repayments, repaymentRow(loan.id, input.amountFen, paidOn)],
    });
  });
  return getLoan(ctx, principal, loanId);
}

function repaymentRow(loanId: string, amount: bigint, paidOn: string) {
  return {
    id: '',
    loan_id: loanId,
    amount_fen: amount,
    paid_on: paidOn,
    kind: 'scheduled' as const,
    reference: '',
    recorded_by: '',
    recorded_at: new Date(0),
  };
}

async function insertRepayment(
  ctx: AppContext,
  tx: Tx,
  loan: LoanRow,
  userId: string,
  payment: {
    amount: bigint;
    paidOn: string;
    reference: string;
    kind: 'scheduled' | 'early_settlement';
  },
) {
  await tx
    .insertInto('loan_repayments')
    .values({
      id: randomUUID(),
      loan_id: loan.id,
      amount_fen: payment.amount,
      paid_on: payment.paidOn,
      kind: payment.kind,
      reference: payment.reference,
      recorded_by: userId,
      recorded_at: ctx.now(),
    })
    .execute();
  await recordAudit(tx, {
    actor: 'system',
    action: 'loans.repayment_recorded',
    subject: { kind: 'loan', id: loan.id },
    detail: {
      amountFen: payment.amount.toString(),
      paidOn: payment.paidOn,
      kind: payment.kind,
      by: `user:${userId}`,
    },
  });
}

/** Moves the application on after money came in: repaying, and closed once all is paid. */
async function afterRepayment(
  ctx: AppContext,
  tx: Tx,
  loan: LoanRow,
  actor: string,
  book: LoanBook,
) {
  const application = await tx
    .selectFrom('loan_applications')
    .select(['id', 'status'])
    .where('id', '=', loan.application_id)
    .forUpdate()
    .executeTakeFirstOrThrow();
  const now = ctx.now();
  let status = application.status as ApplicationStatus;
  if (status === 'disbursed') {
    status = await moveApplication(
      tx,
      { id: application.id, status },
      'start_repaying',
      actor,
      now,
    );
  }
  const after = statusOf(book, '9999-12-31');
  if (!after.closed) return;
  await tx
    .updateTable('loans')
    .set({ status: 'closed', closed_on: after.closedOn })
    .where('id', '=', loan.id)
    .execute();
  // The loan file is kept for the years the law asks, counted from the end of the loan.
  const closedOn = after.closedOn ?? chinaDate(now);
  await extendRetention(
    tx,
    loan.application_id,
    addMonths(closedOn, 12 * RETENTION_YEARS.loan_contract),
  );
  await moveApplication(tx, { id: application.id, status }, 'close', actor, now, {
    loanId: loan.id,
    closedOn: after.closedOn,
  });
}

/** What settles the loan in full on `date` (today by default), net of what is paid ahead. */
function settlementQuote(book: LoanBook, date: string) {
  const status = statusOf(book, date);
  const paidInstalments = status.instalments.findIndex((i) => i.outstanding > 0n);
  if (status.closed || paidInstalments < 0) throw new DomainError('LOAN_CLOSED');
  const schedule = {
    instalments: book.instalments.map((i) => ({
      ...i,
      total: i.principal + i.interest,
      remainingPrincipal: 0n,
    })),
    totalPrincipal: book.loan.principal_fen,
    totalInterest: 0n,
    dayCount: book.loan.day_count as DayCount,
    method: book.loan.repayment_method as RepaymentMethod,
    annualRateBp: book.loan.annual_rate_bp,
    startDate: book.loan.disbursed_on,
  };
  const quote = earlyRepayment(schedule, { date, paidInstalments, mode: 'full' });
  // Paid towards later instalments already (part of the next, or ahead): it counts.
  const paidAhead = status.instalments
    .slice(paidInstalments)
    .reduce((sum, i) => sum + i.paidInterest + i.paidPrincipal, 0n);
  return { quote, paidInstalments, paidAhead, amountDue: quote.total - paidAhead };
}

async function readableLoan(ctx: AppContext, principal: Principal | null, id: string) {
  const actor = requireRole(principal, 'borrower', ...LENDER_ROLES, 'operator');
  const loan = await ctx.db.selectFrom('loans').selectAll().where('id', '=', id).executeTakeFirst();
  const mine = actor.kind === 'user' && loan?.borrower_user_id === actor.userId;
  const lender =
    LENDER_ROLES.includes(actor.role) && loan?.lender_organisation_id === actor.organisationId;
  if (!loan || !(mine || lender || actor.role === 'operator')) throw notFound('loan');
  return loan;
}

/** The early-settlement quote of a loan on a day, for its borrower or lender. */
export async function quoteEarlySettlement(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  date: string | undefined,
) {
  const loan = await readableLoan(ctx, principal, id);
  const today = chinaDate(ctx.now());
  const day = date ?? today;
  if (day < today) throw invalidField('/querystring/date', 'DATE_IN_PAST');
  if (day > addMonths(today, 1)) {
    throw invalidField('/querystring/date', 'too_far_ahead', { limit: addMonths(today, 1) });
  }
  const { quote, paidAhead, amountDue } = settlementQuote(await loanBook(ctx.db, loan), day);
  return {
    date: quote.date,
    principalFen: quote.principal.toString(),
    dueInterestFen: quote.dueInterest.toString(),
    accruedInterestFen: quote.accruedInterest.toString(),
    accrualDays: quote.accrualDays,
    paidAheadFen: paidAhead.toString(),
    amountDueFen: amountDue.toString(),
  };
}

/**
 * The lender records an early settlement in full: the schedule gets a new version whose last
 * instalment, due that day, is the quote, and the payment of the amount due closes the loan.
 * The amount must be exactly the quote: anything else is a partial payment, recorded as such.
 */
export async function settleEarly(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  input: RepaymentInput,
) {
  const { actor, organisationId } = lenderUser(principal);
  const paidOn = pastOrToday(ctx, input.paidOn, '/body/paidOn');
  await ctx.db.transaction().execute(async (tx) => {
    const loan = await lockLoan(tx, id, organisationId);
    if (loan.status === 'closed') throw new DomainError('LOAN_CLOSED');
    const book = await loanBook(tx, loan);
    if (book.repayments.some((r) => r.reference === input.reference)) {
      throw new DomainError('REPAYMENT_REFERENCE_REUSED');
    }
    const { quote, paidInstalments, amountDue } = settlementQuote(book, paidOn);
    if (input.amountFen !== amountDue) {
      throw invalidField('/body/amountFen', 'SETTLEMENT_AMOUNT_MISMATCH', {
        expected: amountDue.toString(),
      });
    }
    const kept = book.instalments.slice(0, paidInstalments);
    const settled = [
      ...kept,
      {
        number: paidInstalments + 1,
        // Instalments paid ahead keep their due dates, which may be later than today's
        // settlement: the settling instalment is not due before them (schedules are in
        // due-date order), and it is paid today all the same.
        dueDate: maxDate(paidOn, kept.at(-1)?.dueDate ?? paidOn),
        principal: quote.principal,
        interest: quote.dueInterest + quote.accruedInterest,
      },
    ];
    await insertSchedule(tx, loan.id, book.version + 1, settled);
    await insertRepayment(ctx, tx, loan, actor.userId, {
      amount: input.amountFen,
      paidOn,
      reference: input.reference,
      kind: 'early_settlement',
    });
    await afterRepayment(ctx, tx, loan, `user:${actor.userId}`, {
      ...book,
      version: book.version + 1,
      instalments: settled,
      repayments: [...book.repayments, repaymentRow(loan.id, input.amountFen, paidOn)],
    });
  });
  return getLoan(ctx, principal, id);
}

const maxDate = (a: string, b: string) => (a > b ? a : b);

function loanView(book: LoanBook, status: LoanStatus) {
  const { loan } = book;
  return {
    id: loan.id,
    applicationId: loan.application_id,
    contractId: loan.contract_id,
    applicantKind: loan.applicant_kind,
    principalFen: loan.principal_fen.toString(),
    annualRateBp: loan.annual_rate_bp,
    termMonths: loan.term_months,
    repaymentMethod: loan.repayment_method,
    dayCount: loan.day_count,
    disbursedOn: loan.disbursed_on,
    status: loan.status,
    closedOn: loan.closed_on,
    scheduleVersion: book.version,
    asOf: status.asOf,
    daysPastDue: status.daysPastDue,
    bucket: status.bucket,
    overdueFen: status.overdueAmount.toString(),
    outstandingFen: status.outstandingAmount.toString(),
    schedule: book.instalments.map((instalment, index) => {
      const paid = status.instalments[index];
      return {
        number: instalment.number,
        dueDate: instalment.dueDate,
        principalFen: instalment.principal.toString(),
        interestFen: instalment.interest.toString(),
        totalFen: (instalment.principal + instalment.interest).toString(),
        outstandingFen: (paid?.outstanding ?? 0n).toString(),
        settledOn: paid?.settledOn ?? null,
        daysPastDue: paid?.daysPastDue ?? 0,
      };
    }),
    earlierSchedules: book.earlier.map(({ version, instalments }) => ({
      version,
      instalments: instalments.map((instalment) => ({
        number: instalment.number,
        dueDate: instalment.dueDate,
        principalFen: instalment.principal.toString(),
        interestFen: instalment.interest.toString(),
      })),
    })),
    repayments: book.repayments.map((r) => ({
      amountFen: r.amount_fen.toString(),
      paidOn: r.paid_on,
      kind: r.kind,
      reference: r.reference,
    })),
  };
}

/** A loan: schedule with what each instalment still owes, days past due, bucket, repayments. */
export async function getLoan(ctx: AppContext, principal: Principal | null, id: string) {
  const loan = await readableLoan(ctx, principal, id);
  const book = await loanBook(ctx.db, loan);
  return loanView(book, statusOf(book, chinaDate(ctx.now())));
}

/** The borrower's loans, or the lender's book (optionally one bucket), newest first. */
export async function listLoans(
  ctx: AppContext,
  principal: Principal | null,
  filter: { bucket?: string | undefined; status?: 'active' | 'closed' | undefined },
) {
  const actor = requireRole(principal, 'borrower', ...LENDER_ROLES, 'operator');
  let query = ctx.db.selectFrom('loans').selectAll().orderBy('disbursed_at', 'desc').limit(500);
  if (actor.role === 'borrower') {
    if (actor.kind !== 'user') throw new DomainError('FORBIDDEN');
    query = query.where('borrower_user_id', '=', actor.userId);
  } else if (actor.role !== 'operator') {
    if (!actor.organisationId) throw new DomainError('FORBIDDEN');
    query = query.where('lender_organisation_id', '=', actor.organisationId);
  }
  if (filter.status) query = query.where('status', '=', filter.status);
  const today = chinaDate(ctx.now());
  const views = [];
  for (const loan of await query.execute()) {
    const book = await loanBook(ctx.db, loan);
    views.push(loanView(book, statusOf(book, today)));
  }
  return filter.bucket ? views.filter((view) => view.bucket === filter.bucket) : views;
}

type NoticeKind = 'instalment_due' | 'instalment_overdue';

/** Days before a due date on which the borrower is reminded. */
export const DUE_REMINDER_DAYS = 3;

/**
 * Tells borrowers of instalments falling due within DUE_REMINDER_DAYS and of instalments
 * past due, each notice once per instalment (the `loan_notices` key), through the outbox.
 */
export async function sendServicingNotices(ctx: AppContext): Promise<number> {
  const today = chinaDate(ctx.now());
  const soon = chinaDate(ctx.now().getTime() + DUE_REMINDER_DAYS * 86_400_000);
  const loans = await ctx.db
    .selectFrom('loans')
    .selectAll()
    .where('status', '=', 'active')
    .execute();
  let sent = 0;
  for (const loan of loans) {
    const book = await loanBook(ctx.db, loan);
    const status = statusOf(book, today);
    const notices = status.instalments.flatMap(
      (instalment): { instalment: InstalmentStatus; kind: NoticeKind }[] => {
        if (instalment.outstanding === 0n) return [];
        if (instalment.dueDate < today) return [{ instalment, kind: 'instalment_overdue' }];
        if (instalment.dueDate <= soon) return [{ instalment, kind: 'instalment_due' }];
        return [];
      },
    );
    if (notices.length === 0) continue;
    sent += await ctx.db.transaction().execute(async (tx) => {
      const inserted = await tx
        .insertInto('loan_notices')
        .values(
          notices.map(({ instalment, kind }) => ({
            loan_id: loan.id,
            instalment_number: instalment.number,
            kind,
            sent_at: ctx.now(),
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .returning(['instalment_number', 'kind'])
        .execute();
      await enqueueEvents(
        tx,
        inserted.map((row) => {
          const instalment = status.instalments.find((i) => i.number === row.instalment_number);
          return {
            topic: APPLICATION_MILESTONE,
            payload: {
              applicationId: loan.application_id,
              event: row.kind,
              loanId: loan.id,
              instalment: row.instalment_number,
              dueDate: instalment?.dueDate ?? '',
              amountFen: (instalment?.outstanding ?? 0n).toString(),
              daysPastDue: instalment?.daysPastDue ?? 0,
            },
          };
        }),
      );
      return inserted.length;
    });
  }
  return sent;
}

/** The loan opened on an application, if any. */
export async function loanOfApplication(db: Db | Tx, applicationId: string) {
  const row = await db
    .selectFrom('loans')
    .select('id')
    .where('application_id', '=', applicationId)
    .executeTakeFirst();
  return row?.id ?? null;
}

/** A loan 90 days past due, now or at any instalment's settling, counts as a default. */
const DEFAULT_DAYS = 90;

/** For statistics: whether each application's loan defaulted, by application id. */
export async function loanDefaults(ctx: AppContext): Promise<Map<string, boolean>> {
  const today = chinaDate(ctx.now());
  const loans = await ctx.db.selectFrom('loans').selectAll().execute();
  const defaults = new Map<string, boolean>();
  for (const loan of loans) {
    const book = await loanBook(ctx.db, loan);
    const status = statusOf(book, today);
    const settledLate = status.instalments.some(
      (i) => i.settledOn !== null && daysBetween(i.dueDate, i.settledOn) > DEFAULT_DAYS,
    );
    defaults.set(loan.application_id, status.daysPastDue > DEFAULT_DAYS || settledLate);
  }
  return defaults;
}
