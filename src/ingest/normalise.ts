/**
 * Per-record data intake: one raw record of a provider (already renamed to canonical field
 * names) is validated and normalised against its category schema. Pure: no I/O, no clock
 * (`today` is an argument), so a batch can be replayed and tested deterministically.
 *
 * Canonical values, by field type:
 * - `uscc`, `resident_id`, `subject_id`: the normalised identifier (see `normaliseIdentifier`);
 * - `text`: NFKC, control characters and runs of whitespace become one space, trimmed;
 * - `enum`: the schema's own spelling of the value;
 * - `money`: bigint fen, converted with exact decimal arithmetic on the digit string;
 * - `integer`: number;
 * - `decimal`: the shortest exact decimal text: no `+`, no leading zeros, no trailing
 *   fractional zeros (`"0120.50"` → `"120.5"`, `"120.00"` → `"120"`), so that equal values
 *   hash equally whatever the provider's formatting;
 * - `date`: `YYYY-MM-DD`; `period`: `YYYY-MM`; `boolean`: boolean; `region`: six digits;
 * - an absent optional field: null.
 *
 * Every field is checked and every problem reported (one per field: the first thing wrong
 * with it), so a provider can fix a record in one round trip.
 */
import type { MessageParams } from '../platform/messages.js';
import { CHINA_OFFSET_MS, chinaDate } from '../platform/time.js';
import { normaliseIdentifier, parseResidentId, parseUscc } from '../registry/identifiers.js';
import { RESIDENT_ID_CODES, USCC_CODES } from '../registry/registry.js';
import { isKnownRegion } from '../registry/regions.js';
import type { CategorySchema, FieldDefinition, SubjectKindRule } from './schemas.js';

export type MoneyUnit = 'fen' | 'yuan' | 'wan_yuan';

/** How one source writes its values. */
export interface SourceOptions {
  /** The unit of money cells that name none (a unit written in the cell wins). */
  readonly moneyUnit: MoneyUnit;
  /**
   * Per canonical field, the provider's words → canonical values, e.g.
   * `{ status: { 正常: 'active' } }`. Used by enum fields (and boolean fields, whose canonical
   * words are `true`/`false`); keys match case-insensitively after text normalisation.
   */
  readonly valueMaps?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

export type CanonicalValue = string | bigint | boolean | number | null;
export type CanonicalRecord = Record<string, CanonicalValue>;
export type SubjectKind = 'enterprise' | 'person';

/** One thing wrong with a record; `code` is a key of the message catalogue. */
export interface RecordProblem {
  readonly field: string;
  readonly code: string;
  readonly params?: MessageParams;
}

export type NormaliseResult =
  | {
      readonly ok: true;
      readonly record: CanonicalRecord;
      readonly subject: { readonly kind: SubjectKind; readonly id: string };
    }
  | { readonly ok: false; readonly problems: RecordProblem[] };

/** Dates before the founding of the PRC are data errors in every category we take. */
export const EARLIEST_DATE = '1949-10-01';
const EARLIEST_PERIOD = EARLIEST_DATE.slice(0, 7);
/** Resident-ID birth dates start here (as in `parseResidentId`). */
const EARLIEST_BIRTH_DATE = '1900-01-01';
/** Money is stored as int8 fen; anything beyond would fail (or wrap) at the database. */
const MAX_FEN = 2n ** 63n - 1n;
/** Separates natural-key parts in `record-identity.ts`; text must never contain it. */
const CONTROL_CHARACTERS = /\p{Cc}/gu;
const ZERO_WIDTH_SPACE = /\u200b/gu;
/** Text that `cleanText` returns unchanged, recognised in one pass (see there). */
const PLAIN_TEXT = /^[\x21-\x7e]+(?: [\x21-\x7e]+)*$/;
/** Text that `normaliseIdentifier` returns unchanged. */
const PLAIN_IDENTIFIER = /^[0-9A-Z]*$/;
/** Text that `numericText` returns unchanged: printable ASCII, no spaces. */
const PLAIN_NUMERIC = /^[\x21-\x7e]*$/;

// ---------------------------------------------------------------------------------------------
// The record
// ---------------------------------------------------------------------------------------------

interface Context {
  readonly options: SourceOptions;
  readonly today: Date;
  /** `today` as a civil date in China (UTC+8), `YYYY-MM-DD`. */
  readonly todayDate: string;
}

type Scalar = string | number | boolean | bigint;
type Problem = Omit<RecordProblem, 'field'>;
type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly problem: Problem };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (code: string, params?: MessageParams): Parsed<never> => ({
  ok: false,
  problem: params === undefined ? { code } : { code, params },
});

