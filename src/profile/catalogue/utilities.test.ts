import { describe, expect, it } from 'vitest';
import type { ProfileRecord } from '../features.js';
import { monthsBack, profile, record, USCC } from '../testing.js';

function bills(): ProfileRecord[] {
  const records: ProfileRecord[] = [];
  for (let back = 12; back >= 1; back--) {
    const period = monthsBack(back);
    for (const utility of ['water', 'electricity']) {
      const late = (back === 2 && utility === 'electricity') || (back === 5 && utility === 'water');
      records.push(
        record('utilities', period, {
          uscc: USCC,
          period,
          utility,
          amount: back <= 6 ? '30000' : '20000',
          paid_on_time: !late,
          // On-time bills sometimes come without days: they are 0 days overdue.
          overdue_days: late ? (back === 5 ? 40 : 10) : back % 2 === 0 ? 0 : null,
        }),
      );
    }
  }
  return records;
}

describe('utilities features', () => {
  const values = profile('enterprise', bills());

  it('counts late bills and months, and the longest delay', () => {
    expect(values.utility_late_bills_3m).toBe(1);
    expect(values.utility_late_bills_6m).toBe(2);
    expect(values.utility_late_bills_24m).toBe(2);
    expect(values.utility_late_months_12m).toBe(2);
    expect(values.utility_max_overdue_days_6m).toBe(40);
    expect(values.months_since_utility_late).toBe(1);
    expect(values.utility_on_time_share_12m).toBeCloseTo(22 / 24, 4);
  });

  it('measures activity by the amount billed', () => {
    expect(values.utility_billed_12m).toBe(12 * 20_000 + 12 * 30_000);
    expect(values.utility_billed_change_12m).toBeNull();
  });

  it('gives zero, not missing, when every bill was on time', () => {
    const punctual = bills().map((bill) => ({
      ...bill,
      content: { ...bill.content, paid_on_time: true, overdue_days: null },
    }));
    const clean = profile('enterprise', punctual);
    expect(clean.utility_late_bills_12m).toBe(0);
    expect(clean.utility_max_overdue_days_12m).toBe(0);
    expect(clean.months_since_utility_late).toBe(24);
  });
});
