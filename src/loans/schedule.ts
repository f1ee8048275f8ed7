/**
 * Repayment schedules (还款计划): when a loan's principal and interest fall due. Money is integer
 * fen (bigint) and every rate stays an exact fraction until the single rounding of each amount,
 * so the rows add up to the loan to the fen.
 *
 * Conventions:
 * - Instalment k falls due k months after the start date, on the start's day of the month clamped
 *   to the month's end (start Jan 31 → Feb 28/29, Mar 31, Apr 30 …).
 * - `monthly_30_360` (default): each period costs annual rate / 12. `actual_365`: a period costs
 *   annual rate × its actual days / 365, so a 31-day month costs more than a 28-day one.
 * - Each interest amount is rounded half up to the fen from its exact value.
 * - The last instalment repays whatever principal is left, so rounding leftovers land there.
 *
 * Methods:
 * - `equal_instalment` (等额本息): one level payment A, solved exactly so that the balance is
 *   zero after the last period at each period's own rate, then rounded to the fen. Each row's
 *   principal is A − interest, kept within [0, balance] (under actual_365 a long month at a high
 *   rate can cost more interest than A, and the balance must never grow).
 * - `equal_principal` (等额本金): principal / n per instalment (floor), interest on the balance.
 * - `interest_first` (先息后本): interest every month, all principal with the last instalment.
 * - `bullet` (到期一次还本付息): a single instalment at maturity; simple interest over the whole
 *   term, rounded once rather than month by month.
 */
import {
  BP_PER_UNIT,
  DAY_COUNTS,
  accrueInterest,
  addMonths,
  daysBetween,
  divideHalfUp,
  requireIsoDate,
} from './day-count.js';
import type { DayCount } from './day-count.js';

export type RepaymentMethod = 'equal_instalment' | 'equal_principal' | 'interest_first' | 'bullet';
export const REPAYMENT_METHODS: readonly RepaymentMethod[] = [
  'equal_instalment',
  'equal_principal',
  'interest_first',
  'bullet',
];

export const MAX_TERM_MONTHS = 360;
/** 1 000 % a year: anything above is a data-entry error, not a product. */
export const MAX_ANNUAL_RATE_BP = 100_000;

export interface ScheduleInput {
  /** Fen. */
  readonly principal: bigint;
  /** Basis points a year: 435 = 4.35 %. */
  readonly annualRateBp: number;
  readonly termMonths: number;
  readonly method: RepaymentMethod;
  /** Disbursement date, `YYYY-MM-DD`. */
  readonly startDate: string;
  readonly dayCount?: DayCount;
}

export interface Instalment {
  /** 1-based, kept from the original schedule after a reschedule. */
  readonly number: number;
  readonly dueDate: string;
  readonly principal: bigint;
  readonly interest: bigint;
  readonly total: bigint;
  /** Principal still owed once this instalment is paid. */
  readonly remainingPrincipal: bigint;
}

export interface Schedule {
  readonly instalments: readonly Instalment[];
  readonly totalPrincipal: bigint;
  readonly totalInterest: bigint;
  readonly dayCount: DayCount;
  readonly method: RepaymentMethod;
  readonly annualRateBp: number;
  /** Interest of the first instalment runs from here: disbursement, or the prepayment date. */
  readonly startDate: string;
}

/** A period's rate as a numerator over the plan's shared denominator. */
interface RatedPeriod {
  readonly number: number;
  readonly dueDate: string;
  readonly rate: bigint;
}

interface PeriodPlan {
  readonly denominator: bigint;
  readonly periods: readonly RatedPeriod[];
}

type Amortiser = (principal: bigint, plan: PeriodPlan) => Instalment[];

const AMORTISERS: Record<RepaymentMethod, Amortiser> = {
  equal_instalment: levelPayments,
  equal_principal: equalPrincipal,
  interest_first: interestThenPrincipal,
  // A bullet loan is interest-first with one period spanning the whole term.
  bullet: interestThenPrincipal,
};

