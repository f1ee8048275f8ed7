import { describe, expect, it } from 'vitest';
import { profile, record, USCC } from '../testing.js';

const contract = (number: string, awardedOn: string, amount: string, status: string) =>
  record('procurement', awardedOn, {
    contract_number: number,
    uscc: USCC,
    awarded_on: awardedOn,
    amount,
    buyer: '杭州市教育局',
    status,
  });

describe('procurement features', () => {
  const values = profile('enterprise', [
    contract('K1', '2026-09-01', '5000000', 'performing'),
    contract('K2', '2025-05-01', '3000000', 'terminated'),
    contract('K3', '2021-05-01', '1000000', 'completed'),
  ]);

  it('counts wins and their value over windows', () => {
    expect(values.procurement_wins_12m).toBe(1);
    expect(values.procurement_wins_24m).toBe(2);
    expect(values.procurement_amount_12m).toBe(5_000_000);
    expect(values.procurement_amount_24m).toBe(8_000_000);
    expect(values.procurement_wins_total).toBe(3);
  });

  it('reads how contracts went and how recent the last win is', () => {
    expect(values.procurement_terminated).toBe(1);
    expect(values.procurement_active_contracts).toBe(1);
    expect(values.months_since_procurement_win).toBe(1);
  });
});