/**
 * Validates and normalises one raw record. `raw` holds canonical field names; its values may
 * be strings (CSV, XML) or JSON values. `today` decides what "in the future" means, read as
 * a civil date in China (UTC+8).
 */
export function normaliseRecord(
  schema: CategorySchema,
  raw: Readonly<Record<string, unknown>>,
  options: SourceOptions,
  today: Date,
): NormaliseResult {
  const context: Context = { options, today, todayDate: todayInChina(today) };
  const record: CanonicalRecord = {};
  const problems: RecordProblem[] = [];
  for (const field of schema.fields) {
    const parsed = normaliseField(
      field,
      Object.hasOwn(raw, field.name) ? raw[field.name] : undefined,
      context,
    );
    if (parsed.ok) record[field.name] = parsed.value;
    else problems.push({ field: field.name, ...parsed.problem });
  }
  const subject = subjectOf(schema, record, today);
  if (subject !== undefined && !kindAllowed(schema.subject.kind, subject.kind)) {
    problems.push(wrongSubjectKind(schema.subject.field, schema.subject.kind));
  }
  problems.push(...dateOrderProblems(record), ...unknownFieldProblems(schema, raw));
  if (problems.length > 0) return { ok: false, problems };
  if (subject === undefined) {
    // Only a broken schema gets here: every subject field is a required identifier.
    throw new Error(
      `${schema.category}: subject field ${schema.subject.field} is not an identifier`,
    );
  }
  return { ok: true, record, subject };
}

/** `chinaDate` of the last `today` seen: a whole chunk shares one, so it is worked out once. */
let lastToday = { at: Number.NaN, date: '' };

function todayInChina(today: Date): string {
  const at = today.getTime();
  if (at !== lastToday.at) lastToday = { at, date: chinaDate(at) };
  return lastToday.date;
}

function normaliseField(
  field: FieldDefinition,
  raw: unknown,
  context: Context,
): Parsed<CanonicalValue> {
  if (isAbsent(raw)) return field.required ? fail('required') : ok(null);
  // A JSON object or array where one value belongs: nothing sensible to read from it.
  if (!isScalar(raw)) return fail('invalid');
  return parseValue(field, raw, context);
}

function parseValue(field: FieldDefinition, raw: Scalar, context: Context): Parsed<CanonicalValue> {
  const type = field.type;
  switch (type.kind) {
    case 'uscc':
      return parseUsccField(raw, context);
    case 'resident_id':
      return parseResidentIdField(raw, context);
    case 'subject_id':
      return parseSubjectId(raw, context);
    case 'text':
      return parseText(raw, type.maxLength);
    case 'enum':
      return parseEnum(mapValue(context.options, field.name, raw), type.values);
    case 'money':
      return parseMoney(raw, context.options.moneyUnit, type.signed === true);
    case 'integer':
      return parseInteger(raw, type.min, type.max);
    case 'decimal':
      return parseDecimalField(raw, type.scale, type.min);
    case 'date':
      return parseDate(raw, context.todayDate);
    case 'period':
      return parsePeriod(raw, context.todayDate.slice(0, 7));
    case 'boolean':
      return parseBoolean(mapValue(context.options, field.name, raw));
    case 'region':
      return parseRegion(raw);
  }
}

/** Missing, null and blank text all mean "not given": CSV cannot tell them apart. */
function isAbsent(raw: unknown): boolean {
  return raw === undefined || raw === null || (typeof raw === 'string' && cleanText(raw) === '');
}

function isScalar(raw: unknown): raw is Scalar {
  const type = typeof raw;
  return type === 'string' || type === 'number' || type === 'boolean' || type === 'bigint';
}