/** Builds the schedule of a new loan; throws a RangeError on invalid input. */
export function buildSchedule(input: ScheduleInput): Schedule {
  const dayCount = input.dayCount ?? 'monthly_30_360';
  validate(input, dayCount);
  const { principal, annualRateBp, termMonths, method, startDate } = input;
  const isBullet = method === 'bullet';
  const dueDates = isBullet
    ? [addMonths(startDate, termMonths)]
    : Array.from({ length: termMonths }, (_, index) => addMonths(startDate, index + 1));
  const monthsPerPeriod = isBullet ? termMonths : 1;
  const plan = planPeriods(annualRateBp, dayCount, startDate, dueDates, 1, monthsPerPeriod);
  return assemble(principal, plan, { method, dayCount, annualRateBp, startDate });
}

export interface PartialPrepayment {
  /** Instalments paid so far; the prepayment is made on the due date of the last of them. */
  readonly paidInstalments: number;
  /** Fen of principal repaid early, less than the principal still owed. */
  readonly amount: bigint;
}

/**
 * The schedule of the remaining instalments after a partial prepayment of principal made
 * together with instalment `paidInstalments`: same method, rate, due dates and number of
 * instalments, lower payments (the "reduce the instalment, keep the term" option).
 */
export function rescheduleAfterPartialPrepayment(
  schedule: Schedule,
  { paidInstalments, amount }: PartialPrepayment,
): Schedule {
  const count = schedule.instalments.length;
  const lastPaid = Number.isInteger(paidInstalments)
    ? schedule.instalments[paidInstalments - 1]
    : undefined;
  if (lastPaid === undefined || paidInstalments >= count) {
    throw new RangeError(
      `paidInstalments must be a whole number from 1 to ${count - 1}: a prepayment is made on ` +
        `the due date of a paid instalment and leaves at least one to pay`,
    );
  }
  const balance = principalAfter(schedule, paidInstalments);
  if (typeof amount !== 'bigint' || amount <= 0n || amount >= balance) {
    throw new RangeError(
      `amount must be more than 0 and less than the ${balance} fen of principal still owed; ` +
        `settle the whole balance with earlyRepayment`,
    );
  }
  const rest = schedule.instalments.slice(paidInstalments);
  const { annualRateBp, dayCount, method } = schedule;
  const dueDates = rest.map((instalment) => instalment.dueDate);
  const plan = planPeriods(
    annualRateBp,
    dayCount,
    lastPaid.dueDate,
    dueDates,
    paidInstalments + 1,
    1,
  );
  return assemble(balance - amount, plan, {
    method,
    dayCount,
    annualRateBp,
    startDate: lastPaid.dueDate,
  });
}

export interface EarlyRepaymentRequest {
  /** Day of the repayment, `YYYY-MM-DD`. */
  readonly date: string;
  /** Instalments already paid, counted from the first. */
  readonly paidInstalments: number;
  readonly mode: 'full';
}

export interface EarlyRepaymentQuote {
  readonly date: string;
  /** All principal not yet repaid. */
  readonly principal: bigint;
  /** Scheduled interest of instalments already due on `date` but not paid. */
  readonly dueInterest: bigint;
  /** Interest since the last due date on or before `date`, on the principal left after it. */
  readonly accruedInterest: bigint;
  readonly accrualDays: number;
  readonly total: bigint;
}

/**
 * What settles the loan in full on `date`. Instalments due on or before `date` and still unpaid
 * are owed in full (late charges are not included); the current period accrues simple interest
 * from its start (the last due date, or the start date) to `date` on the schedule's day count:
 * actual days / 365, or 30E/360 days / 360 capped at the instalment's own interest, so that
 * settling early never costs more interest than paying the instalment on time. Instalments paid
 * ahead of their due date earn no refund of interest.
 */
