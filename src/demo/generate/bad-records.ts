/**
 * Deliberately bad records: each has exactly one problem, named by the code the ingest
 * validator gives it, so an ingest of a generated file can be checked record by record.
 *
 * A kind applies to a provider file when the file has a field (or format) it can break; the
 * plan puts every kind into at least one file where it applies (spread round-robin), and the
 * rest of a file's bad records draw their kind from those that apply to it.
 */
import { schemaOf, type CategorySchema, type FieldDefinition } from '../../ingest/schemas.js';
import {
  parseResidentId,
  parseUscc,
  residentIdCheckDigit,
  type ResidentIdProblem,
  type UsccProblem,
} from '../../registry/identifiers.js';
import { buildUscc } from '../seed.js';
import { dateText, moneyText, periodStyleText, type Cell, type RowDraft } from './formats.js';
import type { Rng } from './prng.js';
import type { ProviderSpec } from './providers.js';
import type { CanonicalRecord } from './records-monthly.js';
import { PlacePicker } from './subjects.js';

export const BAD_KINDS = [
  'required',
  'unknown_field',
  'too_long',
  'not_in_enum',
  'not_a_number',
  'not_an_integer',
  'negative_amount',
  'too_many_decimals',
  'out_of_range',
  'bad_date',
  'date_in_future',
  'date_too_early',
  'bad_period',
  'period_in_future',
  'bad_boolean',
  'unknown_region',
  'wrong_subject_kind',
  'date_order',
  'USCC_LENGTH',
  'USCC_CHARSET',
  'USCC_CHECK_CHARACTER',
  'USCC_REGION',
  'RESIDENT_ID_LENGTH',
  'RESIDENT_ID_CHECK_CHARACTER',
  'RESIDENT_ID_DATE',
  'RESIDENT_ID_REGION',
  'malformed_json',
  'column_count',
] as const;

export type BadKind = (typeof BAD_KINDS)[number];

export interface ExpectedBad {
  readonly line: number;
  /** The canonical field (the provider's own name for `unknown_field`); null for parse-level. */
  readonly field: string | null;
  readonly code: BadKind;
}

/** Provider words for enum fields that no value map knows. */
const UNMAPPED_WORDS: Readonly<Record<string, readonly string[]>> = {
  status: ['停业', '迁出', '中止', '暂停'],
  industry: ['金融业', '采矿业'],
  credit_rating: ['E级', '未评'],
  account_status: ['冻结', '转出'],
  credit_level: ['认证中'],
  utility: ['暖气', '通讯费'],
  role: ['第三人', '上诉人'],
  case_type: ['行政', '刑事'],
  kind: ['约谈'],
  severity: ['特别严重', '较重'],
  property_type: ['车位', '林地'],
};

const fieldsOf = (schema: CategorySchema, predicate: (field: FieldDefinition) => boolean) =>
  schema.fields.filter(predicate);

const kindIs =
  (...kinds: string[]) =>
  (field: FieldDefinition) =>
    kinds.includes(field.type.kind);

const unsignedMoney = (field: FieldDefinition) =>
  field.type.kind === 'money' && field.type.signed !== true;

