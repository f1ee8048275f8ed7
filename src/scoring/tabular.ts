/**
 * Reads a text table of any origin (CSV, TSV, semicolon- or whitespace-separated, with or
 * without a header) into typed columns for the scorecard: a column is numeric when every
 * non-missing cell is a finite number, else categorical. `NA`, `na`, `N/A`, `n/a` and empty
 * cells are missing. Columns without a header are named V1..Vn, as R names them.
 *
 * The file is streamed twice: the first pass settles the kinds and the row count, the second
 * fills typed storage of the exact size (numbers in a Float64Array with NaN for missing,
 * category labels interned), so files of hundreds of megabytes fit, and a categorical column
 * keeps its labels exactly as written ("007", not 7).
 */
import { createReadStream, statSync } from 'node:fs';
import {
  detectDelimiter,
  detectHeader,
  isMissing,
  parseNumber,
  splitLine,
  TableError,
  type Delimiter,
} from './tabular-fields.js';

export { DELIMITER_NAMES, delimiterName, TableError, type Delimiter } from './tabular-fields.js';

export type ColumnKind = 'numeric' | 'categorical';

export type TableColumn =
  | { readonly name: string; readonly kind: 'numeric'; readonly values: Float64Array }
  | {
      readonly name: string;
      readonly kind: 'categorical';
      readonly values: readonly (string | null)[];
    };

export interface Table {
  /** The stored columns, in file order. */
  readonly columns: readonly TableColumn[];
  /** Every column name of the file, stored or not. */
  readonly names: readonly string[];
  readonly rows: number;
  readonly delimiter: Delimiter;
  readonly header: boolean;
}

export interface ReadTableOptions {
  /** Whether the first line names the columns; detected when absent. */
  readonly header?: boolean;
  /** Detected when absent. */
  readonly delimiter?: Delimiter;
  /** Kinds to impose instead of inferring them (a model's columns): a text in a numeric one is an error. */
  readonly kinds?: ReadonlyMap<string, ColumnKind>;
  /** Only these columns are stored (all when absent); the others are still checked for shape. */
  readonly keep?: ReadonlySet<string>;
  /** Called as the file is read: the pass (1 or 2) and the bytes read in it. */
  readonly onProgress?: (pass: 1 | 2, bytes: number) => void;
}

/** The lines of the file in order, in batches: one await per batch, not per line, is what makes reading fast. */
type LineSource = (pass: 1 | 2) => AsyncIterable<readonly string[]>;

const SAMPLE_LINES = 100;
const CHUNK_BYTES = 1 << 20;

/**
 * Reads a table file.
 *
 * @example
 * const table = await readTableFile('german.data'); // whitespace-separated, no header
 * table.columns[0]; // { name: 'V1', kind: 'categorical', values: ['A11', 'A12', …] }
 */
export async function readTableFile(file: string, options: ReadTableOptions = {}): Promise<Table> {
  try {
    if (!statSync(file).isFile()) throw new TableError(`${file} is not a file`);
  } catch (error) {
    if (error instanceof TableError) throw error;
    throw new TableError(`cannot read ${file}`);
  }
  return readTable((pass) => fileLines(file, pass, options.onProgress), options);
}

/** Reads a table held in a string (tests, small inputs). */
export function readTableText(text: string, options: ReadTableOptions = {}): Promise<Table> {
  const lines = text.split(/\r?\n/);
  return readTable(async function* () {
    yield lines;
  }, options);
}

async function* fileLines(
  file: string,
  pass: 1 | 2,
  onProgress: ReadTableOptions['onProgress'],
): AsyncGenerator<string[]> {
  // A decoding stream never cuts a multi-byte character between chunks.
  const stream = createReadStream(file, { encoding: 'utf8', highWaterMark: CHUNK_BYTES });
  let carry = '';
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      onProgress?.(pass, stream.bytesRead);
      const lines = (carry + chunk).split('\n');
      carry = lines.pop() ?? '';
      for (let i = 0; i < lines.length; i += 1) {
        const line = lines[i] ?? '';
        if (line.endsWith('\r')) lines[i] = line.slice(0, -1);
      }
      yield lines;
    }
    if (carry !== '') yield [carry.endsWith('\r') ? carry.slice(0, -1) : carry];
  } finally {
    stream.destroy();
  }
}

/**
 * Calls `visit` with every non-blank line and its 1-based number (blank lines counted, as
 * an editor shows them), until it returns false.
 */
async function eachLine(
  source: AsyncIterable<readonly string[]>,
  visit: (text: string, lineNo: number) => boolean | void,
): Promise<void> {
  let lineNo = 0;
  for await (const batch of source) {
    for (const raw of batch) {
      lineNo += 1;
      const text = lineNo === 1 ? raw.replace(/^\uFEFF/, '') : raw;
      if (text.trim() !== '' && visit(text, lineNo) === false) return;
    }
  }
}

