/**
 * Delinquency of a loan on a given day: what each instalment has been paid and still owes, how
 * many days the loan is past due, its M-bucket, and whether it is closed.
 *
 * Conventions:
 * - Repayments apply in date order (same-day ones in the order given) to the oldest instalment
 *   that still owes anything, interest before principal, then spill into the next instalment,
 *   not-yet-due ones included (paying ahead). Interest first is the usual contract order: it
 *   keeps the principal, on which penalty interest runs, from shrinking while interest is unpaid.
 * - Repayments dated after `asOf` are ignored: the status is what was known on that day.
 * - An instalment is past due from the day after its due date; paying on the due date is on
 *   time. Its days past due are `asOf − dueDate` while it owes anything after that date.
 * - The loan's days past due are those of its oldest unpaid past-due instalment. Buckets:
 *   0 current, 1–30 M1, 31–60 M2, 61–90 M3, over 90 M4+.
 * - Penalty interest (罚息) and fees are not computed here.
 */
import { daysBetween, requireIsoDate } from './day-count.js';

export type DelinquencyBucket = 'current' | 'M1' | 'M2' | 'M3' | 'M4+';

/** What an instalment asks for; a schedule `Instalment` fits. */
export interface DueInstalment {
  readonly number: number;
  readonly dueDate: string;
  readonly principal: bigint;
  readonly interest: bigint;
}

export interface Repayment {
  readonly date: string;
  /** Fen, positive. */
  readonly amount: bigint;
}

export interface InstalmentStatus {
  readonly number: number;
  readonly dueDate: string;
  readonly paidInterest: bigint;
  readonly paidPrincipal: bigint;
  readonly outstandingInterest: bigint;
  readonly outstandingPrincipal: bigint;
  readonly outstanding: bigint;
  /** Date of the repayment that paid its last fen; null while it owes anything. */
  readonly settledOn: string | null;
  readonly daysPastDue: number;
}

export interface LoanStatus {
  readonly asOf: string;
  readonly instalments: readonly InstalmentStatus[];
  readonly daysPastDue: number;
  readonly bucket: DelinquencyBucket;
  /** Still owed on instalments whose due date has passed. */
  readonly overdueAmount: bigint;
  /** Still owed on every instalment, due or not. */
  readonly outstandingAmount: bigint;
  /** Paid beyond everything the schedule asks for: to refund or credit. */
  readonly unappliedAmount: bigint;
  readonly closed: boolean;
  /** Date of the repayment that paid the loan off; null while open. */
  readonly closedOn: string | null;
}

/** The bucket of a loan that is `daysPastDue` days past due. */
export function bucketOf(daysPastDue: number): DelinquencyBucket {
  if (daysPastDue <= 0) return 'current';
  if (daysPastDue <= 30) return 'M1';
  if (daysPastDue <= 60) return 'M2';
  if (daysPastDue <= 90) return 'M3';
  return 'M4+';
}

/**
 * Applies `repayments` to `instalments` (in due-date order) as of `asOf`; throws a RangeError on
 * invalid input.
 */
export function loanStatus(
  instalments: readonly DueInstalment[],
  repayments: readonly Repayment[],
  asOf: string,
): LoanStatus {
  requireIsoDate(asOf, 'asOf');
  validateInstalments(instalments);
  validateRepayments(repayments);
  const known = repayments.filter((repayment) => repayment.date <= asOf);
  const { ledgers, unapplied } = allocate(instalments, sortByDate(known));
  const statuses = ledgers.map((ledger) => statusOf(ledger, asOf));
  const daysPastDue = Math.max(0, ...statuses.map((status) => status.daysPastDue));
  const overdue = statuses.filter((status) => status.dueDate < asOf);
  const outstandingAmount = sum(statuses.map((status) => status.outstanding));
  const closed = outstandingAmount === 0n;
  return {
    asOf,
    instalments: statuses,
    daysPastDue,
    bucket: bucketOf(daysPastDue),
    overdueAmount: sum(overdue.map((status) => status.outstanding)),
    outstandingAmount,
    unappliedAmount: unapplied,
    closed,
    closedOn: closed ? latest(statuses.map((status) => status.settledOn)) : null,
  };
}

