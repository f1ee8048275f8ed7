import { describe, expect, it } from 'vitest';
import { addMonths, daysBetween } from './day-count.js';
import type { DayCount } from './day-count.js';
import {
  REPAYMENT_METHODS,
  buildSchedule,
  earlyRepayment,
  rescheduleAfterPartialPrepayment,
} from './schedule.js';
import type { Schedule, ScheduleInput } from './schedule.js';

const columns = (schedule: Schedule) =>
  schedule.instalments.map((i) => [
    i.dueDate,
    i.principal,
    i.interest,
    i.total,
    i.remainingPrincipal,
  ]);

describe('buildSchedule: equal_instalment', () => {
  it('matches the hand-computed 100 000 元, 12 months, 4.35 % loan', () => {
    // r = 435 / 120 000 per month, A = P·r·(1+r)^12 / ((1+r)^12 − 1)
    //   = 10 000 000 × 0.003625 × 1.0443765… / 0.0443765… = 853 099.0036… → 853 099 fen.
    // (not 853 559). Interest of month 1: 10 000 000 × 0.003625 = 36 250.
    const schedule = buildSchedule({
      principal: 10_000_000n,
      annualRateBp: 435,
      termMonths: 12,
      method: 'equal_instalment',
      startDate: '2024-03-10',
    });
    const rows = schedule.instalments;
    expect(rows.slice(0, 11).every((row) => row.total === 853_099n)).toBe(true);
    expect(columns(schedule).slice(0, 2)).toEqual([
      ['2024-04-10', 816_849n, 36_250n, 853_099n, 9_183_151n],
      // 9 183 151 × 0.003625 = 33 288.92 → 33 289
      ['2024-05-10', 819_810n, 33_289n, 853_099n, 8_363_341n],
    ]);
    // The last row takes the rounding remainder of principal: 2 fen more than the level payment.
    expect(columns(schedule).at(-1)).toEqual(['2025-03-10', 850_020n, 3_081n, 853_101n, 0n]);
    expect(schedule.totalPrincipal).toBe(10_000_000n);
    expect(schedule.totalInterest).toBe(237_190n);
  });

  it('solves the level payment over actual days under actual_365', () => {
    // 36.5 % a year = 0.1 % a day; periods of 31, 29 (leap February) and 31 days.
    // A = P·Π(1+r_k) / Σ_k Π_{j>k}(1+r_j) = 424 510.71… → 424 511.
    const schedule = buildSchedule({
      principal: 1_200_000n,
      annualRateBp: 3650,
      termMonths: 3,
      method: 'equal_instalment',
      startDate: '2024-01-15',
      dayCount: 'actual_365',
    });
    expect(columns(schedule)).toEqual([
      ['2024-02-15', 387_311n, 37_200n, 424_511n, 812_689n],
      // 812 689 × 0.029 = 23 567.98 → 23 568
      ['2024-03-15', 400_943n, 23_568n, 424_511n, 411_746n],
      // 411 746 × 0.031 = 12 764.13 → 12 764
      ['2024-04-15', 411_746n, 12_764n, 424_510n, 0n],
    ]);
  });

  it('splits the principal evenly at rate 0', () => {
    const schedule = buildSchedule({
      principal: 1_000n,
      annualRateBp: 0,
      termMonths: 3,
      method: 'equal_instalment',
      startDate: '2024-01-01',
    });
    // 1000 / 3 = 333.33… → 333, the last row 334.
    expect(schedule.instalments.map((i) => i.total)).toEqual([333n, 333n, 334n]);
    expect(schedule.totalInterest).toBe(0n);
  });
});

