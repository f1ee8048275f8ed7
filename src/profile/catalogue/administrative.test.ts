import { describe, expect, it } from 'vitest';
import { profile, record, USCC } from '../testing.js';

const decision = (number: string, decidedOn: string, kind: string, extra = {}) =>
  record('administrative', decidedOn, {
    decision_number: number,
    uscc: USCC,
    kind,
    decided_on: decidedOn,
    authority: '杭州市市场监督管理局',
    ...extra,
  });

describe('administrative features', () => {
  const values = profile('enterprise', [
    decision('P1', '2026-01-10', 'penalty', { severity: 'serious', amount: '500000' }),
    decision('P2', '2024-11-01', 'penalty', { severity: 'minor' }),
    decision('P3', '2024-10-01', 'penalty', { severity: 'general', amount: '100000' }),
    decision('C1', '2025-06-01', 'commendation'),
  ]);

  it('counts penalties, serious ones and fines over windows', () => {
    expect(values.admin_penalties_12m).toBe(1);
    expect(values.admin_penalties_24m).toBe(2);
    expect(values.admin_serious_penalties_24m).toBe(1);
    expect(values.admin_fines_24m).toBe(500_000);
    expect(values.admin_penalties_total).toBe(3);
    expect(values.months_since_admin_penalty).toBe(8);
  });

  it('counts commendations apart from penalties', () => {
    expect(values.admin_commendations_24m).toBe(1);
    expect(values.admin_commendations_total).toBe(1);
  });
});
