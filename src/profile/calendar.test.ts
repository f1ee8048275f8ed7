import { describe, expect, it } from 'vitest';
import {
  daysBetween,
  isDate,
  monthOf,
  monthText,
  shiftMonths,
  wholeMonthsBetween,
  wholeYearsBetween,
} from './calendar.js';

describe('calendar', () => {
  it('reads months of periods and dates, and refuses anything else', () => {
    expect(monthOf('2026-10')).toBe(2026 * 12 + 9);
    expect(monthOf('2026-10-31')).toBe(2026 * 12 + 9);
    expect(monthOf('2026-13')).toBeUndefined();
    expect(monthOf('2026-1')).toBeUndefined();
    expect(monthText(2026 * 12)).toBe('2026-01');
    expect(isDate('2024-02-29')).toBe(true);
    expect(isDate('2025-02-29')).toBe(false);
  });

  it('shifts months keeping the day where the month has it', () => {
    expect(shiftMonths('2026-10-15', -12)).toBe('2025-10-15');
    expect(shiftMonths('2024-03-31', -1)).toBe('2024-02-29');
    expect(shiftMonths('2026-01-31', -2)).toBe('2025-11-30');
    expect(shiftMonths('2025-12-01', 1)).toBe('2026-01-01');
  });

  it('counts whole months and years as elapsed time', () => {
    expect(wholeMonthsBetween('2024-01-31', '2024-02-29')).toBe(0);
    expect(wholeMonthsBetween('2024-01-31', '2024-03-01')).toBe(1);
    expect(wholeMonthsBetween('2026-09-15', '2026-10-01')).toBe(0);
    expect(wholeYearsBetween('1990-03-07', '2026-03-06')).toBe(35);
    expect(wholeYearsBetween('1990-03-07', '2026-03-07')).toBe(36);
    expect(daysBetween('2025-12-31', '2026-01-01')).toBe(1);
  });
});
