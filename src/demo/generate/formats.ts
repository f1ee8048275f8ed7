/**
 * Turning canonical values into a provider's text (money units, date styles, their enum
 * words, noise) and rows into CSV, JSON Lines, JSON-array and XML lines.
 *
 * Every record is written on one line of its own, so the line a streaming reader reports
 * for it is unambiguous: CSV header = line 1; a JSON array opens on the first element's line
 * (`[{…},` / `{…},` / `{…}]`), so element i is on line i + 1; XML has the declaration and
 * the document element on lines 1 and 2.
 */
import type { FieldDefinition } from '../../ingest/schemas.js';
import { dayParts } from './calendar.js';
import type { Rng } from './prng.js';
import type { DateStyle, MoneyUnit, PeriodStyle, ProviderSpec } from './providers.js';
import type { CanonicalValue } from './records-monthly.js';

/** A cell: text, or a JSON number token (`raw`) written unquoted in JSON. */
export type Cell = string | { readonly raw: string };

export const cellText = (cell: Cell): string => (typeof cell === 'string' ? cell : cell.raw);

/** One record in the provider's shape, before it is written. */
export interface RowDraft {
  /** Aligned with the provider's columns; undefined = empty cell / key left out. */
  cells: (Cell | undefined)[];
  /** A column the provider's mapping does not know (a bad record). */
  extra?: readonly [string, Cell];
  /** Parse-level damage: a JSON line cut short, a CSV row missing its last column. */
  damage?: 'truncate' | 'drop_column';
}

// ---------------------------------------------------------------------------------------------
// Values
// ---------------------------------------------------------------------------------------------

function trimZeros(fraction: string): string {
  return fraction.replace(/0+$/u, '');
}

/** Exact decimal text of `fen` in `unit`; `fixed` keeps all the unit's decimals. */
export function moneyText(fen: number, unit: MoneyUnit, fixed = true): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  if (unit === 'fen') return `${sign}${abs}`;
  const scale = unit === 'yuan' ? 100 : 1_000_000;
  const digits = unit === 'yuan' ? 2 : 6;
  const whole = Math.floor(abs / scale);
  const fraction = String(abs % scale).padStart(digits, '0');
  const shown = fixed && unit === 'yuan' ? fraction : trimZeros(fraction);
  return shown === '' ? `${sign}${whole}` : `${sign}${whole}.${shown}`;
}

