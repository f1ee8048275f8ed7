import { describe, expect, it } from 'vitest';
import { monthly, profile, record, USCC } from '../testing.js';

/**
 * 30 months of returns before the as-of month (2026-10): tax paid 1 000 元 a month until a
 * year ago and 2 000 元 since; no return for back 2 (2026-08); arrears in back 5, 14 and 15;
 * rated A until a year ago, B since. A return of the as-of month itself must be ignored.
 */
function returns() {
  const records = monthly('tax', 30, 1, (period, back) => ({
    uscc: USCC,
    taxable_revenue: '10000000',
    tax_paid: back <= 12 ? '200000' : '100000',
    arrears: back === 5 ? '50000' : back === 14 || back === 15 ? '30000' : '0',
    credit_rating: back <= 12 ? 'B' : 'A',
  })).filter((r) => r.period !== '2026-08');
  const current = { uscc: USCC, period: '2026-10', tax_paid: '99999999', arrears: '99999999' };
  return [...records, record('tax', '2026-10', current)];
}

describe('tax features', () => {
  const values = profile('enterprise', returns());

  it('sums payments over windows, a skipped month counting as nothing paid', () => {
    expect(values.tax_paid_3m).toBe(400_000);
    expect(values.tax_paid_6m).toBe(1_000_000);
    expect(values.tax_paid_12m).toBe(2_200_000);
    expect(values.tax_paid_24m).toBe(3_400_000);
    expect(values.taxable_revenue_12m).toBe(110_000_000);
  });

  it('compares the mean month with the window before', () => {
    expect(values.tax_paid_change_12m).toBeCloseTo(2_200_000 / 12 / 100_000 - 1, 4);
    expect(values.tax_paid_change_3m).toBeCloseTo(-1 / 3, 4);
    expect(values.taxable_revenue_change_6m).toBeCloseTo(-1 / 6, 4);
    expect(values.tax_burden_12m).toBe(0.02);
  });

  it('counts arrears months, spells and recency; the latest arrears are the last return', () => {
    expect(values.tax_arrears_months_6m).toBe(1);
    expect(values.tax_arrears_months_12m).toBe(1);
    expect(values.tax_arrears_months_24m).toBe(3);
    expect(values.tax_arrears_spells_24m).toBe(2);
    expect(values.months_since_tax_arrears).toBe(4);
    expect(values.tax_arrears_latest).toBe(0);
    expect(values.tax_arrears_peak_24m).toBe(50_000);
  });

  it('reads the rating, its downgrade and the filing record', () => {
    expect(values.tax_credit_rating).toBe('B');
    expect(values.tax_credit_rating_downgraded).toBe(1);
    expect(values.tax_filing_months_12m).toBe(11);
    expect(values.months_since_tax_filing).toBe(0);
  });

  it('leaves fields the provider never reports missing', () => {
    expect(values.invoice_amount_3m).toBeNull();
    expect(values.invoice_count_12m).toBeNull();
  });

  it('measures volatility and trend of revenue', () => {
    const growing = monthly('tax', 12, 1, (_, back) => ({
      uscc: USCC,
      taxable_revenue: String(1_000_000 + (12 - back) * 100_000),
      tax_paid: '0',
    }));
    const trend = profile('enterprise', growing);
    // Revenue 1.0 … 2.1 million fen: slope 100 000 a month over a mean of 1.55 million.
    expect(trend.taxable_revenue_trend_12m).toBeCloseTo(100_000 / 1_550_000, 4);
    expect(trend.taxable_revenue_volatility_12m).toBeGreaterThan(0.2);
    expect(values.taxable_revenue_volatility_12m).toBeGreaterThan(0.2); // the skipped month
    expect(trend.tax_paid_change_12m).toBeNull(); // nothing before the window
  });

  it('stops counting time since the last return at 24 months', () => {
    const stale = profile(
      'enterprise',
      monthly('tax', 40, 30, () => ({ uscc: USCC, tax_paid: 1 })),
    );
    expect(stale.months_since_tax_filing).toBe(24);
    expect(stale.tax_paid_24m).toBe(0);
    expect(stale.tax_credit_rating).toBeNull();
  });
});
