import { describe, expect, it } from 'vitest';
import { monthly, profile, USCC } from '../testing.js';

const statements = monthly('self_reported', 24, 1, (_, back) => ({
  uscc: USCC,
  revenue: '1000000',
  net_profit: back <= 3 ? '-50000' : '100000',
  total_assets: '10000000',
  total_liabilities: back === 1 ? '7000000' : '5000000',
  employees: back <= 12 ? 8 : 10,
}));
const returns = monthly('tax', 12, 1, () => ({
  uscc: USCC,
  taxable_revenue: '800000',
  tax_paid: '0',
}));

describe('self-reported finance features', () => {
  const values = profile('enterprise', [...statements, ...returns]);

  it('reads leverage and its change over a year', () => {
    expect(values.self_debt_ratio).toBe(0.7);
    expect(values.self_debt_ratio_change_12m).toBe(0.2);
    expect(values.self_total_assets).toBe(10_000_000);
  });

  it('computes margins, losses and profit over windows', () => {
    expect(values.self_net_margin_3m).toBe(-0.05);
    expect(values.self_net_margin_12m).toBe(0.0625);
    expect(values.self_loss_months_12m).toBe(3);
    expect(values.self_net_profit_12m).toBe(750_000);
    expect(values.self_revenue_12m).toBe(12_000_000);
    expect(values.self_revenue_change_12m).toBe(0);
  });

  it('follows staff and reporting', () => {
    expect(values.self_employees).toBe(8);
    expect(values.self_employees_change_12m).toBe(-0.2);
    expect(values.self_reporting_months_12m).toBe(12);
  });

  it('compares reported revenue with the tax returns of the same months', () => {
    expect(values.self_revenue_to_tax_revenue_12m).toBe(1.25);
    const alone = profile('enterprise', statements);
    expect(alone.self_revenue_to_tax_revenue_12m).toBeNull();
  });
});
