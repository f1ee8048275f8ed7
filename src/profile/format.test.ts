import { describe, expect, it } from 'vitest';
import { featureByName, formatReason } from './features.js';
import { formatMoney, formatValue } from './format.js';

const feature = (name: string) => {
  const found = featureByName(name);
  if (found === undefined) throw new Error(`no feature ${name}`);
  return found;
};

describe('formatMoney', () => {
  it('writes 元 below ten thousand and 万元 above, grouped', () => {
    expect(formatMoney(123_456, 'zh-CN')).toBe('1,234.56 元');
    expect(formatMoney(500_000, 'zh-CN')).toBe('5,000 元');
    expect(formatMoney(2_400_000, 'zh-CN')).toBe('2.4 万元');
    expect(formatMoney(1_234_567_800, 'zh-CN')).toBe('1,234.57 万元');
    expect(formatMoney(-5_000_000, 'zh-CN')).toBe('-5 万元');
  });

  it('writes CNY, and CNY million from a million yuan, in English', () => {
    expect(formatMoney(123_456, 'en')).toBe('CNY 1,234.56');
    expect(formatMoney(2_400_000, 'en')).toBe('CNY 24,000');
    expect(formatMoney(1_234_567_800, 'en')).toBe('CNY 12.35 million');
  });
});

describe('formatValue', () => {
  it('shows ratios as percentages, flags as words and missing as no data', () => {
    expect(formatValue(feature('tax_paid_change_12m'), -0.3333, 'en')).toBe('-33.3%');
    expect(formatValue(feature('ss_unpaid_share_12m'), 0.0833, 'zh-CN')).toBe('8.3%');
    expect(formatValue(feature('listed_dishonest'), 1, 'zh-CN')).toBe('是');
    expect(formatValue(feature('listed_dishonest'), 0, 'en')).toBe('no');
    expect(formatValue(feature('tax_paid_12m'), null, 'zh-CN')).toBe('无数据');
    expect(formatValue(feature('years_since_registration'), 2.4873, 'en')).toBe('2.5');
  });

  it('names categorical values in the locale', () => {
    expect(formatValue(feature('tax_credit_rating'), 'M', 'zh-CN')).toBe('M 级（新设立）');
    expect(formatValue(feature('tax_credit_rating'), 'D', 'en')).toBe('grade D');
    expect(formatValue(feature('industry'), 'catering', 'zh-CN')).toBe('餐饮');
    expect(formatValue(feature('province'), '33', 'zh-CN')).toBe('浙江省');
    expect(formatValue(feature('age_band'), 'under_30', 'en')).toBe('under 30');
    expect(formatValue(feature('industry'), 'unheard_of', 'en')).toBe('unheard_of');
  });
});

describe('formatReason', () => {
  it('fills the template of the feature in both locales', () => {
    expect(formatReason('ss_continuous_months', 3, 'zh-CN')).toBe('连续缴纳社保月数偏少：3 个月');
    expect(formatReason('ss_continuous_months', 3, 'en')).toBe(
      'Few consecutive months of social-security contributions: 3 months',
    );
    expect(formatReason('tax_paid_12m', 2_400_000, 'zh-CN')).toBe('近12个月实缴税额偏低：2.4 万元');
    expect(formatReason(feature('tax_paid_12m'), 2_400_000, 'en')).toBe(
      'Little tax paid in the last 12 months: CNY 24,000',
    );
    expect(formatReason('self_debt_ratio', 0.8512, 'zh-CN')).toBe('资产负债率较高：85.1%');
  });

  it('refuses an unknown feature', () => {
    expect(() => formatReason('no_such_feature', 1, 'en')).toThrow(RangeError);
  });
});