/** The field names of each schema, as a set built once rather than once per record. */
const fieldNamesOf = new WeakMap<CategorySchema, ReadonlySet<string>>();

function unknownFieldProblems(
  schema: CategorySchema,
  raw: Readonly<Record<string, unknown>>,
): RecordProblem[] {
  let known = fieldNamesOf.get(schema);
  if (known === undefined) {
    known = new Set(schema.fields.map((field) => field.name));
    fieldNamesOf.set(schema, known);
  }
  const problems: RecordProblem[] = [];
  for (const key in raw) {
    if (Object.hasOwn(raw, key) && !known.has(key)) {
      problems.push({ field: key, code: 'unknown_field' });
    }
  }
  return problems;
}

/** Pairs of date fields where the later one may not precede the earlier one. */
const DATE_ORDER: readonly { readonly earlier: string; readonly later: string }[] = [
  { earlier: 'filed_on', later: 'closed_on' },
];

function dateOrderProblems(record: CanonicalRecord): RecordProblem[] {
  return DATE_ORDER.filter(({ earlier, later }) => {
    const from = record[earlier];
    const to = record[later];
    return typeof from === 'string' && typeof to === 'string' && to < from;
  }).map(({ earlier, later }) => ({
    field: later,
    code: 'date_order',
    params: { after: earlier },
  }));
}

// ---------------------------------------------------------------------------------------------
// The subject
// ---------------------------------------------------------------------------------------------

/** The record's subject, if its subject field holds a valid identifier. */
function subjectOf(
  schema: CategorySchema,
  record: CanonicalRecord,
  today: Date,
): { kind: SubjectKind; id: string } | undefined {
  const id = record[schema.subject.field];
  const field = schema.fields.find((candidate) => candidate.name === schema.subject.field);
  if (typeof id !== 'string' || field === undefined) return undefined;
  const kind = field.type.kind;
  if (kind === 'uscc') return { kind: 'enterprise', id };
  if (kind === 'resident_id') return { kind: 'person', id };
  // Same preference as `parseSubjectId`: a valid resident ID is a person.
  if (kind === 'subject_id') {
    return { kind: parseResidentId(id, today).ok ? 'person' : 'enterprise', id };
  }
  return undefined;
}

function kindAllowed(rule: SubjectKindRule, kind: SubjectKind): boolean {
  return rule === 'either' || rule === kind;
}

function wrongSubjectKind(field: string, expected: SubjectKindRule): RecordProblem {
  // `#resource.…` is translated by the catalogue: 企业 / enterprise, 个人 / person.
  return { field, code: 'wrong_subject_kind', params: { expected: `#resource.${expected}` } };
}

// ---------------------------------------------------------------------------------------------
// Identifiers and regions
// ---------------------------------------------------------------------------------------------

/**
 * `normaliseIdentifier` of a cell, skipped when the text is digits and capitals only, which
 * it would return unchanged: the way nearly every identifier arrives.
 */
function identifierText(raw: Scalar): string {
  const text = scalarText(raw);
  return PLAIN_IDENTIFIER.test(text) ? text : normaliseIdentifier(text);
}

function parseUsccField(raw: Scalar, context: Context): Parsed<string> {
  const text = identifierText(raw);
  const uscc = parseUscc(text);
  if (uscc.ok) return ok(uscc.value);
  // A valid ID of the other kind is a mix-up of columns, not a typo: say so.
  if (parseResidentId(text, context.today).ok)
    return fail('wrong_subject_kind', { expected: '#resource.enterprise' });
  return fail(USCC_CODES[uscc.problem]);
}

function parseResidentIdField(raw: Scalar, context: Context): Parsed<string> {
  const text = identifierText(raw);
  const person = parseResidentId(text, context.today);
  if (person.ok) return ok(person.value);
  if (parseUscc(text).ok) return fail('wrong_subject_kind', { expected: '#resource.person' });
  return fail(RESIDENT_ID_CODES[person.problem]);
}

/**
 * A USCC or a resident ID. A value valid as either is taken as that (a resident ID first:
 * both passing both checks is vanishingly rare). An invalid value is reported against the
 * kind it most looks like, so the message names the right mistake.
 */
