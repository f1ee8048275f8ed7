/**
 * The input of `bench/ingest.ts`: a tax CSV with our canonical column names, written lazily
 * (a few thousand lines at a time, respecting the stream's backpressure) so that a file of
 * millions of rows never sits in memory.
 *
 * Row `i` is enterprise `i mod E` in period `i div E` (a bureau exports a period at a time),
 * with E = ceil(rows / PERIODS): every (uscc, period) natural key occurs once. Every 200th
 * row (0.5 %) is bad in one of four ways, in turn; a bad row still has six columns, so that
 * `psql \copy` into a table of six text columns takes every line of the same file.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { buildUscc } from '../../src/demo/seed.js';

export const CSV_COLUMNS = [
  'uscc',
  'period',
  'taxable_revenue',
  'tax_paid',
  'invoice_count',
  'credit_rating',
] as const;

/** 2023-01 … 2024-12: all in the past, all after 1949. */
const PERIODS = Array.from(
  { length: 24 },
  (_, i) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
);
const REGIONS = ['110108', '330106', '510104', '440305', '420106'];
const RATINGS = ['A', 'B', 'M', 'C', 'D', ''];
const BAD_EVERY = 200;
const LINES_PER_WRITE = 5000;

/** What a valid file of this shape must come to, to check the ingestion against. */
export interface ExpectedCounts {
  readonly rows: number;
  readonly bad: number;
  /** Each has a good row: at most one row in 200 is bad, and no two in a row. */
  readonly enterprises: number;
}

function enterpriseUscc(index: number): string {
  const region = REGIONS[index % REGIONS.length] ?? '110108';
  const body = `MA${String(Math.floor(index / REGIONS.length)).padStart(6, '0')}`;
  return buildUscc('9', '1', region, body);
}

/** One CSV line (without the line break), and whether it is one of the bad rows. */
function line(i: number, enterprises: number): { text: string; bad: boolean } {
  const enterprise = i % enterprises;
  const period = PERIODS[Math.floor(i / enterprises)] ?? '2024-12';
  const uscc = enterpriseUscc(enterprise);
  // Money in fen, deterministic but varied; integers only (the canonical unit is fen).
  const revenue = 100_000 + ((i * 7919) % 99_900_000);
  const taxPaid = Math.floor((revenue * 3) / 100);
  const invoices = String(i % 300);
  const rating = RATINGS[i % RATINGS.length] ?? '';
  if (i % BAD_EVERY !== BAD_EVERY - 1) {
    return { text: `${uscc},${period},${revenue},${taxPaid},${invoices},${rating}`, bad: false };
  }
  switch (Math.floor(i / BAD_EVERY) % 4) {
    case 0: // period in the future
      return { text: `${uscc},2099-01,${revenue},${taxPaid},${invoices},${rating}`, bad: true };
    case 1: // money that is not a number
      return { text: `${uscc},${period},n/a,${taxPaid},${invoices},${rating}`, bad: true };
    case 2: {
      // a USCC with the wrong check character
      const last = uscc.endsWith('1') ? '2' : '1';
      const broken = `${uscc.slice(0, -1)}${last}`;
      return { text: `${broken},${period},${revenue},${taxPaid},${invoices},${rating}`, bad: true };
    }
    default: // two reasons at once: negative tax, unknown rating
      return { text: `${uscc},${period},${revenue},-5,${invoices},X`, bad: true };
  }
}

/** Writes `rows` data rows (plus the header) to `file`. */
export async function writeTaxCsv(file: string, rows: number): Promise<ExpectedCounts> {
  const enterprises = Math.ceil(rows / PERIODS.length);
  const out = createWriteStream(file, { encoding: 'utf8' });
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined); // raced below
  let bad = 0;
  let buffer = `${CSV_COLUMNS.join(',')}\n`;
  for (let i = 0; i < rows; i += 1) {
    const { text, bad: isBad } = line(i, enterprises);
    if (isBad) bad += 1;
    buffer += `${text}\n`;
    if ((i + 1) % LINES_PER_WRITE === 0) {
      if (!out.write(buffer)) await Promise.race([once(out, 'drain'), failed]);
      buffer = '';
    }
  }
  out.end(buffer);
  await Promise.race([once(out, 'finish'), failed]);
  return { rows, bad, enterprises };
}