/** `1234567.89` → `1,234,567.89`. */
export function groupThousands(text: string): string {
  const [whole = '', fraction] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/gu, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** A date from its parts (which may be impossible, for bad records) in a provider style. */
export function dateText(
  style: DateStyle,
  year: number,
  month: number,
  day: number,
  rng?: Rng,
): string {
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  switch (style) {
    case 'iso':
      return `${year}-${mm}-${dd}`;
    case 'slash':
      return `${year}/${month}/${day}`;
    case 'chinese':
      return `${year}年${month}月${day}日`;
    case 'compact':
      return `${year}${mm}${dd}`;
    case 'timestamp': {
      const seconds = rng ? rng.int(8 * 3600, 18 * 3600) : 9 * 3600;
      const time = [Math.floor(seconds / 3600), Math.floor(seconds / 60) % 60, seconds % 60]
        .map((n) => String(n).padStart(2, '0'))
        .join(':');
      return `${year}-${mm}-${dd} ${time}`;
    }
  }
}

export function periodStyleText(style: PeriodStyle, year: number, month: number): string {
  const mm = String(month).padStart(2, '0');
  switch (style) {
    case 'iso':
      return `${year}-${mm}`;
    case 'compact':
      return `${year}${mm}`;
    case 'chinese':
      return `${year}年${month}月`;
    case 'slash':
      return `${year}/${mm}`;
  }
}

const FULL_WIDTH_DIGITS = '０１２３４５６７８９';

/** Digits as full-width characters (NFKC turns them back). */
export function fullWidth(text: string): string {
  return text.replace(/\d/gu, (digit) => FULL_WIDTH_DIGITS.charAt(Number(digit)));
}

/** Stray whitespace around (or, for identifiers, inside) a value. */
function stray(rng: Rng, text: string, inside: boolean): string {
  if (inside && text.length > 10 && rng.chance(0.3)) {
    const at = rng.int(4, text.length - 4);
    return `${text.slice(0, at)} ${text.slice(at)}`;
  }
  const space = rng.pick([' ', '  ', '\u3000']);
  return rng.chance(0.5) ? `${space}${text}` : `${text}${space}`;
}

/** Their word for a canonical value: mostly the first, now and then another synonym. */
export function theirWord(spec: ProviderSpec, field: string, value: string, rng: Rng): string {
  const map = spec.valueMaps[field];
  if (map === undefined) return value;
  const words = Object.keys(map).filter((word) => map[word] === value);
  if (words.length === 0) return value;
  return words.length > 1 && rng.chance(0.15) ? rng.pick(words.slice(1)) : (words[0] ?? value);
}

const NOISY_KINDS = new Set([
  'uscc',
  'resident_id',
  'subject_id',
  'money',
  'integer',
  'decimal',
  'date',
  'period',
  'region',
  'text',
]);

/**
 * One canonical value as the provider writes it; undefined for an absent value. Noise
 * (full-width digits, stray whitespace) is added to a share of text cells: the validator
 * takes them once normalised.
 */
export function renderCell(
  spec: ProviderSpec,
  field: FieldDefinition,
  value: CanonicalValue,
  rng: Rng,
): Cell | undefined {
  if (value === undefined) return undefined;
  const type = field.type;
  let text: string;
  switch (type.kind) {
    case 'money': {
      const fen = Number(value);
      if (spec.moneyWithUnit !== undefined && rng.chance(spec.moneyWithUnit) && fen >= 1_000_000) {
        return `${moneyText(fen, 'wan_yuan')}万元`;
      }
      if (spec.format !== 'csv' && spec.format !== 'xml' && spec.jsonNumbers === true) {
        return { raw: moneyText(fen, spec.moneyUnit, false) };
      }
      text = moneyText(fen, spec.moneyUnit);
      if (spec.groupedMoney !== undefined && rng.chance(spec.groupedMoney)) {
        return groupThousands(text);
      }
      break;
    }
    case 'integer':
      if (spec.jsonNumbers === true) return { raw: String(value) };
      text = String(value);
      break;
    case 'date': {
      const { year, month, day } = dayParts(Date.parse(String(value)) / 86_400_000);
      const style =
        spec.dates.alternate !== undefined && rng.chance(0.1)
          ? spec.dates.alternate
          : spec.dates.style;
      text = dateText(style, year, month, day, rng);
      break;
    }
    case 'period': {
      const [year = 0, month = 0] = String(value).split('-').map(Number);
      text = periodStyleText(spec.periods, year, month);
      break;
    }
    case 'enum':
      text = theirWord(spec, field.name, String(value), rng);
      break;
    case 'boolean':
      text = theirWord(spec, field.name, value === true ? 'true' : 'false', rng);
      break;
    case 'uscc':
    case 'resident_id':
    case 'subject_id':
    case 'text':
    case 'decimal':
    case 'region':
      text = String(value);
      break;
  }
  if (NOISY_KINDS.has(type.kind) && rng.chance(spec.noise)) {
    const identifier =
      type.kind === 'uscc' || type.kind === 'resident_id' || type.kind === 'subject_id';
    text = type.kind !== 'text' && rng.chance(0.5) ? fullWidth(text) : stray(rng, text, identifier);
  }
  return text;
}

// ---------------------------------------------------------------------------------------------
// Rows and files
// ---------------------------------------------------------------------------------------------

function csvField(text: string): string {
  return /[",\r\n]/u.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

function xmlText(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** The text of one record (without line break or JSON-array punctuation). */
export function serialiseRow(spec: ProviderSpec, row: RowDraft): string {
  const entries: [string, Cell | undefined][] = spec.columns.map(([column], i) => [
    column,
    row.cells[i],
  ]);
  if (row.extra !== undefined) entries.push([row.extra[0], row.extra[1]]);
  switch (spec.format) {
    case 'csv': {
      const cells = entries.map(([, cell]) => csvField(cell === undefined ? '' : cellText(cell)));
      if (row.damage === 'drop_column') cells.pop();
      return cells.join(',');
    }
    case 'jsonl':
    case 'json': {
      const members = entries
        .filter((entry): entry is [string, Cell] => entry[1] !== undefined)
        .map(
          ([key, cell]) =>
            `${JSON.stringify(key)}:${typeof cell === 'string' ? JSON.stringify(cell) : cell.raw}`,
        );
      const text = `{${members.join(',')}}`;
      // Cut inside the last value: what a crashed export or a lost packet leaves behind.
      return row.damage === 'truncate' ? text.slice(0, Math.max(2, text.length - 4)) : text;
    }
    case 'xml': {
      const record = spec.xml?.record ?? 'record';
      const children = entries
        .filter((entry): entry is [string, Cell] => entry[1] !== undefined)
        .map(([name, cell]) => `<${name}>${xmlText(cellText(cell))}</${name}>`);
      return `<${record}>${children.join('')}</${record}>`;
    }
  }
}

/** Writes the records of one file with the framing of its format. */
export class FileFraming {
  private count = 0;

  constructor(private readonly spec: ProviderSpec) {}

  /** Line of the first record: after the CSV header, the XML prologue. */
  get firstLine(): number {
    return this.spec.format === 'csv' ? 2 : this.spec.format === 'xml' ? 3 : 1;
  }

  private get eol(): string {
    return this.spec.lineEnding ?? '\n';
  }

  prologue(): string {
    const bom = this.spec.bom === true ? '\uFEFF' : '';
    switch (this.spec.format) {
      case 'csv':
        return `${bom}${this.spec.columns.map(([column]) => csvField(column)).join(',')}${this.eol}`;
      case 'xml':
        return `${bom}<?xml version="1.0" encoding="UTF-8"?>${this.eol}<${this.spec.xml?.root ?? 'records'}>${this.eol}`;
      case 'jsonl':
      case 'json':
        return bom;
    }
  }

  /** One record's text with its line break (and, in a JSON array, its punctuation). */
  record(text: string): string {
    this.count += 1;
    if (this.spec.format !== 'json') return `${text}${this.eol}`;
    return this.count === 1 ? `[${text}` : `,${this.eol}${text}`;
  }

  epilogue(): string {
    switch (this.spec.format) {
      case 'csv':
      case 'jsonl':
        return '';
      case 'json':
        return this.count === 0 ? `[]${this.eol}` : `]${this.eol}`;
      case 'xml':
        return `</${this.spec.xml?.root ?? 'records'}>${this.eol}`;
    }
  }
}