describe('buildSchedule: other methods', () => {
  it('equal_principal: 12 000 元 at 12 % pays 1 000 元 principal and falling interest', () => {
    const schedule = buildSchedule({
      principal: 1_200_000n,
      annualRateBp: 1200,
      termMonths: 12,
      method: 'equal_principal',
      startDate: '2024-01-15',
    });
    // 1 % a month on the balance: 12 000, 11 000, …, 1 000.
    expect(schedule.instalments.map((i) => i.principal)).toEqual(Array(12).fill(100_000n));
    expect(schedule.instalments.map((i) => i.interest)).toEqual(
      Array.from({ length: 12 }, (_, k) => BigInt(12_000 - 1_000 * k)),
    );
    expect(schedule.totalInterest).toBe(78_000n);
  });

  it('equal_principal puts the indivisible remainder in the last instalment', () => {
    const schedule = buildSchedule({
      principal: 1_000_001n,
      annualRateBp: 0,
      termMonths: 3,
      method: 'equal_principal',
      startDate: '2024-01-15',
    });
    expect(schedule.instalments.map((i) => i.principal)).toEqual([333_333n, 333_333n, 333_335n]);
  });

  it('interest_first charges each period its actual days under actual_365', () => {
    const schedule = buildSchedule({
      principal: 1_000_000n,
      annualRateBp: 3650,
      termMonths: 3,
      method: 'interest_first',
      startDate: '2024-01-15',
      dayCount: 'actual_365',
    });
    expect(columns(schedule)).toEqual([
      ['2024-02-15', 0n, 31_000n, 31_000n, 1_000_000n],
      ['2024-03-15', 0n, 29_000n, 29_000n, 1_000_000n],
      ['2024-04-15', 1_000_000n, 31_000n, 1_031_000n, 0n],
    ]);
  });

  it('bullet: one instalment at maturity with simple interest rounded once', () => {
    const base = {
      principal: 10_000_000n,
      annualRateBp: 435,
      termMonths: 12,
      method: 'bullet',
      startDate: '2024-01-01',
    } as const;
    expect(columns(buildSchedule(base))).toEqual([
      ['2025-01-01', 10_000_000n, 435_000n, 10_435_000n, 0n],
    ]);
    // 366 days in 2024: 10 000 000 × 4.35 % × 366 / 365 = 436 191.78 → 436 192.
    const actual = buildSchedule({ ...base, dayCount: 'actual_365' });
    expect(actual.totalInterest).toBe(436_192n);
    // 333 fen at 1 % for 7 months: 1.94 fen rounded once is 2; 0.28 a month rounded monthly is 0.
    const tiny = { ...base, principal: 333n, annualRateBp: 100, termMonths: 7 };
    expect(buildSchedule(tiny).totalInterest).toBe(2n);
    expect(buildSchedule({ ...tiny, method: 'interest_first' }).totalInterest).toBe(0n);
  });

  it('clamps due dates to the month end and keeps the start day afterwards', () => {
    const schedule = buildSchedule({
      principal: 600n,
      annualRateBp: 0,
      termMonths: 6,
      method: 'equal_principal',
      startDate: '2023-12-31',
    });
    expect(schedule.instalments.map((i) => i.dueDate)).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
      '2024-06-30',
    ]);
  });
});

describe('buildSchedule: validation', () => {
  const valid: ScheduleInput = {
    principal: 100n,
    annualRateBp: 435,
    termMonths: 12,
    method: 'equal_instalment',
    startDate: '2024-01-01',
  };
  const cases: [string, Partial<Record<keyof ScheduleInput, unknown>>, RegExp][] = [
    ['zero principal', { principal: 0n }, /principal must be a positive/],
    ['negative principal', { principal: -5n }, /principal must be a positive/],
    ['principal as a number', { principal: 100 }, /principal must be a positive/],
    ['term 0', { termMonths: 0 }, /termMonths must be a whole number from 1 to 360, got 0/],
    ['term 361', { termMonths: 361 }, /termMonths/],
    ['fractional term', { termMonths: 1.5 }, /termMonths/],
    ['negative rate', { annualRateBp: -1 }, /annualRateBp must be a whole number/],
    ['rate above 100 000', { annualRateBp: 100_001 }, /annualRateBp/],
    ['rate as a percentage', { annualRateBp: 4.35 }, /annualRateBp/],
    ['unknown method', { method: 'balloon' }, /method must be one of/],
    ['unknown day count', { dayCount: 'actual_360' }, /dayCount must be one of/],
    ['impossible date', { startDate: '2023-02-29' }, /startDate must be a calendar date/],
    ['date with time', { startDate: '2024-01-01T08:00:00Z' }, /startDate/],
  ];
  it.each(cases)('rejects %s with a RangeError', (_name, change, message) => {
    const input = { ...valid, ...change } as ScheduleInput;
    expect(() => buildSchedule(input)).toThrow(RangeError);
    expect(() => buildSchedule(input)).toThrow(message);
  });

  it('accepts the boundaries', () => {
    expect(buildSchedule({ ...valid, annualRateBp: 0, termMonths: 1 }).instalments).toHaveLength(1);
    expect(
      buildSchedule({ ...valid, annualRateBp: 100_000, termMonths: 360 }).instalments,
    ).toHaveLength(360);
  });
});