/** Fields of a schema that the kind can break (empty when it breaks the format instead). */
function candidateFields(
  kind: BadKind,
  spec: ProviderSpec,
  schema: CategorySchema,
): FieldDefinition[] {
  switch (kind) {
    case 'required':
      return fieldsOf(schema, (field) => field.required && field.name !== schema.subject.field);
    case 'too_long':
      return fieldsOf(schema, kindIs('text'));
    case 'not_in_enum':
      return fieldsOf(
        schema,
        (field) => field.type.kind === 'enum' && UNMAPPED_WORDS[field.name] !== undefined,
      );
    case 'not_a_number':
      return fieldsOf(schema, kindIs('money'));
    case 'negative_amount':
      return fieldsOf(schema, unsignedMoney);
    case 'too_many_decimals':
      return fieldsOf(
        schema,
        (field) =>
          field.type.kind === 'decimal' ||
          (field.type.kind === 'money' && spec.moneyUnit !== 'fen'),
      );
    case 'not_an_integer':
    case 'out_of_range':
      return fieldsOf(schema, kindIs('integer'));
    case 'bad_date':
    case 'date_in_future':
    case 'date_too_early':
      // Judicial dates are left alone: a broken filed_on could also break the date order.
      return schema.category === 'judicial' ? [] : fieldsOf(schema, kindIs('date'));
    case 'bad_period':
    case 'period_in_future':
      return fieldsOf(schema, kindIs('period'));
    case 'bad_boolean':
      return fieldsOf(schema, kindIs('boolean'));
    case 'unknown_region':
      return fieldsOf(schema, kindIs('region'));
    case 'wrong_subject_kind':
    case 'RESIDENT_ID_LENGTH':
    case 'RESIDENT_ID_CHECK_CHARACTER':
    case 'RESIDENT_ID_DATE':
    case 'RESIDENT_ID_REGION':
      return fieldsOf(schema, kindIs('resident_id'));
    case 'USCC_LENGTH':
    case 'USCC_CHARSET':
    case 'USCC_CHECK_CHARACTER':
    case 'USCC_REGION':
      return fieldsOf(schema, kindIs('uscc'));
    case 'date_order':
      return fieldsOf(schema, (field) => field.name === 'closed_on');
    case 'unknown_field':
    case 'malformed_json':
    case 'column_count':
      return [];
  }
}

/** Whether a kind of bad record can occur in a provider's file. */
export function kindApplies(kind: BadKind, spec: ProviderSpec): boolean {
  if (kind === 'unknown_field') return spec.format !== 'csv';
  if (kind === 'malformed_json') return spec.format === 'jsonl';
  if (kind === 'column_count') return spec.format === 'csv';
  return candidateFields(kind, spec, schemaOf(spec.category)).length > 0;
}

/**
 * Which kinds each file must carry at least once so that every kind occurs somewhere: each
 * kind goes to one of the files it applies to, taking turns so kinds spread over categories.
 */
export function planRequiredKinds(specs: readonly ProviderSpec[]): Map<string, BadKind[]> {
  const plan = new Map<string, BadKind[]>(specs.map((spec) => [spec.file, []]));
  const load = new Map<string, number>(specs.map((spec) => [spec.file, 0]));
  for (const kind of BAD_KINDS) {
    const candidates = specs.filter((spec) => kindApplies(kind, spec));
    let chosen: ProviderSpec | undefined;
    for (const candidate of candidates) {
      if (chosen === undefined || (load.get(candidate.file) ?? 0) < (load.get(chosen.file) ?? 0)) {
        chosen = candidate;
      }
    }
    if (chosen === undefined) continue;
    plan.get(chosen.file)?.push(kind);
    load.set(chosen.file, (load.get(chosen.file) ?? 0) + 1);
  }
  return plan;
}

// ---------------------------------------------------------------------------------------------
// Identifier damage, checked against the identifier parsers themselves
// ---------------------------------------------------------------------------------------------

const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

type UsccKind = 'USCC_LENGTH' | 'USCC_CHARSET' | 'USCC_CHECK_CHARACTER' | 'USCC_REGION';
type ResidentIdKind =
  'RESIDENT_ID_LENGTH' | 'RESIDENT_ID_CHECK_CHARACTER' | 'RESIDENT_ID_DATE' | 'RESIDENT_ID_REGION';

const USCC_PROBLEM: Readonly<Record<UsccKind, UsccProblem>> = {
  USCC_LENGTH: 'length',
  USCC_CHARSET: 'charset',
  USCC_CHECK_CHARACTER: 'check_character',
  USCC_REGION: 'region',
};
const RESIDENT_ID_PROBLEM: Readonly<Record<ResidentIdKind, ResidentIdProblem>> = {
  RESIDENT_ID_LENGTH: 'length',
  RESIDENT_ID_CHECK_CHARACTER: 'check_character',
  RESIDENT_ID_DATE: 'date',
  RESIDENT_ID_REGION: 'region',
};

const isUsccKind = (kind: BadKind): kind is UsccKind => Object.hasOwn(USCC_PROBLEM, kind);
const isResidentIdKind = (kind: BadKind): kind is ResidentIdKind =>
  Object.hasOwn(RESIDENT_ID_PROBLEM, kind);

