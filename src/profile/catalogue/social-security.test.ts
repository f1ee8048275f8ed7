import { describe, expect, it } from 'vitest';
import type { ProfileRecord } from '../features.js';
import { monthsBack, profile, record, RESIDENT_ID, USCC } from '../testing.js';

const OTHER = '91110108551385082Q';
const THIRD = '914403001922038216';

/** One contribution record a month for `person` with `employer`, from back `from` to `to`. */
function contributions(
  person: string,
  employer: string,
  from: number,
  to: number,
  status: (back: number) => string = () => 'paid',
): ProfileRecord[] {
  const records: ProfileRecord[] = [];
  for (let back = from; back >= to; back--) {
    const period = monthsBack(back);
    records.push(
      record('social_security', period, {
        resident_id: person,
        period,
        employer_uscc: employer,
        contribution_base: '800000',
        paid: status(back) === 'paid' ? '276000' : '0',
        status: status(back),
        city: '330100',
      }),
    );
  }
  return records;
}

describe('social security of an enterprise (its staff)', () => {
  // A all along, B leaves after back 7, C joins at back 6, D at back 3; nobody paid in back 10.
  const arrearsIn10 = (back: number) => (back === 10 ? 'arrears' : 'paid');
  const staff = [
    ...contributions('A', USCC, 24, 1, arrearsIn10),
    ...contributions('B', USCC, 24, 7, arrearsIn10),
    ...contributions('C', USCC, 6, 1),
    ...contributions('D', USCC, 3, 1),
  ];
  const values = profile('enterprise', staff);

  it('counts staff now, on average and against the period before', () => {
    expect(values.ss_headcount).toBe(3);
    expect(values.ss_headcount_avg_12m).toBe(2.25);
    expect(values.ss_headcount_change_6m).toBe(0.25);
    expect(values.ss_headcount_change_12m).toBe(0.125);
    expect(values.ss_headcount_trend_12m).toBeGreaterThan(0);
  });

  it('measures staff leaving per head', () => {
    // One leaver over months back 13 … 2, whose mean headcount is (7·2 + 3·2 + 2·3) / 12.
    expect(values.ss_staff_turnover_12m).toBeCloseTo(1 / (26 / 12), 4);
  });

  it('counts arrears and the run of paid months since', () => {
    expect(values.ss_continuous_months).toBe(9);
    expect(values.ss_arrears_months_6m).toBe(0);
    expect(values.ss_arrears_months_12m).toBe(1);
    expect(values.ss_arrears_months_24m).toBe(1);
    expect(values.months_since_ss_arrears).toBe(9);
    expect(values.ss_unpaid_share_12m).toBeCloseTo(2 / 27, 4);
    expect(values.ss_paid_12m).toBe(25 * 276_000);
  });

  it('shows no headcount but keeps zero for an enterprise whose staff all left', () => {
    const gone = profile('enterprise', contributions('A', USCC, 24, 4));
    expect(gone.ss_headcount).toBe(0);
    expect(gone.ss_continuous_months).toBe(0);
    expect(gone.ss_headcount_change_6m).toBe(-0.5);
  });

  it('has no person features', () => {
    expect(values).not.toHaveProperty('currently_unemployed');
  });
});

describe('social security of a person (employment)', () => {
  // X back 20–15, gap 14–12, Y back 11–4 (arrears in back 8), gap back 3, Z back 2–1.
  const history = [
    ...contributions(RESIDENT_ID, USCC, 20, 15),
    ...contributions(RESIDENT_ID, OTHER, 11, 4, (back) => (back === 8 ? 'arrears' : 'paid')),
    ...contributions(RESIDENT_ID, THIRD, 2, 1),
  ];
  const values = profile('person', history);

  it('counts months insured and the gaps after the first contribution', () => {
    expect(values.insured_months_12m).toBe(10);
    expect(values.insured_months_24m).toBe(16);
    expect(values.uninsured_months_24m).toBe(4);
    expect(values.employment_gaps_24m).toBe(2);
    expect(values.longest_employment_gap_24m).toBe(3);
  });

  it('reads the current job, its length and the employers of each window', () => {
    expect(values.currently_unemployed).toBe(0);
    expect(values.months_since_contribution).toBe(0);
    expect(values.current_employer_months).toBe(2);
    expect(values.employers_12m).toBe(2);
    expect(values.employers_24m).toBe(3);
    expect(values.ss_continuous_months).toBe(2);
    expect(values.ss_arrears_months_12m).toBe(1);
    expect(values.months_since_ss_arrears).toBe(7);
    expect(values.contribution_base_latest).toBe(800_000);
  });

  it('flags a person without a contribution last month', () => {
    const idle = profile('person', contributions(RESIDENT_ID, USCC, 12, 3));
    expect(idle.currently_unemployed).toBe(1);
    expect(idle.months_since_contribution).toBe(2);
    expect(idle.current_employer_months).toBe(0);
    expect(idle.ss_continuous_months).toBe(0);
    expect(idle.uninsured_months_24m).toBe(2);
  });

  it('leaves everything missing without records, and has no staff features', () => {
    const none = profile('person', []);
    expect(none.currently_unemployed).toBeNull();
    expect(none.insured_months_24m).toBeNull();
    expect(values).not.toHaveProperty('ss_headcount');
  });
});