describe('buildSchedule: properties over random loans', () => {
  it('adds up exactly for every method and day count', () => {
    const random = seeded(20_240_131);
    const violations: string[] = [];
    for (const method of REPAYMENT_METHODS) {
      for (const dayCount of ['monthly_30_360', 'actual_365'] as const) {
        for (let run = 0; run < 150; run += 1) {
          const input: ScheduleInput = {
            principal: randomPrincipal(random, run),
            annualRateBp: run % 10 === 0 ? 0 : random.int(0, 3000),
            termMonths: run % 25 === 0 ? 360 : random.int(1, 360),
            method,
            // Any day of January moved by whole months: month ends get clamped like due dates.
            startDate: addMonths(
              `20${random.int(10, 40)}-01-${pad(random.int(1, 31))}`,
              random.int(0, 11),
            ),
            dayCount,
          };
          const found = checkSchedule(buildSchedule(input), input, dayCount);
          violations.push(...found.map((problem) => `${describeInput(input)}: ${problem}`));
        }
      }
    }
    expect(violations.slice(0, 10)).toEqual([]);
  });
});

/** Every way `schedule` breaks the schedule invariants, as readable sentences. */
function checkSchedule(schedule: Schedule, input: ScheduleInput, dayCount: DayCount): string[] {
  const problems: string[] = [];
  const check = (holds: boolean, problem: string) => {
    if (!holds) problems.push(problem);
  };
  const rows = schedule.instalments;
  check(rows.length === (input.method === 'bullet' ? 1 : input.termMonths), 'instalment count');
  check(rows.at(-1)?.dueDate === addMonths(input.startDate, input.termMonths), 'maturity date');
  const sumOf = (pick: (row: (typeof rows)[number]) => bigint) =>
    rows.reduce((total, row) => total + pick(row), 0n);
  check(sumOf((r) => r.principal) === input.principal, 'Σ principal ≠ principal');
  check(schedule.totalPrincipal === input.principal, 'totalPrincipal ≠ principal');
  check(sumOf((r) => r.interest) === schedule.totalInterest, 'Σ interest ≠ totalInterest');
  check(sumOf((r) => r.total) === input.principal + schedule.totalInterest, 'Σ total');
  let balance = input.principal;
  let periodStart = input.startDate;
  for (const row of rows) {
    const at = `row ${row.number}`;
    check(row.principal >= 0n && row.interest >= 0n, `${at}: negative amount`);
    check(row.total === row.principal + row.interest, `${at}: total ≠ principal + interest`);
    check(periodStart < row.dueDate, `${at}: due date not after the previous one`);
    // The period's exact interest on the balance, rounded half up: error in (−½, ½] fen.
    const [rate, denominator] =
      dayCount === 'actual_365'
        ? [BigInt(input.annualRateBp * daysBetween(periodStart, row.dueDate)), 3_650_000n]
        : [
            BigInt(input.annualRateBp * (input.method === 'bullet' ? input.termMonths : 1)),
            120_000n,
          ];
    const error = 2n * (row.interest * denominator - balance * rate);
    check(error > -denominator && error <= denominator, `${at}: interest not rounded half up`);
    balance -= row.principal;
    check(row.remainingPrincipal === balance, `${at}: remainingPrincipal`);
    periodStart = row.dueDate;
  }
  check(balance === 0n, 'principal not repaid');
  if (input.method === 'equal_instalment' && dayCount === 'monthly_30_360') {
    problems.push(...checkLevel(schedule, input));
  }
  return problems;
}

