/**
 * The cell level of the text-table reader (`tabular.ts`): splitting a line into fields,
 * telling missing cells and numbers apart, and guessing the delimiter and the header from
 * the first lines of a file. Pure.
 */

export type Delimiter = ',' | '\t' | ';' | 'whitespace';

/** Names as users type them on the command line. */
export const DELIMITER_NAMES: Readonly<Record<string, Delimiter>> = {
  comma: ',',
  tab: '\t',
  semicolon: ';',
  whitespace: 'whitespace',
};

export function delimiterName(delimiter: Delimiter): string {
  return Object.keys(DELIMITER_NAMES).find((name) => DELIMITER_NAMES[name] === delimiter) ?? '?';
}

export class TableError extends Error {}

const MISSING = new Set(['', 'NA', 'na', 'N/A', 'n/a']);

export function isMissing(cell: string): boolean {
  // Most cells are longer than any missing marker: no hashing for them.
  return cell.length <= 3 && MISSING.has(cell);
}

const isDigit = (code: number) => code >= 48 && code <= 57;
const PLUS = 43;
const MINUS = 45;
const DOT = 46;
/** Second characters of the prefixes Number() takes and R and pandas do not: 0x, 0b, 0o. */
const RADIX = new Set([120, 98, 111]);

/**
 * The number a cell holds, or NaN when it holds none: a finite decimal such as `-1.5`, `.5`
 * or `5e+05`. Number() alone would also take '0x1F', 'Infinity' and ' ' (as 0); the first
 * and last characters rule those out without a regular expression, which matters on
 * millions of cells.
 */
export function parseNumber(cell: string): number {
  const first = cell.charCodeAt(0);
  const last = cell.charCodeAt(cell.length - 1);
  const opens = isDigit(first) || first === PLUS || first === MINUS || first === DOT;
  if (!opens || !(isDigit(last) || last === DOT)) return Number.NaN;
  if (first === 48 && RADIX.has(cell.charCodeAt(1) | 0x20)) return Number.NaN;
  const value = Number(cell);
  return Number.isFinite(value) ? value : Number.NaN;
}

function unclosedQuote(lineNo: number): TableError {
  return new TableError(
    `line ${lineNo}: a quoted field is not closed (fields spanning lines are not supported)`,
  );
}

/** Reads the quoted field opening at `start`; returns its text and the index after it. */
function readQuoted(line: string, start: number, lineNo: number): [string, number] {
  let text = '';
  let i = start + 1;
  for (;;) {
    const quote = line.indexOf('"', i);
    if (quote < 0) throw unclosedQuote(lineNo);
    text += line.slice(i, quote);
    if (line[quote + 1] !== '"') return [text, quote + 1];
    text += '"';
    i = quote + 2;
  }
}

const SPACE = /\s/;
/** The common cases of what trim() removes (full-width space: Chinese files), without a regular expression. */
const isSpace = (code: number) => code <= 32 || code === 0xa0 || code === 0x3000;

function splitOnChar(line: string, delimiter: string, lineNo: number): string[] {
  if (!line.includes('"')) {
    const fields = line.split(delimiter);
    for (let i = 0; i < fields.length; i += 1) {
      const cell = fields[i] ?? '';
      if (isSpace(cell.charCodeAt(0)) || isSpace(cell.charCodeAt(cell.length - 1))) {
        fields[i] = cell.trim();
      }
    }
    return fields;
  }
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    while (line[i] === ' ') i += 1;
    let field: string;
    if (line[i] === '"') {
      [field, i] = readQuoted(line, i, lineNo);
      const next = line.indexOf(delimiter, i);
      const rest = line.slice(i, next < 0 ? undefined : next);
      if (rest.trim() !== '') throw new TableError(`line ${lineNo}: text after a closing quote`);
      i = next < 0 ? line.length : next;
    } else {
      const next = line.indexOf(delimiter, i);
      field = line.slice(i, next < 0 ? undefined : next).trim();
      i = next < 0 ? line.length : next;
    }
    fields.push(field);
    if (i >= line.length) return fields;
    i += delimiter.length;
  }
}

function splitOnWhitespace(line: string, lineNo: number): string[] {
  const trimmed = line.trim();
  if (trimmed === '') return [];
  if (!trimmed.includes('"')) return trimmed.split(/\s+/);
  const fields: string[] = [];
  let i = 0;
  while (i < trimmed.length) {
    if (SPACE.test(trimmed[i] ?? '')) {
      i += 1;
      continue;
    }
    let field: string;
    if (trimmed[i] === '"') {
      [field, i] = readQuoted(trimmed, i, lineNo);
      if (i < trimmed.length && !SPACE.test(trimmed[i] ?? '')) {
        throw new TableError(`line ${lineNo}: text after a closing quote`);
      }
    } else {
      const start = i;
      while (i < trimmed.length && !SPACE.test(trimmed[i] ?? '')) i += 1;
      field = trimmed.slice(start, i);
    }
    fields.push(field);
  }
  return fields;
}

/** The fields of one line, unquoted (`""` inside quotes is one quote) and trimmed. */
export function splitLine(line: string, delimiter: Delimiter, lineNo: number): string[] {
  return delimiter === 'whitespace'
    ? splitOnWhitespace(line, lineNo)
    : splitOnChar(line, delimiter, lineNo);
}

/**
 * The delimiter that cuts every sample line into the same number of fields, more than one:
 * tab first (it never occurs inside values by accident), then comma, then semicolon, then
 * runs of whitespace. A file no delimiter cuts consistently gets the first that cuts its
 * first line, so that the reader's field-count error names the line at fault.
 */
export function detectDelimiter(sample: readonly string[]): Delimiter {
  const candidates: Delimiter[] = ['\t', ',', ';', 'whitespace'];
  const counts = (delimiter: Delimiter) =>
    sample.map((line, i) => {
      try {
        return splitLine(line, delimiter, i + 1).length;
      } catch {
        return -1;
      }
    });
  for (const delimiter of candidates) {
    const [first, ...rest] = counts(delimiter);
    if (first !== undefined && first > 1 && rest.every((n) => n === first)) return delimiter;
  }
  return candidates.find((delimiter) => (counts(delimiter)[0] ?? 0) > 1) ?? ',';
}

const isText = (cell: string) => !isMissing(cell) && Number.isNaN(parseNumber(cell));

/**
 * Whether the first of the sample rows names the columns. It can only when every cell of it
 * is text (a name is never a number nor missing) and the names are distinct. It does when a
 * column holds a number further down (text above numbers), or when none of its cells recurs
 * below in its column (an all-text data row usually shares values with the rows after it).
 * A lone all-text row counts as a header: a file of only names has no data.
 */
export function detectHeader(rows: readonly (readonly string[])[]): boolean {
  const [first, ...rest] = rows;
  if (!first || first.length === 0 || !first.every(isText)) return false;
  if (new Set(first).size !== first.length) return false;
  if (rest.length === 0) return true;
  const numberBelow = first.some((_, c) =>
    rest.some((row) => !Number.isNaN(parseNumber(row[c] ?? ''))),
  );
  if (numberBelow) return true;
  return first.every((name, c) => rest.every((row) => row[c] !== name));
}