interface Layout {
  readonly delimiter: Delimiter;
  readonly header: boolean;
  readonly names: readonly string[];
}

async function readLayout(source: LineSource, options: ReadTableOptions): Promise<Layout> {
  const sample: { text: string; lineNo: number }[] = [];
  await eachLine(source(1), (text, lineNo) => sample.push({ text, lineNo }) < SAMPLE_LINES);
  const delimiter = options.delimiter ?? detectDelimiter(sample.map((line) => line.text));
  const rows = sample.map((line) => splitLine(line.text, delimiter, line.lineNo));
  const header = options.header ?? detectHeader(rows);
  const first = rows[0] ?? [];
  const names = header
    ? first.map((name, i) => name || `V${i + 1}`)
    : first.map((_, i) => `V${i + 1}`);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) throw new TableError(`the column name "${duplicate}" is used twice`);
  return { delimiter, header, names };
}

interface Scan {
  readonly rows: number;
  readonly kinds: readonly ColumnKind[];
}

/** Calls `visit` with the fields of every data row, checking each row's width. */
function eachDataRow(
  source: LineSource,
  pass: 1 | 2,
  layout: Layout,
  visit: (fields: readonly string[], lineNo: number) => void,
): Promise<void> {
  let skipHeader = layout.header;
  const width = layout.names.length;
  return eachLine(source(pass), (text, lineNo) => {
    if (skipHeader) {
      skipHeader = false;
      return;
    }
    const fields = splitLine(text, layout.delimiter, lineNo);
    if (fields.length !== width) {
      throw new TableError(`line ${lineNo} has ${fields.length} fields, expected ${width}`);
    }
    visit(fields, lineNo);
  });
}

async function scan(source: LineSource, layout: Layout, options: ReadTableOptions): Promise<Scan> {
  const width = layout.names.length;
  const text: (string | null)[] = Array.from({ length: width }, () => null);
  const forced = layout.names.map((name) => options.kinds?.get(name));
  let rows = 0;
  await eachDataRow(source, 1, layout, (fields, lineNo) => {
    rows += 1;
    for (let c = 0; c < width; c += 1) {
      if (text[c] !== null) continue;
      const cell = fields[c] ?? '';
      if (isMissing(cell) || !Number.isNaN(parseNumber(cell))) continue;
      text[c] = cell;
      if (forced[c] === 'numeric') {
        throw new TableError(
          `line ${lineNo}: column ${layout.names[c]} must be numeric, but holds "${cell}"`,
        );
      }
    }
  });
  const kinds = layout.names.map(
    (_, c): ColumnKind => forced[c] ?? (text[c] === null ? 'numeric' : 'categorical'),
  );
  return { rows, kinds };
}

type Storage = Float64Array | (string | null)[];

async function fill(source: LineSource, layout: Layout, stored: readonly number[], s: Scan) {
  const storage: Storage[] = stored.map((c) =>
    s.kinds[c] === 'numeric' ? new Float64Array(s.rows) : new Array<string | null>(s.rows),
  );
  // One string per distinct label: a column of a million rows holds a few dozen strings.
  const interned = stored.map(() => new Map<string, string>());
  let row = 0;
  await eachDataRow(source, 2, layout, (fields) => {
    if (row === s.rows) throw new TableError('the file grew while it was read');
    for (let k = 0; k < stored.length; k += 1) {
      const cell = fields[stored[k] ?? 0] ?? '';
      const values = storage[k];
      if (values instanceof Float64Array) values[row] = isMissing(cell) ? NaN : parseNumber(cell);
      else if (values) values[row] = isMissing(cell) ? null : intern(interned[k], cell);
    }
    row += 1;
  });
  if (row !== s.rows) throw new TableError('the file changed while it was read');
  return storage;
}

function intern(pool: Map<string, string> | undefined, cell: string): string {
  const known = pool?.get(cell);
  if (known !== undefined) return known;
  pool?.set(cell, cell);
  return cell;
}

async function readTable(source: LineSource, options: ReadTableOptions): Promise<Table> {
  const layout = await readLayout(source, options);
  const s = await scan(source, layout, options);
  const stored = layout.names.flatMap((name, c) =>
    !options.keep || options.keep.has(name) ? [c] : [],
  );
  const storage = await fill(source, layout, stored, s);
  const columns = stored.map((c, k): TableColumn => {
    const name = layout.names[c] ?? `V${c + 1}`;
    const values = storage[k];
    return values instanceof Float64Array
      ? { name, kind: 'numeric', values }
      : { name, kind: 'categorical', values: values ?? [] };
  });
  return {
    columns,
    names: layout.names,
    rows: s.rows,
    delimiter: layout.delimiter,
    header: layout.header,
  };
}
