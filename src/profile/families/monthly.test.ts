import { describe, expect, it } from 'vitest';
import { computeProfile } from '../features.js';
import { monthly, USCC, AS_OF } from '../testing.js';
import { ENTERPRISE } from './declare.js';
import { sumOf } from './measures.js';
import { monthlyVariation, runs } from './monthly.js';

describe('runs', () => {
  it('finds runs of consecutive months, broken by other values and by missing months', () => {
    const points = [1, 2, 3, 5, 6, 7, 8].map((month, i) => ({ month, value: i === 5 ? 0 : 1 }));
    expect(runs(points, (value) => value > 0)).toEqual([3, 2, 1]);
    expect(runs(points, (value) => value === 0)).toEqual([1]);
    expect(runs([], () => true)).toEqual([]);
  });
});

describe('monthlyVariation', () => {
  it('is the standard deviation over the mean of the months', () => {
    const [volatility] = monthlyVariation([4], {
      name: 'v_{window}m',
      unit: 'ratio',
      subjects: ENTERPRISE,
      categories: ['tax'],
      label: { 'zh-CN': '波动', en: 'volatility' },
      reason: { 'zh-CN': '波动', en: 'volatility' },
      measure: sumOf('tax_paid'),
    });
    const records = monthly('tax', 4, 1, (_, back) => ({
      uscc: USCC,
      tax_paid: back % 2 === 0 ? 50 : 150,
    }));
    const [value] = computeProfile('enterprise', records, AS_OF, volatility ? [volatility] : []);
    expect(value?.feature).toBe('v_4m');
    expect(value?.value).toBe(0.5);
  });
});