function breakUscc(kind: UsccKind, uscc: string, rng: Rng): string {
  switch (kind) {
    case 'USCC_LENGTH':
      return rng.chance(0.5) ? uscc.slice(0, 17) : `${uscc}${rng.pick(Array.from('0123456789'))}`;
    case 'USCC_CHARSET': {
      const at = rng.int(8, 15);
      return `${uscc.slice(0, at)}${rng.pick(['O', 'I', 'Z', 'S', '-'])}${uscc.slice(at + 1)}`;
    }
    case 'USCC_CHECK_CHARACTER': {
      const others = Array.from(USCC_ALPHABET).filter((c) => c !== uscc.charAt(17));
      return `${uscc.slice(0, 17)}${rng.pick(others)}`;
    }
    case 'USCC_REGION': {
      const region = PlacePicker.unknownRegionNear(uscc.slice(2, 8));
      return buildUscc(uscc.charAt(0), uscc.charAt(1), region, uscc.slice(8, 16));
    }
  }
}

function breakResidentId(kind: ResidentIdKind, id: string, rng: Rng): string {
  switch (kind) {
    case 'RESIDENT_ID_LENGTH':
      return id.slice(0, 17);
    case 'RESIDENT_ID_CHECK_CHARACTER': {
      const others = Array.from('0123456789X').filter((c) => c !== id.charAt(17));
      return `${id.slice(0, 17)}${rng.pick(others)}`;
    }
    case 'RESIDENT_ID_DATE': {
      const first17 = `${id.slice(0, 10)}${rng.pick(['0230', '1332', '0431', '0010'])}${id.slice(14, 17)}`;
      return first17 + residentIdCheckDigit(first17);
    }
    case 'RESIDENT_ID_REGION': {
      const first17 = `${PlacePicker.unknownRegionNear(id.slice(0, 6))}${id.slice(6, 17)}`;
      return first17 + residentIdCheckDigit(first17);
    }
  }
}

