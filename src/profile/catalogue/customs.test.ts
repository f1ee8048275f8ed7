import { describe, expect, it } from 'vitest';
import { monthly, profile, USCC } from '../testing.js';

describe('customs features', () => {
  const values = profile(
    'enterprise',
    monthly('customs', 12, 1, (_, back) => ({
      uscc: USCC,
      import_value: back <= 6 ? '1000000' : '2000000',
      export_value: '3000000',
      declarations: 2,
      credit_level: back === 1 ? 'dishonest' : 'general',
    })),
  );

  it('sums trade over windows and compares it with the window before', () => {
    expect(values.customs_trade_3m).toBe(12_000_000);
    expect(values.customs_trade_12m).toBe(54_000_000);
    expect(values.customs_exports_12m).toBe(36_000_000);
    expect(values.customs_imports_12m).toBe(18_000_000);
    expect(values.customs_trade_change_6m).toBe(-0.2);
    expect(values.customs_trade_change_12m).toBeNull(); // nothing before
    expect(values.customs_declarations_12m).toBe(24);
    expect(values.customs_active_months_12m).toBe(12);
  });

  it('reads the latest credit level', () => {
    expect(values.customs_credit_level).toBe('dishonest');
    expect(values.customs_dishonest).toBe(1);
  });

  it('is missing for an enterprise that never traded abroad', () => {
    expect(profile('enterprise', []).customs_trade_12m).toBeNull();
  });
});
