/**
 * Readers of canonical record fields. Ingest stores money as bigint fen serialised to JSON as
 * a digit string (`"1234500"`); integers as JSON numbers; absent optional fields as null. A
 * reader returns null for anything absent or unreadable, so features treat it as unknown.
 *
 * Amounts become plain numbers: integer fen is exact in a double up to 2^53 ≈ 9 × 10^15 fen
 * (90 万亿元), far beyond any one subject's sums; beyond that the value is rounded, never
 * wrapped.
 */
type Content = Readonly<Record<string, unknown>>;

const INTEGER_TEXT = /^-?\d+$/;
const DECIMAL_TEXT = /^-?\d+(?:\.\d+)?$/;

/** A money (fen) or count field as a number. */
export function amount(content: Content, field: string): number | null {
  const value = content[field];
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && INTEGER_TEXT.test(value)) return Number(value);
  return null;
}

/** A decimal kept as text by ingest (e.g. an area in m²). */
export function decimal(content: Content, field: string): number | null {
  const value = content[field];
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && DECIMAL_TEXT.test(value)) return Number(value);
  return null;
}

export function text(content: Content, field: string): string | null {
  const value = content[field];
  return typeof value === 'string' && value !== '' ? value : null;
}

export function flag(content: Content, field: string): boolean | null {
  const value = content[field];
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}