/** Running balance of one instalment while repayments are applied. */
interface Ledger {
  readonly instalment: DueInstalment;
  interestLeft: bigint;
  principalLeft: bigint;
  settledOn: string | null;
}

function allocate(
  instalments: readonly DueInstalment[],
  repayments: readonly Repayment[],
): { ledgers: Ledger[]; unapplied: bigint } {
  const ledgers: Ledger[] = instalments.map((instalment) => ({
    instalment,
    interestLeft: instalment.interest,
    principalLeft: instalment.principal,
    settledOn: null,
  }));
  let unapplied = 0n;
  for (const repayment of repayments) {
    let left = repayment.amount;
    for (const ledger of ledgers) {
      if (left === 0n) break;
      if (ledger.interestLeft + ledger.principalLeft === 0n) continue;
      const toInterest = min(left, ledger.interestLeft);
      ledger.interestLeft -= toInterest;
      const toPrincipal = min(left - toInterest, ledger.principalLeft);
      ledger.principalLeft -= toPrincipal;
      left -= toInterest + toPrincipal;
      if (ledger.interestLeft + ledger.principalLeft === 0n) ledger.settledOn = repayment.date;
    }
    unapplied += left;
  }
  return { ledgers, unapplied };
}

function statusOf(ledger: Ledger, asOf: string): InstalmentStatus {
  const { instalment } = ledger;
  const outstanding = ledger.interestLeft + ledger.principalLeft;
  const pastDue = outstanding > 0n && instalment.dueDate < asOf;
  return {
    number: instalment.number,
    dueDate: instalment.dueDate,
    paidInterest: instalment.interest - ledger.interestLeft,
    paidPrincipal: instalment.principal - ledger.principalLeft,
    outstandingInterest: ledger.interestLeft,
    outstandingPrincipal: ledger.principalLeft,
    outstanding,
    settledOn: ledger.settledOn,
    daysPastDue: pastDue ? daysBetween(instalment.dueDate, asOf) : 0,
  };
}

function validateInstalments(instalments: readonly DueInstalment[]): void {
  let previousDue = '';
  instalments.forEach((instalment, index) => {
    const field = `instalments[${index}]`;
    const dueDate = requireIsoDate(instalment.dueDate, `${field}.dueDate`);
    if (dueDate < previousDue) {
      throw new RangeError(`${field}.dueDate ${dueDate} is before the previous instalment's`);
    }
    previousDue = dueDate;
    for (const part of ['principal', 'interest'] as const) {
      const amount = instalment[part];
      if (typeof amount !== 'bigint' || amount < 0n) {
        throw new RangeError(
          `${field}.${part} must be a non-negative whole number of fen (bigint)`,
        );
      }
    }
  });
}

function validateRepayments(repayments: readonly Repayment[]): void {
  repayments.forEach((repayment, index) => {
    const field = `repayments[${index}]`;
    requireIsoDate(repayment.date, `${field}.date`);
    if (typeof repayment.amount !== 'bigint' || repayment.amount <= 0n) {
      throw new RangeError(`${field}.amount must be a positive whole number of fen (bigint)`);
    }
  });
}

/** Stable, so same-day repayments keep the order they were given in. */
function sortByDate(repayments: readonly Repayment[]): Repayment[] {
  return [...repayments].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

function latest(dates: readonly (string | null)[]): string | null {
  return dates.reduce<string | null>(
    (last, date) => (date !== null && (last === null || date > last) ? date : last),
    null,
  );
}

function sum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

function min(a: bigint, b: bigint): bigint {
  return a < b ? a : b;
}
