import { describe, expect, it } from 'vitest';
import { monthly, profile, RESIDENT_ID, USCC } from '../testing.js';

const OVERDUE_DAYS: Readonly<Record<number, number>> = { 10: 15, 9: 45, 8: 75, 3: 20 };
const INQUIRIES: Readonly<Record<number, number>> = { 1: 3, 7: 2, 13: 1, 19: 4 };

const reports = (subject: string) =>
  monthly('credit_bureau', 24, 1, (_, back) => ({
    subject_id: subject,
    loans_outstanding: back <= 12 ? '1000000' : '500000',
    overdue_amount: OVERDUE_DAYS[back] === undefined ? '0' : '100000',
    max_overdue_days: OVERDUE_DAYS[back] ?? 0,
    inquiries_6m: INQUIRIES[back] ?? 1,
    open_accounts: back <= 12 ? 3 : 1,
  }));

describe('credit bureau features', () => {
  it.each(['enterprise', 'person'] as const)('reads overdue history for an %s', (kind) => {
    const values = profile(kind, reports(kind === 'person' ? RESIDENT_ID : USCC));
    expect(values).toMatchObject({
      credit_overdue_months_3m: 1,
      credit_overdue_months_6m: 1,
      credit_overdue_months_12m: 4,
      credit_overdue_months_24m: 4,
      credit_max_overdue_days_3m: 20,
      credit_max_overdue_days_6m: 20,
      credit_max_overdue_days_12m: 75,
      credit_overdue_30d_months_6m: 0,
      credit_overdue_30d_months_12m: 2,
      credit_overdue_spells_24m: 2,
      months_since_credit_overdue: 2,
      credit_currently_overdue: 0,
    });
  });

  it('adds up the six-month inquiry counts of reports six months apart', () => {
    const values = profile('person', reports(RESIDENT_ID));
    expect(values.credit_inquiries_6m).toBe(3);
    expect(values.credit_inquiries_12m).toBe(5);
    expect(values.credit_inquiries_24m).toBe(10);
    expect(values.credit_inquiries_avg_12m).toBe(1.25);
  });

  it('reads indebtedness and its growth', () => {
    const values = profile('person', reports(RESIDENT_ID));
    expect(values.credit_loans_outstanding).toBe(1_000_000);
    expect(values.credit_loans_change_12m).toBe(1);
    expect(values.credit_overdue_amount).toBe(0);
    expect(values.credit_overdue_share).toBe(0);
    expect(values.credit_open_accounts).toBe(3);
    expect(values.credit_open_accounts_change_12m).toBe(2);
  });

  it('has no depth of overdue for a window without reports', () => {
    const old = reports(RESIDENT_ID).filter((r) => (r.period ?? '') < '2026-04');
    const values = profile('person', old);
    expect(values.credit_max_overdue_days_3m).toBeNull();
    expect(values.credit_overdue_months_3m).toBe(0);
    expect(values.credit_inquiries_6m).toBeNull();
  });
});
