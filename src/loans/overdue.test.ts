import { describe, expect, it } from 'vitest';
import { bucketOf, loanStatus } from './overdue.js';
import type { DueInstalment, Repayment } from './overdue.js';
import { buildSchedule } from './schedule.js';

const instalments: DueInstalment[] = [
  { number: 1, dueDate: '2024-02-15', principal: 1_000n, interest: 100n },
  { number: 2, dueDate: '2024-03-15', principal: 1_000n, interest: 90n },
  { number: 3, dueDate: '2024-04-15', principal: 1_000n, interest: 80n },
];
const paid = (date: string, amount: bigint): Repayment => ({ date, amount });

describe('bucketOf', () => {
  it.each([
    [0, 'current'],
    [1, 'M1'],
    [30, 'M1'],
    [31, 'M2'],
    [60, 'M2'],
    [61, 'M3'],
    [90, 'M3'],
    [91, 'M4+'],
    [400, 'M4+'],
  ] as const)('%i days past due is %s', (days, bucket) => {
    expect(bucketOf(days)).toBe(bucket);
  });
});

describe('loanStatus: days past due', () => {
  const single: DueInstalment[] = [
    { number: 1, dueDate: '2024-01-31', principal: 500n, interest: 5n },
  ];
  it.each([
    ['2024-01-30', 0, 'current'],
    ['2024-01-31', 0, 'current'],
    ['2024-02-01', 1, 'M1'],
    ['2024-03-01', 30, 'M1'],
    ['2024-03-02', 31, 'M2'],
    ['2024-03-31', 60, 'M2'],
    ['2024-04-01', 61, 'M3'],
    ['2024-04-30', 90, 'M3'],
    ['2024-05-01', 91, 'M4+'],
  ] as const)('as of %s: %i days, %s', (asOf, days, bucket) => {
    const status = loanStatus(single, [], asOf);
    expect([status.daysPastDue, status.bucket]).toEqual([days, bucket]);
    expect(status.overdueAmount).toBe(days > 0 ? 505n : 0n);
  });

  it('counts from the oldest unpaid instalment', () => {
    const status = loanStatus(instalments, [], '2024-04-20');
    expect(status.instalments.map((i) => i.daysPastDue)).toEqual([65, 36, 5]);
    expect([status.daysPastDue, status.bucket]).toEqual([65, 'M3']);
    expect(status.overdueAmount).toBe(3_270n);
  });

  it('treats payment on the due date as on time', () => {
    const status = loanStatus(instalments, [paid('2024-02-15', 1_100n)], '2024-02-16');
    expect([status.daysPastDue, status.bucket, status.overdueAmount]).toEqual([0, 'current', 0n]);
    expect(status.instalments[0]?.settledOn).toBe('2024-02-15');
  });
});

