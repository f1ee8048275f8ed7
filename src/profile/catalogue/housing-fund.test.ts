import { describe, expect, it } from 'vitest';
import type { ProfileRecord } from '../features.js';
import { monthsBack, profile, record, RESIDENT_ID, USCC } from '../testing.js';

function deposits(
  person: string,
  from: number,
  to: number,
  state: (back: number) => { status: string; paid: number },
): ProfileRecord[] {
  const records: ProfileRecord[] = [];
  for (let back = from; back >= to; back--) {
    const period = monthsBack(back);
    const { status, paid } = state(back);
    records.push(
      record('housing_fund', period, {
        resident_id: person,
        period,
        employer_uscc: USCC,
        deposit_base: '800000',
        paid: String(paid),
        account_status: status,
      }),
    );
  }
  return records;
}

const active = (paid = 96_000) => ({ status: 'active', paid });

describe('housing fund features', () => {
  it('follows a person whose account got sealed after a job ended', () => {
    const values = profile('person', [
      ...deposits(RESIDENT_ID, 24, 5, (back) => active(back === 9 ? 0 : 96_000)),
      ...deposits(RESIDENT_ID, 4, 1, () => ({ status: 'sealed', paid: 0 })),
    ]);
    expect(values.hf_account_status).toBe('sealed');
    expect(values.hf_continuous_months).toBe(0);
    expect(values.hf_deposit_months_12m).toBe(7);
    expect(values.hf_deposit_months_24m).toBe(19);
    expect(values.hf_unpaid_months_12m).toBe(1);
    expect(values.hf_sealed_months_24m).toBe(4);
    expect(values.hf_paid_12m).toBe(7 * 96_000);
    expect(values.hf_deposit_base_latest).toBe(800_000);
  });

  it('counts an enterprise’s depositing staff, leaving out sealed accounts of former staff', () => {
    const values = profile('enterprise', [
      ...deposits('A', 24, 1, () => active()),
      ...deposits('B', 24, 13, () => active()),
      ...deposits('B', 12, 1, () => ({ status: 'sealed', paid: 0 })),
    ]);
    expect(values.hf_headcount).toBe(1);
    expect(values.hf_headcount_change_12m).toBe(-0.5);
    expect(values.hf_continuous_months).toBe(24);
    expect(values.hf_unpaid_months_12m).toBe(0);
    expect(values).not.toHaveProperty('hf_account_status');
  });
});