function parseSubjectId(raw: Scalar, context: Context): Parsed<string> {
  const text = identifierText(raw);
  const person = parseResidentId(text, context.today);
  if (person.ok) return ok(person.value);
  const enterprise = parseUscc(text);
  if (enterprise.ok) return ok(enterprise.value);
  return looksLikeResidentId(text, context.todayDate)
    ? fail(RESIDENT_ID_CODES[person.problem])
    : fail(USCC_CODES[enterprise.problem]);
}

/**
 * A 15-digit (first-generation) number, or digits whose characters 7–14 are a plausible
 * birth date. A USCC may be all digits too, but its characters 7–14 (end of the region code,
 * start of the organisation code) are rarely a date from 1900 to today.
 */
function looksLikeResidentId(text: string, todayDate: string): boolean {
  if (/^\d{15}$/.test(text)) return true;
  if (!/^\d{14}\d*X?$/.test(text)) return false;
  const birth = calendarDate(text.slice(6, 10), text.slice(10, 12), text.slice(12, 14));
  return birth !== undefined && birth >= EARLIEST_BIRTH_DATE && birth <= todayDate;
}

function parseRegion(raw: Scalar): Parsed<string> {
  const text = identifierText(raw);
  return isKnownRegion(text) ? ok(text) : fail('unknown_region');
}

// ---------------------------------------------------------------------------------------------
// Text, enums and booleans
// ---------------------------------------------------------------------------------------------

/**
 * NFKC (full-width letters, digits and punctuation → half-width), control characters as
 * spaces (so the natural-key separator U+001F never survives), zero-width spaces dropped,
 * whitespace runs collapsed, trimmed.
 */