/** Level rows, and a level payment that agrees with the textbook formula in floating point. */
function checkLevel(schedule: Schedule, input: ScheduleInput): string[] {
  const problems: string[] = [];
  const n = input.termMonths;
  const p = Number(input.principal);
  const r = input.annualRateBp / 120_000;
  const textbook = r === 0 ? p / n : (p * r * (1 + r) ** n) / ((1 + r) ** n - 1);
  const payment = Number(schedule.instalments[0]?.total);
  if (!(Math.abs(payment - textbook) <= 1)) problems.push(`payment ${payment} vs ${textbook}`);
  // Below 1 million 元 a rounded-up payment can clear the balance a row early at high rates.
  const levels = new Set(schedule.instalments.slice(0, -1).map((row) => row.total));
  if (input.principal >= 100_000_000n && levels.size > 1) problems.push('payments not level');
  return problems;
}

function describeInput(input: ScheduleInput): string {
  return JSON.stringify(input, (_key, value: unknown) =>
    typeof value === 'bigint' ? `${value}n` : value,
  );
}

function randomPrincipal(random: Random, run: number): bigint {
  if (run === 1) return 1n;
  if (run === 2) return 100_000_000_000n;
  // Log-uniform, so that single fen and hundreds of millions of 元 both come up.
  const digits = random.int(1, 11);
  return BigInt(Math.floor(random.next() * 10 ** digits)) + 1n;
}

interface Random {
  next(): number;
  int(low: number, high: number): number;
}

/** Deterministic linear congruential generator, so a failure reproduces. */
function seeded(seed: number): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
  return { next, int: (low, high) => low + Math.floor(next() * (high - low + 1)) };
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

describe('earlyRepayment', () => {
  const loan = (dayCount: DayCount) =>
    buildSchedule({
      principal: 1_200_000n,
      annualRateBp: 1200,
      termMonths: 12,
      method: 'equal_principal',
      startDate: '2024-01-15',
      dayCount,
    });

  it('charges the remaining principal and interest since the last due date (30E/360)', () => {
    // 2 paid, 1 000 000 left; 15 Mar → 25 Mar = 10 days: 1 000 000 × 12 % × 10 / 360 = 3 333.33.
    expect(
      earlyRepayment(loan('monthly_30_360'), {
        date: '2024-03-25',
        paidInstalments: 2,
        mode: 'full',
      }),
    ).toEqual({
      date: '2024-03-25',
      principal: 1_000_000n,
      dueInterest: 0n,
      accruedInterest: 3_333n,
      accrualDays: 10,
      total: 1_003_333n,
    });
  });

  it('counts actual days over 365 under actual_365', () => {
    // 1 000 000 × 12 % × 10 / 365 = 3 287.67 → 3 288.
    const quote = earlyRepayment(loan('actual_365'), {
      date: '2024-03-25',
      paidInstalments: 2,
      mode: 'full',
    });
    expect([quote.principal, quote.accruedInterest, quote.total]).toEqual([
      1_000_000n,
      3_288n,
      1_003_288n,
    ]);
  });

  it('adds instalments already due but unpaid, in full', () => {
    const quote = earlyRepayment(loan('monthly_30_360'), {
      date: '2024-03-25',
      paidInstalments: 1,
      mode: 'full',
    });
    // Instalment 2 (due 15 Mar) owes 11 000 interest; then 10 days on 1 000 000.
    expect([quote.principal, quote.dueInterest, quote.accruedInterest, quote.total]).toEqual([
      1_100_000n,
      11_000n,
      3_333n,
      1_114_333n,
    ]);
  });

  it('on a due date charges that instalment and nothing accrued', () => {
    const quote = earlyRepayment(loan('monthly_30_360'), {
      date: '2024-03-15',
      paidInstalments: 1,
      mode: 'full',
    });
    expect([quote.dueInterest, quote.accruedInterest, quote.accrualDays]).toEqual([11_000n, 0n, 0]);
  });

  it('accrues from the start date before the first due date', () => {
    const quote = earlyRepayment(loan('monthly_30_360'), {
      date: '2024-01-30',
      paidInstalments: 0,
      mode: 'full',
    });
    // 15 days on 1 200 000 at 1 % a month: 6 000.
    expect([quote.principal, quote.accruedInterest, quote.total]).toEqual([
      1_200_000n,
      6_000n,
      1_206_000n,
    ]);
  });

  it('never charges a 30/360 period more than its own instalment interest', () => {
    const schedule = buildSchedule({
      principal: 1_200_000n,
      annualRateBp: 1200,
      termMonths: 3,
      method: 'interest_first',
      startDate: '2024-01-31',
    });
    // Due 29 Feb then 31 Mar; 29 Feb → 30 Mar is 31 days under 30E/360, capped at 12 000.
    const quote = earlyRepayment(schedule, {
      date: '2024-03-30',
      paidInstalments: 1,
      mode: 'full',
    });
    expect([quote.accrualDays, quote.accruedInterest]).toEqual([31, 12_000n]);
  });

  it('charges no interest for periods already paid ahead', () => {
    const quote = earlyRepayment(loan('monthly_30_360'), {
      date: '2024-01-20',
      paidInstalments: 1,
      mode: 'full',
    });
    expect([quote.principal, quote.dueInterest, quote.accruedInterest]).toEqual([
      1_100_000n,
      0n,
      0n,
    ]);
  });

  it('rejects impossible requests', () => {
    const schedule = loan('monthly_30_360');
    const ask = (date: string, paidInstalments: number) =>
      earlyRepayment(schedule, { date, paidInstalments, mode: 'full' });
    expect(() => ask('2024-01-14', 0)).toThrow(/before the schedule starts/);
    expect(() => ask('2024-05-01', 12)).toThrow(
      /paidInstalments must be a whole number from 0 to 11/,
    );
    expect(() => ask('2024-05-01', -1)).toThrow(RangeError);
    expect(() => ask('2024-02-30', 1)).toThrow(/date must be a calendar date/);
  });
});

