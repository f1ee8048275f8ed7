import { describe, expect, it } from 'vitest';
import { addYears, DOCUMENT_KINDS, RETENTION_YEARS, retainUntil } from './retention.js';

describe('retention', () => {
  it('keeps loan files ten years and objection evidence five', () => {
    const at = new Date('2026-03-05T04:00:00Z');
    expect(retainUntil('loan_contract', at)).toBe('2036-03-05');
    expect(retainUntil('alternative_proof', at)).toBe('2036-03-05');
    expect(retainUntil('objection_evidence', at)).toBe('2031-03-05');
    expect(retainUntil('other', at)).toBe('2031-03-05');
  });

  it("counts from the day in China's calendar", () => {
    // 2025-12-31 16:30 UTC is already 2026-01-01 in Beijing.
    expect(retainUntil('other', new Date('2025-12-31T16:30:00Z'))).toBe('2031-01-01');
    expect(retainUntil('other', new Date('2025-12-31T15:59:59Z'))).toBe('2030-12-31');
  });

  it('never shortens a period: 29 February moves to 1 March in a common year', () => {
    expect(addYears('2024-02-29', 10)).toBe('2034-03-01');
    expect(addYears('2024-02-29', 4)).toBe('2028-02-29');
    expect(addYears('2023-12-31', 5)).toBe('2028-12-31');
  });

  it('refuses what is not a date or a whole number of years', () => {
    expect(() => addYears('2024/02/29', 1)).toThrow(RangeError);
    expect(() => addYears('2024-02-29', -1)).toThrow(RangeError);
    expect(() => addYears('2024-02-29', 1.5)).toThrow(RangeError);
  });

  it('states a period for every kind', () => {
    for (const kind of DOCUMENT_KINDS) expect(RETENTION_YEARS[kind]).toBeGreaterThanOrEqual(5);
  });
});
