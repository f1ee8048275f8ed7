import { describe, expect, it } from 'vitest';
import { formatDate, formatDuration, formatFen, placeholders, render } from './format.js';

describe('format', () => {
  it('writes fen as yuan with two decimals and grouped digits, exactly', () => {
    expect(formatFen(450_000n, 'zh-CN')).toBe('4,500.00 元');
    expect(formatFen(450_000n, 'en')).toBe('CNY 4,500.00');
    expect(formatFen(0n, 'zh-CN')).toBe('0.00 元');
    expect(formatFen(5n, 'zh-CN')).toBe('0.05 元');
    expect(formatFen(-123_456n, 'en')).toBe('CNY -1,234.56');
    // Beyond 2^53 fen: no double in between to round it.
    expect(formatFen(9_007_199_254_740_993n, 'zh-CN')).toBe('90,071,992,547,409.93 元');
  });

  it('writes dates as people do, and leaves other text alone', () => {
    expect(formatDate('2026-05-31', 'zh-CN')).toBe('2026年5月31日');
    expect(formatDate('2026-05-01', 'en')).toBe('1 May 2026');
    expect(formatDate('2026-05', 'en')).toBe('2026-05');
  });

  it('writes waits in minutes, then hours', () => {
    expect(formatDuration(20, 'zh-CN')).toBe('1 分钟');
    expect(formatDuration(1800, 'en')).toBe('30 minutes');
    expect(formatDuration(7140, 'en')).toBe('119 minutes');
    expect(formatDuration(7141, 'en')).toBe('2 hours');
    expect(formatDuration(7200, 'zh-CN')).toBe('2 小时');
    expect(formatDuration(86_400, 'en')).toBe('24 hours');
  });

  it('renders parameters by their kind, and a missing one as not given', () => {
    const params = { asOf: '2026-05-31', baseFen: '450000', months: ['2026-03', '2026-04'], n: 6 };
    const template = '{asOf} {baseFen} {months} {n} {absent}';
    expect(render(template, params, 'zh-CN')).toBe(
      '2026年5月31日 4,500.00 元 2026-03、2026-04 6 未提供',
    );
    expect(render(template, params, 'en')).toBe(
      '31 May 2026 CNY 4,500.00 2026-03, 2026-04 6 not given',
    );
    expect(placeholders(template)).toEqual(['asOf', 'baseFen', 'months', 'n', 'absent']);
  });
});