/** Damages an identifier so that its parser reports exactly the kind's problem. */
function brokenIdentifier(kind: BadKind, value: string, rng: Rng): string | undefined {
  for (let attempt = 0; attempt < 20; attempt++) {
    if (isUsccKind(kind)) {
      const broken = breakUscc(kind, value, rng);
      const parsed = parseUscc(broken);
      if (!parsed.ok && parsed.problem === USCC_PROBLEM[kind] && !parseResidentId(broken).ok) {
        return broken;
      }
    } else if (isResidentIdKind(kind)) {
      const broken = breakResidentId(kind, value, rng);
      const parsed = parseResidentId(broken);
      if (!parsed.ok && parsed.problem === RESIDENT_ID_PROBLEM[kind] && !parseUscc(broken).ok) {
        return broken;
      }
    }
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Damaging one row
// ---------------------------------------------------------------------------------------------

export interface DamageContext {
  readonly spec: ProviderSpec;
  readonly record: CanonicalRecord;
  readonly row: RowDraft;
  readonly rng: Rng;
}

function overMaxLength(text: string, maxLength: number, rng: Rng): string {
  const unit = text === '' ? '长' : text;
  let long = unit;
  while (Array.from(long).length <= maxLength) long += unit;
  return Array.from(long)
    .slice(0, maxLength + rng.int(1, 30))
    .join('');
}

function rawOrText(spec: ProviderSpec, text: string): Cell {
  return spec.jsonNumbers === true ? { raw: text } : text;
}

/** The bad value of `field` for `kind`, or undefined when this record cannot carry it. */
function badCell(kind: BadKind, field: FieldDefinition, context: DamageContext): Cell | undefined {
  const { spec, record, rng } = context;
  const value = record[field.name];
  const type = field.type;
  const year = rng.int(2019, 2025);
  switch (kind) {
    case 'too_long':
      return type.kind === 'text'
        ? overMaxLength(String(value ?? ''), type.maxLength, rng)
        : undefined;
    case 'not_in_enum':
      return rng.pick(UNMAPPED_WORDS[field.name] ?? ['未知']);
    case 'not_a_number':
      return rng.pick(['待核定', '不详', 'N/A', '暂无数据']);
    case 'negative_amount': {
      const fen = typeof value === 'number' && value > 0 ? value : 10_000;
      return rawOrText(spec, `-${moneyText(fen, spec.moneyUnit)}`);
    }
    case 'too_many_decimals': {
      const digit = String(rng.int(1, 9));
      if (type.kind === 'decimal') return `${String(value ?? '1.00')}${digit}`;
      const fen = typeof value === 'number' ? value : 12_345;
      // All the unit's decimals (2 for 元, 6 for 万元), then one more.
      const scale = spec.moneyUnit === 'wan_yuan' ? 1_000_000 : 100;
      const decimals = String(fen % scale).padStart(spec.moneyUnit === 'wan_yuan' ? 6 : 2, '0');
      const padded = `${Math.floor(fen / scale)}.${decimals}`;
      return rawOrText(spec, `${padded}${digit}`);
    }
    case 'not_an_integer': {
      const n = typeof value === 'number' ? value : rng.int(1, 9);
      return rawOrText(spec, `${n}.5`);
    }
    case 'out_of_range': {
      if (type.kind !== 'integer') return undefined;
      return rawOrText(spec, String(type.max + rng.int(1, Math.max(1, type.max))));
    }
    case 'bad_date': {
      const [month, day] = rng.pick([
        [2, 30],
        [13, 5],
        [4, 31],
        [0, 12],
      ] as const);
      return dateText(spec.dates.style, year, month, day, rng);
    }
    case 'date_in_future':
      return dateText(spec.dates.style, rng.int(2090, 2099), rng.int(1, 12), rng.int(1, 28), rng);
    case 'date_too_early':
      return dateText(spec.dates.style, rng.int(1900, 1948), rng.int(1, 12), rng.int(1, 28), rng);
    case 'bad_period':
      return periodStyleText(spec.periods, year, rng.pick([0, 13, 14, 20]));
    case 'period_in_future':
      return periodStyleText(spec.periods, rng.int(2090, 2099), rng.int(1, 12));
    case 'bad_boolean':
      return rng.pick(['未知', '待定', '不详']);
    case 'unknown_region':
      return PlacePicker.unknownRegionNear(String(value));
    case 'wrong_subject_kind': {
      const uscc = record.employer_uscc;
      return typeof uscc === 'string' ? uscc : undefined;
    }
    case 'date_order': {
      const filed = record.filed_on;
      if (typeof filed !== 'string' || record.closed_on === undefined) return undefined;
      const day = Date.parse(filed) / 86_400_000 - rng.int(1, 120);
      const date = new Date(day * 86_400_000);
      return dateText(
        spec.dates.style,
        date.getUTCFullYear(),
        date.getUTCMonth() + 1,
        date.getUTCDate(),
        rng,
      );
    }
    case 'USCC_LENGTH':
    case 'USCC_CHARSET':
    case 'USCC_CHECK_CHARACTER':
    case 'USCC_REGION':
    case 'RESIDENT_ID_LENGTH':
    case 'RESIDENT_ID_CHECK_CHARACTER':
    case 'RESIDENT_ID_DATE':
    case 'RESIDENT_ID_REGION':
      return typeof value === 'string' ? brokenIdentifier(kind, value, rng) : undefined;
    case 'required':
    case 'unknown_field':
    case 'malformed_json':
    case 'column_count':
      return undefined;
  }
}

/**
 * Damages `context.row` with one problem of `kind`. Returns the field reported (null for
 * parse-level damage), or undefined when this record cannot carry the kind (the caller
 * then tries another record).
 */
export function damageRow(kind: BadKind, context: DamageContext): string | null | undefined {
  const { spec, row, rng } = context;
  if (kind === 'malformed_json' || kind === 'column_count') {
    row.damage = kind === 'malformed_json' ? 'truncate' : 'drop_column';
    return null;
  }
  if (kind === 'unknown_field') {
    row.extra = [spec.strayColumn, rng.pick(['批量导入', '人工补录', '见附件', '无'])];
    return spec.strayColumn;
  }
  const candidates = candidateFields(kind, spec, schemaOf(spec.category));
  if (candidates.length === 0) return undefined;
  const field = rng.pick(candidates);
  const column = spec.columns.findIndex(([, ours]) => ours === field.name);
  if (kind === 'required') {
    row.cells[column] = undefined;
    return field.name;
  }
  const cell = badCell(kind, field, context);
  if (cell === undefined) return undefined;
  row.cells[column] = cell;
  return field.name;
}