export function earlyRepayment(
  schedule: Schedule,
  request: EarlyRepaymentRequest,
): EarlyRepaymentQuote {
  const { paidInstalments: paid } = request;
  const date = requireIsoDate(request.date, 'date');
  const { instalments } = schedule;
  if (!Number.isInteger(paid) || paid < 0 || paid >= instalments.length) {
    throw new RangeError(
      `paidInstalments must be a whole number from 0 to ${instalments.length - 1}: ` +
        `with every instalment paid the loan is already settled`,
    );
  }
  if (date < schedule.startDate) {
    throw new RangeError(`date ${date} is before the schedule starts on ${schedule.startDate}`);
  }
  const fallenDue = instalments.filter((instalment) => instalment.dueDate <= date).length;
  const settledThrough = Math.max(paid, fallenDue);
  const principal = principalAfter(schedule, paid);
  const dueInterest = sum(instalments.slice(paid, settledThrough).map((i) => i.interest));
  const accrual = accrueInCurrentPeriod(schedule, settledThrough, date);
  return {
    date,
    principal,
    dueInterest,
    accruedInterest: accrual.interest,
    accrualDays: accrual.days,
    total: principal + dueInterest + accrual.interest,
  };
}

function accrueInCurrentPeriod(
  schedule: Schedule,
  settledThrough: number,
  date: string,
): { days: number; interest: bigint } {
  const next = schedule.instalments[settledThrough];
  const from = schedule.instalments[settledThrough - 1]?.dueDate ?? schedule.startDate;
  if (next === undefined || date <= from) return { days: 0, interest: 0n };
  const balance = principalAfter(schedule, settledThrough);
  const { days, interest } = accrueInterest(
    balance,
    schedule.annualRateBp,
    from,
    date,
    schedule.dayCount,
  );
  return { days, interest: interest < next.interest ? interest : next.interest };
}

function validate(input: ScheduleInput, dayCount: DayCount): void {
  const { principal, annualRateBp, termMonths, method } = input;
  if (typeof principal !== 'bigint' || principal <= 0n) {
    throw new RangeError('principal must be a positive whole number of fen (bigint)');
  }
  if (!Number.isInteger(annualRateBp) || annualRateBp < 0 || annualRateBp > MAX_ANNUAL_RATE_BP) {
    throw new RangeError(
      `annualRateBp must be a whole number of basis points from 0 to ${MAX_ANNUAL_RATE_BP}, ` +
        `got ${annualRateBp}`,
    );
  }
  if (!Number.isInteger(termMonths) || termMonths < 1 || termMonths > MAX_TERM_MONTHS) {
    throw new RangeError(
      `termMonths must be a whole number from 1 to ${MAX_TERM_MONTHS}, got ${termMonths}`,
    );
  }
  if (!REPAYMENT_METHODS.includes(method)) {
    throw new RangeError(`method must be one of ${REPAYMENT_METHODS.join(', ')}`);
  }
  if (!DAY_COUNTS.includes(dayCount)) {
    throw new RangeError(`dayCount must be one of ${DAY_COUNTS.join(', ')}`);
  }
  requireIsoDate(input.startDate, 'startDate');
}

/**
 * Rates per period over one denominator: bp × months / 120 000 under 30/360, bp × days / 3 650 000
 * under actual/365, so an interest amount is balance × rate / denominator, exactly.
 */
function planPeriods(
  annualRateBp: number,
  dayCount: DayCount,
  from: string,
  dueDates: readonly string[],
  firstNumber: number,
  monthsPerPeriod: number,
): PeriodPlan {
  const bp = BigInt(annualRateBp);
  let periodStart = from;
  const periods = dueDates.map((dueDate, index) => {
    const length = dayCount === 'actual_365' ? daysBetween(periodStart, dueDate) : monthsPerPeriod;
    periodStart = dueDate;
    return { number: firstNumber + index, dueDate, rate: bp * BigInt(length) };
  });
  const perYear = dayCount === 'actual_365' ? 365n : 12n;
  return { denominator: perYear * BP_PER_UNIT, periods };
}