export function cleanText(text: string): string {
  // Printable ASCII words with single spaces between them: NFKC leaves them as they are and
  // there is nothing to replace or trim. Most cells are like this; skip the five passes.
  if (PLAIN_TEXT.test(text)) return text;
  return text
    .normalize('NFKC')
    .replace(CONTROL_CHARACTERS, ' ')
    .replace(ZERO_WIDTH_SPACE, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

function scalarText(raw: Scalar): string {
  return typeof raw === 'number' ? numberText(raw) : String(raw);
}

function parseText(raw: Scalar, maxLength: number): Parsed<string> {
  const text = cleanText(scalarText(raw));
  // Code points, not UTF-16 units: a rare CJK character outside the BMP counts once.
  return Array.from(text).length > maxLength ? fail('too_long', { limit: maxLength }) : ok(text);
}

/** Lookup tables of valueMaps, normalised once per map object rather than once per record. */
const valueMapCache = new WeakMap<object, ReadonlyMap<string, string>>();

const lookupKey = (text: string) => cleanText(text).toLowerCase();

/** The provider's word translated by the source's valueMaps, or the cleaned text unchanged. */
function mapValue(options: SourceOptions, fieldName: string, raw: Scalar): string {
  const text = cleanText(scalarText(raw));
  const valueMap =
    options.valueMaps !== undefined && Object.hasOwn(options.valueMaps, fieldName)
      ? options.valueMaps[fieldName]
      : undefined;
  if (valueMap === undefined) return text;
  let lookup = valueMapCache.get(valueMap);
  if (lookup === undefined) {
    lookup = new Map(Object.entries(valueMap).map(([theirs, ours]) => [lookupKey(theirs), ours]));
    valueMapCache.set(valueMap, lookup);
  }
  return lookup.get(lookupKey(text)) ?? text;
}

function parseEnum(text: string, values: readonly string[]): Parsed<string> {
  const wanted = text.toLowerCase();
  const match = values.find((value) => value.toLowerCase() === wanted);
  return match === undefined ? fail('not_in_enum', { allowed: values.join(', ') }) : ok(match);
}

const TRUE_WORDS = new Set(['true', '1', '是', 'y', 'yes']);
const FALSE_WORDS = new Set(['false', '0', '否', 'n', 'no']);

function parseBoolean(text: string): Parsed<boolean> {
  const word = text.toLowerCase();
  if (TRUE_WORDS.has(word)) return ok(true);
  if (FALSE_WORDS.has(word)) return ok(false);
  return fail('bad_boolean');
}

// ---------------------------------------------------------------------------------------------
// Numbers: exact decimal arithmetic on digit strings, never floats
// ---------------------------------------------------------------------------------------------

/** A decimal number as its digits; `fraction` has no trailing zeros (they carry nothing). */
interface Decimal {
  readonly negative: boolean;
  readonly whole: string;
  readonly fraction: string;
}

/** Optional sign, digits (optionally grouped by commas in threes), optional fraction. */
const DECIMAL = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

/** NFKC, the Unicode minus as `-`, no whitespace (spaces also group digits in some exports). */
function numericText(text: string): string {
  if (PLAIN_NUMERIC.test(text)) return text;
  return text
    .normalize('NFKC')
    .replace(/\u2212/gu, '-')
    .replace(/\s+/gu, '');
}

function parseDecimal(text: string): Decimal | undefined {
  const match = DECIMAL.exec(text);
  if (match === null) return undefined;
  const [, sign = '', whole = '', fraction = ''] = match;
  return {
    negative: sign === '-',
    whole: whole.replace(/,/g, '').replace(/^0+(?=\d)/, ''),
    fraction: fraction.replace(/0+$/, ''),
  };
}

/**
 * The exact decimal text of a JSON number: JSON numbers beyond ±2^53 may already have lost
 * digits when parsed, so they are refused (`undefined`) rather than stored wrong; tiny
 * numbers, which JavaScript writes as `1e-7`, are written out in full.
 */
function exactNumberText(raw: Scalar): string | undefined {
  if (typeof raw === 'boolean') return undefined;
  if (typeof raw !== 'number') return numericText(String(raw));
  if (!Number.isFinite(raw) || Math.abs(raw) > Number.MAX_SAFE_INTEGER) return undefined;
  return numberText(raw);
}

/** `String(n)` without exponent notation (only below 1e-6, given |n| ≤ 2^53). */
function numberText(n: number): string {
  const text = String(n);
  const match = /^(-?)(\d)(?:\.(\d+))?e-(\d+)$/.exec(text);
  if (match === null) return text;
  const [, sign = '', lead = '', rest = '', exponent = '0'] = match;
  return `${sign}0.${'0'.repeat(Number(exponent) - 1)}${lead}${rest}`;
}

/** The value × 10^scale as an exact bigint; the caller ensures the fraction fits. */
function scaled(decimal: Decimal, scale: number): bigint {
  const magnitude = BigInt(decimal.whole + decimal.fraction.padEnd(scale, '0'));
  return decimal.negative ? -magnitude : magnitude;
}

/** Decimals of the money units, which is also their exponent in fen: 1 万元 = 10^6 fen. */
const SOURCE_UNIT_SCALE: Readonly<Record<MoneyUnit, number>> = { fen: 0, yuan: 2, wan_yuan: 6 };
const CELL_UNIT_SCALE: Readonly<Record<string, number>> = {
  分: 0,
  元: 2,
  万: 6,
  万元: 6,
  亿: 10,
  亿元: 10,
};
/** `-¥1,234.56`, `¥-1,234.56`, `RMB1234`, `12.5万元` … (after NFKC, upper case, no spaces). */
const MONEY_CELL = /^([+-]?)(?:¥|RMB|CNY)?([+-]?)([\d,.]+)(万元|亿元|元|万|亿|分)?$/u;

function parseMoney(raw: Scalar, unit: MoneyUnit, signed: boolean): Parsed<bigint> {
  const amount = moneyAmount(raw, unit);
  if (amount === undefined) return fail('not_a_number');
  if (amount.decimal.fraction.length > amount.scale) {
    return fail('too_many_decimals', { scale: amount.scale });
  }
  const fen = scaled(amount.decimal, amount.scale);
  if (fen < 0n && !signed) return fail('negative_amount');
  if (fen > MAX_FEN || fen < -MAX_FEN) {
    return fail('out_of_range', { min: signed ? `-${MAX_FEN}` : '0', max: `${MAX_FEN}` });
  }
  return ok(fen);
}

/** The digits of a money cell and the scale of its unit (the cell's own, else the source's). */
function moneyAmount(
  raw: Scalar,
  unit: MoneyUnit,
): { decimal: Decimal; scale: number } | undefined {
  if (typeof raw !== 'string') {
    const text = exactNumberText(raw);
    const decimal = text === undefined ? undefined : parseDecimal(text);
    return decimal && { decimal, scale: SOURCE_UNIT_SCALE[unit] };
  }
  const match = MONEY_CELL.exec(numericText(raw).toUpperCase());
  if (match === null) return undefined;
  const [, before = '', after = '', digits = '', cellUnit] = match;
  if (before !== '' && after !== '') return undefined;
  const decimal = parseDecimal(before + after + digits);
  const scale = cellUnit === undefined ? SOURCE_UNIT_SCALE[unit] : CELL_UNIT_SCALE[cellUnit];
  return decimal && scale !== undefined ? { decimal, scale } : undefined;
}

function parseInteger(raw: Scalar, min: number, max: number): Parsed<number> {
  const text = exactNumberText(raw);
  const decimal = text === undefined ? undefined : parseDecimal(text);
  if (decimal === undefined) return fail('not_a_number');
  // `12.0` is twelve; `12.5` is not a count.
  if (decimal.fraction !== '') return fail('not_an_integer');
  const value = scaled(decimal, 0);
  if (value < BigInt(min) || value > BigInt(max)) return fail('out_of_range', { min, max });
  return ok(Number(value));
}

function parseDecimalField(raw: Scalar, scale: number, min: number): Parsed<string> {
  const text = exactNumberText(raw);
  const decimal = text === undefined ? undefined : parseDecimal(text);
  if (decimal === undefined) return fail('not_a_number');
  if (decimal.fraction.length > scale) return fail('too_many_decimals', { scale });
  const minimum = parseDecimal(numberText(min));
  if (minimum !== undefined && compareDecimals(decimal, minimum) < 0) {
    return fail('out_of_range', { min, max: '∞' });
  }
  return ok(decimalText(decimal));
}

function compareDecimals(a: Decimal, b: Decimal): number {
  const scale = Math.max(a.fraction.length, b.fraction.length);
  const difference = scaled(a, scale) - scaled(b, scale);
  return difference < 0n ? -1 : difference > 0n ? 1 : 0;
}

/** The canonical text: `-0.50` → `0.5`, `007` → `7`. */
function decimalText(decimal: Decimal): string {
  const isZero = /^0*$/.test(decimal.whole + decimal.fraction);
  const sign = decimal.negative && !isZero ? '-' : '';
  return `${sign}${decimal.whole}${decimal.fraction === '' ? '' : `.${decimal.fraction}`}`;
}

// ---------------------------------------------------------------------------------------------
// Dates and periods
// ---------------------------------------------------------------------------------------------

/** `YYYY-MM-DD` of an instant in China (UTC+8, no daylight saving). */

/** `YYYY-MM-DD` if year/month/day form a real Gregorian date, else undefined. */
function calendarDate(year: string, month: string, day: string): string | undefined {
  const [y, m, d] = [Number(year), Number(month), Number(day)];
  const date = new Date(Date.UTC(y, m - 1, d));
  // Date.UTC maps years 0–99 to 1900–1999; 4-digit years below 1000 are bad anyway.
  if (y < 1000 || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return undefined;
  return `${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

const DATE_FORMATS: readonly RegExp[] = [
  /^(?<y>\d{4})(?<sep>[-/.])(?<m>\d{1,2})\k<sep>(?<d>\d{1,2})$/u,
  /^(?<y>\d{4})(?<m>\d{2})(?<d>\d{2})$/u,
  /^(?<y>\d{4})年(?<m>\d{1,2})月(?<d>\d{1,2})[日号]?$/u,
];
/** A date, a time and an optional zone; the date part in any of DATE_FORMATS. */
const TIMESTAMP =
  /^(?<date>.+?)[T ](?<h>\d{1,2}):(?<min>\d{2})(?::(?<s>\d{2})(?:\.\d+)?)? ?(?<zone>Z|[+-]\d{2}(?::?\d{2})?)?$/u;

function parseDate(raw: Scalar, todayDate: string): Parsed<string> {
  // A JSON number can be `20240305`, never `2024.0305`.
  if (typeof raw === 'boolean' || (typeof raw === 'number' && !Number.isInteger(raw))) {
    return fail('bad_date');
  }
  const text = cleanText(scalarText(raw)).toUpperCase();
  const date = timestampDate(text) ?? plainDate(text);
  if (date === undefined) return fail('bad_date');
  if (date < EARLIEST_DATE) return fail('date_too_early');
  if (date > todayDate) return fail('date_in_future');
  return ok(date);
}

function plainDate(text: string): string | undefined {
  const compact = text.replace(/\s+/gu, '');
  for (const format of DATE_FORMATS) {
    const groups = format.exec(compact)?.groups;
    if (groups !== undefined) return calendarDate(groups.y ?? '', groups.m ?? '', groups.d ?? '');
  }
  return undefined;
}

/**
 * The China date of a timestamp. A zone (`Z`, `+08:00`, `-0500`) fixes the instant; without
 * one the time is taken as China time already, i.e. the written date is the date.
 */
function timestampDate(text: string): string | undefined {
  const groups = TIMESTAMP.exec(text)?.groups;
  if (groups === undefined) return undefined;
  const date = plainDate(groups.date ?? '');
  const [h, min, s] = [Number(groups.h), Number(groups.min), Number(groups.s ?? '0')];
  const offset = zoneOffsetMinutes(groups.zone);
  if (date === undefined || h > 23 || min > 59 || s > 59 || offset === undefined) return undefined;
  const [y, m, d] = date.split('-').map(Number);
  const utc = Date.UTC(y ?? 0, (m ?? 1) - 1, d ?? 1, h, min, s) - offset * 60_000;
  return chinaDate(utc);
}

function zoneOffsetMinutes(zone: string | undefined): number | undefined {
  if (zone === undefined) return CHINA_OFFSET_MS / 60_000;
  if (zone === 'Z') return 0;
  const [hours, minutes] = [Number(zone.slice(1, 3)), Number(zone.slice(-2))];
  const magnitude = hours * 60 + (zone.length > 3 ? minutes : 0);
  if (hours > 14 || (zone.length > 3 && minutes > 59)) return undefined;
  return zone.startsWith('-') ? -magnitude : magnitude;
}

const PERIOD_FORMATS: readonly RegExp[] = [
  /^(?<y>\d{4})[-/.](?<m>\d{1,2})$/u,
  /^(?<y>\d{4})(?<m>\d{2})$/u,
  /^(?<y>\d{4})年(?<m>\d{1,2})月$/u,
];

function parsePeriod(raw: Scalar, thisMonth: string): Parsed<string> {
  // A JSON number `2024.1` would read as January but was probably October: only `202410`.
  if (typeof raw === 'boolean' || (typeof raw === 'number' && !Number.isInteger(raw))) {
    return fail('bad_period');
  }
  const period = periodOf(cleanText(scalarText(raw)).replace(/\s+/gu, ''));
  if (period === undefined) return fail('bad_period');
  if (period < EARLIEST_PERIOD) return fail('date_too_early');
  if (period > thisMonth) return fail('period_in_future');
  return ok(period);
}

/**
 * Periods already read, by their text: a file holds a handful of distinct periods over
 * millions of rows, and the answer depends on the text alone. Bounded, for arbitrary input.
 */
const periodsRead = new Map<string, string | undefined>();
const PERIODS_REMEMBERED = 1000;

function periodOf(text: string): string | undefined {
  if (periodsRead.has(text)) return periodsRead.get(text);
  const period = readPeriod(text);
  if (periodsRead.size >= PERIODS_REMEMBERED) periodsRead.clear();
  periodsRead.set(text, period);
  return period;
}

function readPeriod(text: string): string | undefined {
  for (const format of PERIOD_FORMATS) {
    const groups = format.exec(text)?.groups;
    if (groups === undefined) continue;
    const date = calendarDate(groups.y ?? '', groups.m ?? '', '1');
    return date?.slice(0, 7);
  }
  return undefined;
}
