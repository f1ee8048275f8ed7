import { describe, expect, it } from 'vitest';
import { formatBp, formatFen, yuanToFen } from './money';

describe('money on screen', () => {
  it('shows fen as grouped yuan with two decimals', () => {
    expect(formatFen('123456789')).toBe('¥1,234,567.89');
    expect(formatFen(5)).toBe('¥0.05');
    expect(formatFen('-100')).toBe('-¥1.00');
    expect(formatFen(null)).toBe('—');
  });

  it('parses yuan into fen exactly, refusing what is not an amount', () => {
    expect(yuanToFen('1,234.5')).toBe('123450');
    expect(yuanToFen('0.07')).toBe('7');
    expect(yuanToFen('9007199254740.99')).toBe('900719925474099');
    expect(yuanToFen('1.234')).toBeNull();
    expect(yuanToFen('-1')).toBeNull();
    expect(yuanToFen('abc')).toBeNull();
  });

  it('shows basis points as a percentage', () => {
    expect(formatBp(435)).toBe('4.35%');
    expect(formatBp(1200)).toBe('12.00%');
    expect(formatBp(null)).toBe('—');
  });
});
