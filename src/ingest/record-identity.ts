/**
 * The de-duplication keys of a normalised record: its natural key says which record it is
 * (with the provider and category, kept by the caller), its content hash whether anything in
 * it changed. Same natural key and same content hash = unchanged, nothing to store.
 */
import crypto from 'node:crypto';
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

/**
 * Marks a natural key stored as itself; a blind index starts with its hash's name
 * (`sha256:`, `sm3:`), so the two forms never meet.
 */
export const PLAIN_KEY_PREFIX = 'key:';

/**
 * The natural key as stored in `records.natural_key_index`. A person's record is found by a
 * keyed hash (blind index) of its key, which names the person. An enterprise's record keeps
 * its key as itself: the key's fields are fields of the record's content, which is stored
 * in clear for enterprises (USCC, period, case or contract number), so a hash would hide
 * nothing, and the key in clear keeps one enterprise's records together in the index
 * (`migrations/0020_enterprise_record_keys.sql` rewrote the earlier hashed ones).
 */
export function storedNaturalKey(
  subjectKind: 'enterprise' | 'person',
  naturalKey: string,
  blindIndex: (key: string) => string,
): string {
  return subjectKind === 'person' ? blindIndex(naturalKey) : `${PLAIN_KEY_PREFIX}${naturalKey}`;
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
  // Built by concatenation, without entry arrays: this runs once per record ingested. The
  // default sort compares UTF-16 code units, as the definition above says.
  const keys = Object.keys(record).sort();
  let json = '';
  for (const key of keys) {
    const value = record[key];
    if (value === undefined) continue;
    json += `${json === '' ? '' : ','}${quotedKey(key)}:${jsonValue(value)}`;
  }
  return `{${json}}`;
}

/** JSON text of field names: a schema has few, and every record repeats them. */
const quotedKeys = new Map<string, string>();

function quotedKey(key: string): string {
  let quoted = quotedKeys.get(key);
  if (quoted === undefined) {
    quoted = JSON.stringify(key);
    // Keys come from schemas; the bound only guards against a caller with arbitrary keys.
    if (quotedKeys.size < 1000) quotedKeys.set(key, quoted);
  }
  return quoted;
}

function jsonValue(value: CanonicalValue): string {
  if (typeof value === 'bigint') return JSON.stringify(value.toString());
  // JSON.stringify would silently write NaN as null: a different record, same hash.
  if (typeof value === 'number' && !Number.isFinite(value)) {
    throw new RangeError(`canonical records hold finite numbers only, not ${value}`);
  }
  return JSON.stringify(value);
}

/** SHA-256 (hex) of {@link canonicalRecordJson}: the definition. */
export function contentHash(record: CanonicalRecord): string {
  return crypto.createHash('sha256').update(canonicalRecordJson(record), 'utf8').digest('hex');
}

/**
 * SHA-256 (hex) of a text's UTF-8 bytes, for the hot path. The one-shot `crypto.hash`
 * (Node 20.12+) costs a third of a `createHash` object per call; older Node versions take
 * the long way. The ingest checks it against {@link contentHash} once per chunk.
 */
export const sha256Hex: (text: string) => string =
  typeof crypto.hash === 'function'
    ? (text) => crypto.hash('sha256', text, 'hex')
    : (text) => crypto.createHash('sha256').update(text, 'utf8').digest('hex');
