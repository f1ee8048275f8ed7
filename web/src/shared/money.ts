/**
 * Money on the wire is integer fen as a decimal string (or number); it is shown in yuan
 * with two decimals and parsed back without floating point.
 */

const GROUPS = /\B(?=(\d{3})+(?!\d))/g;

/** `'123456789'` → `'¥1,234,567.89'`. */
export function formatFen(fen: string | number | bigint | null | undefined): string {
  if (fen === null || fen === undefined || fen === '') return '—';
  const value = BigInt(fen);
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const yuan = (abs / 100n).toString().replace(GROUPS, ',');
  const cents = (abs % 100n).toString().padStart(2, '0');
  return `${negative ? '-' : ''}¥${yuan}.${cents}`;
}

/** `'1,234.5'` yuan → `'123450'` fen; null when it is not an amount with at most 2 decimals. */
export function yuanToFen(input: string): string | null {
  const match = /^\s*(\d{1,13})(?:\.(\d{1,2}))?\s*$/.exec(input.replace(/,/g, ''));
  if (!match) return null;
  const fen = BigInt(match[1] ?? '0') * 100n + BigInt((match[2] ?? '').padEnd(2, '0') || '0');
  return fen.toString();
}

/** Basis points as a yearly percentage: 435 → `'4.35%'`. */
export function formatBp(bp: number | null | undefined): string {
  if (bp === null || bp === undefined) return '—';
  const sign = bp < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(bp));
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}%`;
}
