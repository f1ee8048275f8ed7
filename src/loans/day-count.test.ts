import { describe, expect, it } from 'vitest';
import {
  accrueInterest,
  addMonths,
  days30E360,
  daysBetween,
  divideHalfUp,
  isIsoDate,
  requireIsoDate,
} from './day-count.js';

describe('isIsoDate', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    for (const bad of ['2023-02-29', '2100-02-29', '2024-13-01', '2024-00-10', '2024-04-31']) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
  });

  it('rejects other spellings and non-strings', () => {
    for (const bad of [
      '2024-1-05',
      '2024/01/05',
      ' 2024-01-05',
      '2024-01-05T00:00',
      '２０２４-01-05',
    ]) {
      expect(isIsoDate(bad), bad).toBe(false);
    }
    expect(isIsoDate(20240105)).toBe(false);
    expect(() => requireIsoDate(undefined, 'startDate')).toThrow(
      'startDate must be a calendar date YYYY-MM-DD, got undefined',
    );
  });
});

describe('addMonths', () => {
  it('keeps the day of the month, clamped to the month end', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2024-01-31', 2)).toBe('2024-03-31');
    expect(addMonths('2024-01-31', 3)).toBe('2024-04-30');
    expect(addMonths('2024-03-15', 0)).toBe('2024-03-15');
  });

  it('rolls over years, including century leap rules', () => {
    expect(addMonths('2024-11-30', 3)).toBe('2025-02-28');
    expect(addMonths('2099-12-31', 2)).toBe('2100-02-28');
    expect(addMonths('1999-12-31', 2)).toBe('2000-02-29');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
    expect(addMonths('2024-02-29', 48)).toBe('2028-02-29');
  });

  it('refuses dates past year 9999', () => {
    expect(() => addMonths('9999-06-30', 7)).toThrow(RangeError);
  });
});

describe('daysBetween', () => {
  it('counts actual days, leap days included', () => {
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2023-01-01', '2024-01-01')).toBe(365);
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('1999-12-31', '2000-03-01')).toBe(61);
    expect(daysBetween('2024-03-01', '2024-02-28')).toBe(-2);
  });

  it('agrees with the platform calendar over four centuries', () => {
    const dayMs = 86_400_000;
    for (let offset = 0; offset < 146_097; offset += 997) {
      const date = new Date(Date.UTC(1900, 0, 1) + offset * dayMs).toISOString().slice(0, 10);
      expect(daysBetween('1900-01-01', date), date).toBe(offset);
    }
  });
});

describe('days30E360', () => {
  it('counts 30-day months and reads the 31st as the 30th', () => {
    expect(days30E360('2024-01-15', '2024-02-15')).toBe(30);
    expect(days30E360('2024-01-31', '2024-02-15')).toBe(15);
    expect(days30E360('2024-01-30', '2024-03-31')).toBe(60);
    expect(days30E360('2024-02-29', '2024-03-30')).toBe(31);
    expect(days30E360('2023-12-15', '2024-12-15')).toBe(360);
  });
});

describe('divideHalfUp', () => {
  it('rounds halves up and everything else to the nearest', () => {
    expect(divideHalfUp(5n, 2n)).toBe(3n);
    expect(divideHalfUp(7n, 2n)).toBe(4n);
    expect(divideHalfUp(1n, 3n)).toBe(0n);
    expect(divideHalfUp(2n, 3n)).toBe(1n);
    expect(divideHalfUp(0n, 7n)).toBe(0n);
    expect(divideHalfUp(149n, 100n)).toBe(1n);
    expect(divideHalfUp(150n, 100n)).toBe(2n);
  });
});

describe('accrueInterest', () => {
  it('uses actual days over 365 or 30E/360 days over 360', () => {
    // 1 000 000 fen at 36.5 %: 100 fen a day on actual/365.
    expect(accrueInterest(1_000_000n, 3650, '2024-01-31', '2024-03-01', 'actual_365')).toEqual({
      days: 30,
      interest: 30_000n,
    });
    // 1 000 000 × 12 % × 10 / 360 = 3 333.33…
    expect(accrueInterest(1_000_000n, 1200, '2024-03-15', '2024-03-25', 'monthly_30_360')).toEqual({
      days: 10,
      interest: 3_333n,
    });
  });

  it('accrues nothing when the period does not move forward', () => {
    expect(accrueInterest(1_000_000n, 1200, '2024-03-15', '2024-03-15', 'actual_365')).toEqual({
      days: 0,
      interest: 0n,
    });
    expect(accrueInterest(1_000_000n, 1200, '2024-03-15', '2024-03-01', 'monthly_30_360')).toEqual({
      days: 0,
      interest: 0n,
    });
  });
});
