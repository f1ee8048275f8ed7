/**
 * The de-duplication keys of a normalised record: its natural key says which record it is
 * (with the provider and category, kept by the caller), its content hash whether anything in
 * it changed. Same natural key and same content hash = unchanged, nothing to store.
 */
import { createHash } from 'node:crypto';
import type { CanonicalRecord, CanonicalValue } from './normalise.js';
import type { CategorySchema } from './schemas.js';

/**
 * Unit separator between natural-key parts: normalised text never contains control
 * characters (see `cleanText`), so no two different keys can join to the same text.
 */
export const NATURAL_KEY_SEPARATOR = '\u001f';

/**
 * The natural-key values of a normalised record, as text joined by U+001F, in the schema's
 * order: `'91110108MA01AB2C0X\u001f2024-03'`. Throws if the record lacks a key field, which
 * would mean it was not normalised against this schema.
 */
export function naturalKeyOf(schema: CategorySchema, record: CanonicalRecord): string {
  return schema.naturalKey
    .map((name) => {
      if (!Object.hasOwn(record, name)) {
        throw new Error(`${schema.category} record has no natural-key field ${name}`);
      }
      return keyText(record[name] ?? null);
    })
    .join(NATURAL_KEY_SEPARATOR);
}

function keyText(value: CanonicalValue): string {
  return value === null ? '' : String(value);
}

/**
 * Canonical JSON of a flat record: keys sorted by UTF-16 code unit, bigint (money in fen) as
 * a decimal string so that any JSON reader gets it back exactly, null kept (an absent
 * optional field is content too). Same format as `canonicalJson` in `ingest.ts`.
 */
export function canonicalRecordJson(record: CanonicalRecord): string {
  const entries = Object.entries(record)
    .filter((entry): entry is [string, CanonicalValue] => entry[1] !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([key, value]) => `${JSON.stringify(key)}:${jsonValue(value)}`).join(',')}}`;
}

function jsonValue(value: CanonicalValue): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  // JSON.stringify would silently write NaN as null: a different record, same hash.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`canonical records hold finite numbers only, not ${value}`);
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of {@link canonicalRecordJson}. */
export function contentHash(record: CanonicalRecord): string {
  return createHash('sha256').update(canonicalRecordJson(record), 'utf8').digest('hex');
}