function assemble(
  principal: bigint,
  plan: PeriodPlan,
  terms: Pick<Schedule, 'method' | 'dayCount' | 'annualRateBp' | 'startDate'>,
): Schedule {
  const instalments = AMORTISERS[terms.method](principal, plan);
  return {
    instalments,
    totalPrincipal: sum(instalments.map((instalment) => instalment.principal)),
    totalInterest: sum(instalments.map((instalment) => instalment.interest)),
    ...terms,
  };
}

function levelPayments(principal: bigint, plan: PeriodPlan): Instalment[] {
  const { denominator, periods } = plan;
  const payment = levelPayment(principal, plan);
  let balance = principal;
  return periods.map((period, index) => {
    const interest = divideHalfUp(balance * period.rate, denominator);
    const isLast = index === periods.length - 1;
    const share = isLast ? balance : clamp(payment - interest, 0n, balance);
    balance -= share;
    return row(period, share, interest, balance);
  });
}

/**
 * The level payment A that leaves nothing owed after the last period when period k multiplies the
 * balance by f_k / d (f_k = d + rate_k, d the denominator):
 *
 *   A = P · Π f_k / (d · S),   S = Σ_{k=1..n} d^(k−1) · Π_{j>k} f_j
 *
 * (the usual A = P·r·(1+r)^n / ((1+r)^n − 1) when every rate is r, and P / n at rate 0). S is
 * built from the last period back, Horner style, in exact bigint arithmetic.
 */
function levelPayment(principal: bigint, { denominator, periods }: PeriodPlan): bigint {
  // Reducing the fractions first keeps the products several times shorter (rate 0: all ones).
  const divisor = periods.reduce((common, period) => gcd(common, period.rate), denominator);
  const unit = denominator / divisor;
  let laterProduct = 1n;
  let series = 0n;
  for (const { rate } of [...periods].reverse()) {
    series = laterProduct + unit * series;
    laterProduct *= unit + rate / divisor;
  }
  return divideHalfUp(principal * laterProduct, unit * series);
}

function equalPrincipal(principal: bigint, { denominator, periods }: PeriodPlan): Instalment[] {
  const share = principal / BigInt(periods.length);
  let balance = principal;
  return periods.map((period, index) => {
    const interest = divideHalfUp(balance * period.rate, denominator);
    const paid = index === periods.length - 1 ? balance : share;
    balance -= paid;
    return row(period, paid, interest, balance);
  });
}

function interestThenPrincipal(
  principal: bigint,
  { denominator, periods }: PeriodPlan,
): Instalment[] {
  return periods.map((period, index) => {
    const interest = divideHalfUp(principal * period.rate, denominator);
    const isLast = index === periods.length - 1;
    return row(period, isLast ? principal : 0n, interest, isLast ? 0n : principal);
  });
}

function row(
  period: RatedPeriod,
  principal: bigint,
  interest: bigint,
  remaining: bigint,
): Instalment {
  return {
    number: period.number,
    dueDate: period.dueDate,
    principal,
    interest,
    total: principal + interest,
    remainingPrincipal: remaining,
  };
}

/** Principal still owed once the first `count` instalments are paid. */
function principalAfter(schedule: Schedule, count: number): bigint {
  return sum(schedule.instalments.slice(count).map((instalment) => instalment.principal));
}

function sum(values: readonly bigint[]): bigint {
  return values.reduce((total, value) => total + value, 0n);
}

function gcd(a: bigint, b: bigint): bigint {
  return b === 0n ? a : gcd(b, a % b);
}

function clamp(value: bigint, low: bigint, high: bigint): bigint {
  if (value < low) return low;
  return value > high ? high : value;
}