describe('rescheduleAfterPartialPrepayment', () => {
  it('spreads the lower balance over the same remaining due dates', () => {
    const original = buildSchedule({
      principal: 1_200_000n,
      annualRateBp: 1200,
      termMonths: 12,
      method: 'equal_principal',
      startDate: '2024-01-15',
    });
    const next = rescheduleAfterPartialPrepayment(original, {
      paidInstalments: 2,
      amount: 400_000n,
    });
    expect(next.startDate).toBe('2024-03-15');
    expect(next.instalments.map((i) => i.number)).toEqual([3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(next.instalments.map((i) => i.dueDate)).toEqual(
      original.instalments.slice(2).map((i) => i.dueDate),
    );
    expect(next.instalments.map((i) => i.principal)).toEqual(Array(10).fill(60_000n));
    expect(next.instalments[0]?.interest).toBe(6_000n);
    expect(next.totalPrincipal).toBe(600_000n);
  });

  it('lowers the level payment of an equal-instalment loan', () => {
    const original = buildSchedule({
      principal: 10_000_000n,
      annualRateBp: 435,
      termMonths: 12,
      method: 'equal_instalment',
      startDate: '2024-03-10',
    });
    const next = rescheduleAfterPartialPrepayment(original, {
      paidInstalments: 6,
      amount: 2_000_000n,
    });
    // 5 054 275 − 2 000 000 = 3 054 275 over 6 months at r = 0.3625 %:
    // P·r·(1+r)^6 / ((1+r)^6 − 1) = 515 523.83… → 515 524.
    expect(next.instalments[0]?.total).toBe(515_524n);
    expect(next.totalPrincipal).toBe(3_054_275n);
    expect(next.instalments.at(-1)?.remainingPrincipal).toBe(0n);
  });

  it('rejects a prepayment that is not partial or not on a paid due date', () => {
    const schedule = buildSchedule({
      principal: 1_000_000n,
      annualRateBp: 500,
      termMonths: 6,
      method: 'interest_first',
      startDate: '2024-01-15',
    });
    const prepay = (paidInstalments: number, amount: bigint) =>
      rescheduleAfterPartialPrepayment(schedule, { paidInstalments, amount });
    expect(() => prepay(0, 1n)).toThrow(/paidInstalments must be a whole number from 1 to 5/);
    expect(() => prepay(6, 1n)).toThrow(RangeError);
    expect(() => prepay(2, 0n)).toThrow(/amount must be more than 0/);
    expect(() => prepay(2, 1_000_000n)).toThrow(/settle the whole balance/);
  });
});