describe('loanStatus: allocation', () => {
  it('pays interest before principal within an instalment', () => {
    const [first] = loanStatus(instalments, [paid('2024-02-10', 60n)], '2024-02-10').instalments;
    expect(first).toMatchObject({
      paidInterest: 60n,
      paidPrincipal: 0n,
      outstandingInterest: 40n,
      outstandingPrincipal: 1_000n,
      outstanding: 1_040n,
      settledOn: null,
    });
  });

  it('pays the oldest instalment first and spills the rest into the next', () => {
    const repayments = [paid('2024-02-20', 1_050n), paid('2024-03-10', 200n)];
    const status = loanStatus(instalments, repayments, '2024-03-20');
    expect(
      status.instalments.map((i) => [i.paidInterest, i.paidPrincipal, i.outstanding, i.settledOn]),
    ).toEqual([
      [100n, 1_000n, 0n, '2024-03-10'],
      [90n, 60n, 940n, null],
      [0n, 0n, 1_080n, null],
    ]);
    // Instalment 1 was 24 days late but is settled; instalment 2 is 5 days past due.
    expect([status.daysPastDue, status.bucket, status.overdueAmount]).toEqual([5, 'M1', 940n]);
    expect(status.outstandingAmount).toBe(2_020n);
  });

  it('shows a partly paid instalment as still past due', () => {
    const status = loanStatus(instalments, [paid('2024-02-20', 1_050n)], '2024-02-20');
    expect([status.daysPastDue, status.overdueAmount]).toEqual([5, 50n]);
  });

  it('applies repayments in date order and ignores those after asOf', () => {
    const repayments = [
      paid('2024-03-15', 1_090n),
      paid('2024-02-15', 1_100n),
      paid('2024-05-01', 9n),
    ];
    const status = loanStatus(instalments, repayments, '2024-04-01');
    expect(status.instalments.map((i) => i.settledOn)).toEqual(['2024-02-15', '2024-03-15', null]);
    expect(status.unappliedAmount).toBe(0n);
  });

  it('applies payments ahead of the due date to future instalments', () => {
    const status = loanStatus(instalments, [paid('2024-02-01', 1_200n)], '2024-02-01');
    expect(status.instalments.map((i) => i.outstanding)).toEqual([0n, 990n, 1_080n]);
    expect(status.instalments[1]?.paidInterest).toBe(90n);
    expect(status.instalments[1]?.paidPrincipal).toBe(10n);
  });

  it('closes the loan on the repayment that pays the last fen and keeps any excess', () => {
    const repayments = [paid('2024-02-15', 1_100n), paid('2024-04-10', 2_200n)];
    const status = loanStatus(instalments, repayments, '2024-06-30');
    expect(status.closed).toBe(true);
    expect(status.closedOn).toBe('2024-04-10');
    expect(status.unappliedAmount).toBe(30n);
    expect([status.outstandingAmount, status.overdueAmount, status.bucket]).toEqual([
      0n,
      0n,
      'current',
    ]);
  });

  it('keeps a loan open while a single fen is owed', () => {
    const status = loanStatus(instalments, [paid('2024-02-15', 3_269n)], '2024-05-01');
    expect([status.closed, status.closedOn, status.overdueAmount]).toEqual([false, null, 1n]);
    expect(status.instalments[2]?.outstandingPrincipal).toBe(1n);
    expect([status.daysPastDue, status.bucket]).toEqual([16, 'M1']);
  });

  it('closes a schedule paid instalment by instalment on the due dates', () => {
    const schedule = buildSchedule({
      principal: 10_000_000n,
      annualRateBp: 435,
      termMonths: 12,
      method: 'equal_instalment',
      startDate: '2024-01-31',
    });
    const repayments = schedule.instalments.map((i) => paid(i.dueDate, i.total));
    const status = loanStatus(schedule.instalments, repayments, '2025-06-01');
    expect([status.closed, status.closedOn, status.bucket]).toEqual([
      true,
      '2025-01-31',
      'current',
    ]);
    const lastButOne = loanStatus(schedule.instalments, repayments.slice(0, -1), '2025-02-01');
    expect([lastButOne.daysPastDue, lastButOne.overdueAmount]).toEqual([1, 853_101n]);
  });
});

describe('loanStatus: validation', () => {
  it('rejects bad amounts, dates and order with a RangeError', () => {
    expect(() => loanStatus(instalments, [paid('2024-02-15', 0n)], '2024-03-01')).toThrow(
      'repayments[0].amount must be a positive whole number of fen (bigint)',
    );
    expect(() => loanStatus(instalments, [paid('2024-02-30', 5n)], '2024-03-01')).toThrow(
      /repayments\[0\]\.date must be a calendar date/,
    );
    expect(() => loanStatus(instalments, [], '20240301')).toThrow(/asOf must be a calendar date/);
    const unordered = [instalments[1], instalments[0]] as DueInstalment[];
    expect(() => loanStatus(unordered, [], '2024-03-01')).toThrow(
      "instalments[1].dueDate 2024-02-15 is before the previous instalment's",
    );
    const negative = [{ ...instalments[0], interest: -1n }] as DueInstalment[];
    expect(() => loanStatus(negative, [], '2024-03-01')).toThrow(RangeError);
  });
});
