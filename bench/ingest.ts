/**
 * File ingestion into PostgreSQL: records/s and peak RSS of `xinyi ingest` on a large tax
 * CSV, next to `psql \copy` of the same file into a plain table as the baseline.
 *
 *   npm run bench -- ingest                        # 1 000 000 rows
 *   BENCH_ROWS=100000 npm run bench -- ingest      # a quicker run
 *   BENCH_CHUNK=5000 npm run bench -- ingest       # records per transaction (else the default)
 *   DATABASE_URL=postgres://… npm run bench -- ingest
 *
 * PostgreSQL only: DATABASE_URL is the admin connection (default:
 * the local server over its Unix socket when /var/run/postgresql has one, else
 * postgres://postgres@127.0.0.1:5432/test; the JSON names the transport) on which a fresh
 * database `xinyi_bench_<random>`
 * is created, migrated and seeded with the demo (provider `tax-bureau` may push `tax`), and
 * dropped at the end, as is the temporary directory with the CSV.
 *
 * The input (`bench/lib/ingest-data.ts`): BENCH_ROWS rows with our canonical column names
 * (uscc, period, taxable_revenue, tax_paid, invoice_count, credit_rating), every (uscc,
 * period) once, 0.5 % of them bad in four ways (quarantined), written lazily to a temp file.
 *
 * Measured, one after another:
 * 1. the ingestion, as `xinyi ingest` runs it (`readRecords` + `ingestDelivery`, with a
 *    progress callback), in a forked child process (`bench/lib/ingest-child.ts`) that reports
 *    its elapsed time (SHA-256 of the file to final report; start-up not counted) and its
 *    peak RSS (`process.resourceUsage().maxRSS`). The child runs compiled JavaScript, as
 *    bin/xinyi.js runs dist/: the sources are transpiled into the temporary directory first
 *    (`bench/lib/ingest-build.ts`), so the tsx loader's own memory is not counted;
 * 2. the same file once more, in a new child: every record unchanged;
 * 3. the baseline: `psql -c "\copy bench_copy from <file> csv header"` into a table of six
 *    text columns without indexes, timed from spawn to exit.
 * 4. the floor: the rows stage 1 stored, exported as they are (hashes, keys and content
 *    already computed), copied back by `psql \copy` into `records_floor`, a table with the
 *    columns, checks, unique and lookup indexes of `records`. No parsing,
 *    validation, de-duplication, change-feed event or transaction logic at all: no pipeline
 *    that stores into that schema can be faster, so its ratio to the baseline bounds the
 *    ratio any ingestion can reach on this machine.
 * Every stage is checked (batch counts, rows in `records`, `outbox`, `quarantined_records`,
 * `bench_copy` and `records_floor`); a run that does not come out exact fails (exit code 1)
 * with no figures.
 *
 * records/s counts every record read (accepted and quarantined) over the elapsed time; the
 * ratio is records/s of the first ingestion over rows/s of the baseline. "node cpu s" is the
 * child's own CPU time (user + system) over the same span: near the elapsed time, the
 * pipeline's JavaScript is the limit; well below it, the database is. "db cpu s" is the CPU
 * time of the PostgreSQL backends serving the child over the same span (read from /proc, so
 * only when the server runs on this host; backends that closed before the end are missed):
 * with "node cpu s", it tells where each record's cost goes even on a busy machine, where
 * the elapsed time does not. The machine's 1-minute load average is reported before each
 * stage: other work skews every figure, and PostgreSQL runs on the same CPUs as the
 * pipeline.
 *
 * BENCH_CPU_PROF=<dir> runs the children with `--cpu-prof` into that directory.
 *
 * Output: a table, then as the last line one JSON object.
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import { seedDemo } from '../src/demo/seed.js';
import { openRuntime } from '../src/platform/bootstrap.js';
import { loadConfig } from '../src/platform/config.js';
import {
  benchAdminUrl,
  createBenchDatabase,
  transportOf,
  withClient,
} from './lib/bench-database.js';
import { compileChild } from './lib/ingest-build.js';
import type { ChildArgs, ChildMessage } from './lib/ingest-child.js';
import { CSV_COLUMNS, writeTaxCsv, type ExpectedCounts } from './lib/ingest-data.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const DEFAULT_ROWS = 1_000_000;
const COPY_TABLE = 'bench_copy';
const FLOOR_TABLE = 'records_floor';

type Cleanup = () => Promise<void> | void;

class BenchError extends Error {}

const describe = (error: unknown) => (error instanceof Error ? error.message : inspect(error));
const round = (value: number, digits: number) => Number(value.toFixed(digits));
const load1m = () => os.loadavg()[0] ?? 0;

function positiveInteger(name: string, fallback: number | undefined): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new BenchError(`${name} must be a positive integer, got "${raw}"`);
  }
  return value;
}

// ---------------------------------------------------------------------------------------
// The database

/** Migrations and the demo seed, as `xinyi serve` would do on a new database. */
async function prepareDatabase(env: NodeJS.ProcessEnv) {
  const runtime = await openRuntime(loadConfig(env));
  try {
    await seedDemo(runtime.ctx);
  } finally {
    await runtime.database.close();
  }
}

async function countRows(url: string) {
  return withClient(url, async (client) => {
    const count = async (sql: string) =>
      Number((await client.query<{ n: string }>(sql)).rows[0]?.n ?? -1);
    return {
      records: await count('select count(*) as n from records'),
      current: await count('select count(*) as n from records where superseded_at is null'),
      // Subjects the change feed announced: every subject with a stored record, once per
      // chunk that stored its records.
      announced: await count(
        `select count(distinct change->>'subjectRef') as n from outbox,
           jsonb_array_elements(payload->'changes') as change
         where topic = 'record.changed'`,
      ),
      subjects: await count('select count(distinct subject_ref) as n from records'),
      quarantined: await count('select count(*) as n from quarantined_records'),
    };
  });
}

// ---------------------------------------------------------------------------------------
// The stages

let current: ChildProcess | null = null;
let interrupted = false;

interface Ingestion {
  readonly elapsedMs: number;
  readonly maxRssKb: number;
  readonly cpuMs: number;
  readonly dbCpuMs: number | null;
  readonly progressCalls: number;
  readonly report: Extract<ChildMessage, { type: 'done' }>['report'];
}

function runIngestion(
  childFile: string,
  env: NodeJS.ProcessEnv,
  args: ChildArgs,
): Promise<Ingestion> {
  const profileDir = process.env.BENCH_CPU_PROF;
  const child = fork(childFile, args, {
    cwd: ROOT,
    execArgv: profileDir ? ['--cpu-prof', '--cpu-prof-dir', path.resolve(profileDir)] : [],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  current = child;
  return new Promise<Ingestion>((resolve, reject) => {
    let message: ChildMessage | null = null;
    child.on('message', (m: ChildMessage) => (message = m));
    child.once('error', reject);
    child.once('exit', (code, signal) => {
      current = null;
      const m = message;
      if (interrupted) reject(new BenchError('interrupted'));
      else if (m?.type === 'error') reject(new BenchError(`the ingestion failed: ${m.message}`));
      else if (m?.type !== 'done' || code !== 0) {
        reject(new BenchError(`the ingestion process exited (${signal ?? code}) with no result`));
      } else resolve(m);
    });
  });
}

function checkIngestion(label: string, run: Ingestion, expected: Record<string, number>) {
  const actual: Record<string, number> = {
    read: run.report.read,
    accepted: run.report.accepted,
    newVersions: run.report.newVersions,
    unchanged: run.report.unchanged,
    quarantined: run.report.quarantined,
  };
  const wrong = Object.entries(expected).filter(([name, value]) => actual[name] !== value);
  if (run.report.status !== 'completed' || wrong.length > 0) {
    throw new BenchError(
      `${label}: batch ${run.report.status}, ${JSON.stringify(actual)}; expected ${JSON.stringify(expected)}`,
    );
  }
}

/** Runs one psql command, timed from spawn to exit. */
async function timedPsql(url: string, command: string): Promise<number> {
  const started = performance.now();
  const child = spawn('psql', ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', url, '-c', command], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  current = child;
  let stderr = '';
  child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (exitCode) => resolve(exitCode));
  });
  const elapsedMs = performance.now() - started;
  current = null;
  if (interrupted) throw new BenchError('interrupted');
  if (code !== 0) throw new BenchError(`psql failed (${code}): ${stderr.trim()}`);
  return elapsedMs;
}

const quoted = (file: string) => `'${file.replaceAll("'", "''")}'`;

async function expectCount(url: string, table: string, rows: number) {
  const stored = await withClient(url, async (client) =>
    Number((await client.query<{ n: string }>(`select count(*) as n from ${table}`)).rows[0]?.n),
  );
  if (stored !== rows) throw new BenchError(`${table} holds ${stored} rows; expected ${rows}`);
}

/** `psql \copy` of the file into a plain table of text columns. */
async function copyBaseline(url: string, file: string, rows: number): Promise<number> {
  await withClient(url, (client) =>
    client.query(
      `create table ${COPY_TABLE} (${CSV_COLUMNS.map((name) => `${name} text`).join(', ')})`,
    ),
  );
  const elapsedMs = await timedPsql(
    url,
    `\\copy ${COPY_TABLE} from ${quoted(file)} with (format csv, header true)`,
  );
  await expectCount(url, COPY_TABLE, rows);
  return elapsedMs;
}

const RECORD_COLUMNS = [
  'organisation_id',
  'category',
  'schema_version',
  'natural_key_index',
  'version',
  'subject_kind',
  'subject_ref',
  'period',
  'content',
  'content_encrypted',
  'content_hash',
  'batch_id',
  'line',
  'received_at',
  'superseded_at',
  'employer_ref',
].join(', ');

/**
 * The floor: the stored records, final as they are, copied into a table shaped like
 * `records` (columns, checks, indexes). Only the copy back is timed.
 */
async function storeFloor(url: string, dir: string, rows: number): Promise<number> {
  const file = path.join(dir, 'records-floor.csv');
  await timedPsql(
    url,
    `\\copy (select ${RECORD_COLUMNS} from records order by id) to ${quoted(file)} with (format csv)`,
  );
  await withClient(url, (client) =>
    client.query(`
      create table ${FLOOR_TABLE} (like records including all);
      checkpoint;`),
  );
  const elapsedMs = await timedPsql(
    url,
    `\\copy ${FLOOR_TABLE} (${RECORD_COLUMNS}) from ${quoted(file)} with (format csv)`,
  );
  await expectCount(url, FLOOR_TABLE, rows);
  return elapsedMs;
}

// ---------------------------------------------------------------------------------------
// Report

function table(rows: readonly (readonly string[])[], textColumns = 1): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i < textColumns ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

interface Results {
  readonly expected: ExpectedCounts;
  readonly fileMb: number;
  readonly chunk: string;
  readonly first: Ingestion;
  readonly second: Ingestion;
  readonly copyMs: number;
  readonly floorMs: number;
  readonly loads: {
    readonly first: number;
    readonly second: number;
    readonly copy: number;
    readonly floor: number;
  };
  readonly serverVersion: string;
}

function report(r: Results) {
  const rows = r.expected.rows;
  const perSecond = (ms: number) => rows / (ms / 1000);
  const firstRate = perSecond(r.first.elapsedMs);
  const secondRate = perSecond(r.second.elapsedMs);
  const copyRate = perSecond(r.copyMs);
  const stored = r.first.report.accepted;
  const floorRate = stored / (r.floorMs / 1000);
  const mb = (kb: number) => kb / 1024;
  const cpus = os.cpus();
  console.log('');
  console.log('xinyi ingest benchmark');
  console.log(
    table(
      [
        ['engine', `postgres ${r.serverVersion} (fresh database on DATABASE_URL)`],
        ['node', process.version],
        ['cpus', `${os.availableParallelism()} × ${cpus[0]?.model.trim() ?? 'unknown'}`],
        [
          'input',
          `tax CSV, ${rows} rows (${r.expected.bad} bad), ${r.fileMb.toFixed(1)} MB, canonical columns`,
        ],
        ['chunk', r.chunk === '' ? "the pipeline's default" : `${r.chunk} records/transaction`],
        ['process', 'each ingestion in a child process (compiled JS); psql for the baseline'],
      ],
      2,
    ),
  );
  console.log('');
  const line = (
    name: string,
    what: string,
    ms: number,
    rate: number,
    run: Ingestion | null,
    load: number,
  ) => [
    name,
    what,
    (ms / 1000).toFixed(2),
    rate.toFixed(0),
    run ? (run.cpuMs / 1000).toFixed(2) : '',
    run?.dbCpuMs != null ? (run.dbCpuMs / 1000).toFixed(2) : '',
    run ? mb(run.maxRssKb).toFixed(1) : '',
    (rate / copyRate).toFixed(3),
    load.toFixed(2),
  ];
  console.log(
    table(
      [
        [
          'stage',
          'what',
          'seconds',
          'rows/s',
          'node cpu s',
          'db cpu s',
          'peak RSS MB',
          'ratio',
          'load 1m',
        ],
        line(
          'ingest',
          `xinyi ingest, new records (${r.first.report.accepted} stored)`,
          r.first.elapsedMs,
          firstRate,
          r.first,
          r.loads.first,
        ),
        line(
          'unchanged',
          `the same file again (${r.second.report.unchanged} unchanged)`,
          r.second.elapsedMs,
          secondRate,
          r.second,
          r.loads.second,
        ),
        line(
          'baseline',
          `psql \\copy into ${COPY_TABLE} (6 text columns)`,
          r.copyMs,
          copyRate,
          null,
          r.loads.copy,
        ),
        line(
          'floor',
          `psql \\copy of the ${stored} stored rows into ${FLOOR_TABLE} (shaped like records)`,
          r.floorMs,
          floorRate,
          null,
          r.loads.floor,
        ),
      ],
      2,
    ),
  );
  console.log('');
  console.log(
    `The floor is the fastest any pipeline can store into the records schema here: ratio ${(floorRate / copyRate).toFixed(3)}.`,
  );
  console.log('');
  console.log(
    JSON.stringify({
      bench: 'ingest',
      engine: 'postgres',
      transport: transportOf(benchAdminUrl()),
      rows,
      bad_rows: r.expected.bad,
      chunk: r.chunk === '' ? null : Number(r.chunk),
      seconds: round(r.first.elapsedMs / 1000, 2),
      records_per_s: round(firstRate, 0),
      peak_rss_mb: round(mb(r.first.maxRssKb), 1),
      cpu_s: round(r.first.cpuMs / 1000, 2),
      db_cpu_s: r.first.dbCpuMs === null ? null : round(r.first.dbCpuMs / 1000, 2),
      unchanged_seconds: round(r.second.elapsedMs / 1000, 2),
      unchanged_records_per_s: round(secondRate, 0),
      unchanged_peak_rss_mb: round(mb(r.second.maxRssKb), 1),
      unchanged_cpu_s: round(r.second.cpuMs / 1000, 2),
      unchanged_db_cpu_s: r.second.dbCpuMs === null ? null : round(r.second.dbCpuMs / 1000, 2),
      baseline: 'psql-copy',
      baseline_seconds: round(r.copyMs / 1000, 2),
      baseline_rows_per_s: round(copyRate, 0),
      ratio: round(firstRate / copyRate, 3),
      ratio_unchanged: round(secondRate / copyRate, 3),
      floor_seconds: round(r.floorMs / 1000, 2),
      floor_rows_per_s: round(floorRate, 0),
      floor_ratio: round(floorRate / copyRate, 3),
      node: process.version,
      cpus: os.availableParallelism(),
      loadavg_1m: round(r.loads.first, 2),
      loadavg_1m_unchanged: round(r.loads.second, 2),
      loadavg_1m_baseline: round(r.loads.copy, 2),
      loadavg_1m_floor: round(r.loads.floor, 2),
    }),
  );
}

// ---------------------------------------------------------------------------------------

async function run(cleanups: Cleanup[]): Promise<Results> {
  const rows = positiveInteger('BENCH_ROWS', DEFAULT_ROWS) ?? DEFAULT_ROWS;
  const chunk = String(positiveInteger('BENCH_CHUNK', undefined) ?? '');
  const adminUrl = benchAdminUrl();

  const dir = mkdtempSync(path.join(os.tmpdir(), 'xinyi-bench-ingest-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'tax.csv');
  process.stderr.write(`bench: writing ${rows} rows to ${file} … `);
  const expected = await writeTaxCsv(file, rows);
  const fileMb = statSync(file).size / 1024 / 1024;
  process.stderr.write(`${fileMb.toFixed(1)} MB\n`);

  process.stderr.write('bench: compiling the ingestion child …\n');
  const childFile = compileChild(path.join(dir, 'build'));

  const database = await createBenchDatabase(adminUrl);
  cleanups.push(database.drop);
  const serverVersion = await withClient(
    database.url,
    async (client) =>
      (await client.query<{ v: string }>(`select current_setting('server_version') as v`)).rows[0]
        ?.v ?? '?',
  );
  // Both children and the seed share keys, so the second run's keyed hashes match the first's.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    DATA_DIR: path.join(dir, 'data'),
    LOG_LEVEL: 'silent',
    XINYI_FIELD_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    XINYI_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
  };
  process.stderr.write('bench: migrating and seeding the demo …\n');
  await prepareDatabase(env);

  const good = expected.rows - expected.bad;
  const loadFirst = load1m();
  process.stderr.write(`bench: ingest (load ${loadFirst.toFixed(2)}) … `);
  const first = await runIngestion(childFile, env, [file, chunk]);
  process.stderr.write(`${(first.elapsedMs / 1000).toFixed(2)} s\n`);
  checkIngestion('first ingestion', first, {
    read: rows,
    accepted: good,
    newVersions: 0,
    unchanged: 0,
    quarantined: expected.bad,
  });
  if (first.progressCalls === 0) throw new BenchError('the progress callback was never called');

  const loadSecond = load1m();
  process.stderr.write(`bench: the same file again (load ${loadSecond.toFixed(2)}) … `);
  const second = await runIngestion(childFile, env, [file, chunk]);
  process.stderr.write(`${(second.elapsedMs / 1000).toFixed(2)} s\n`);
  checkIngestion('second ingestion', second, {
    read: rows,
    accepted: 0,
    newVersions: 0,
    unchanged: good,
    quarantined: expected.bad,
  });
  const stored = await countRows(database.url);
  const wanted = {
    records: good,
    current: good,
    announced: expected.enterprises,
    subjects: expected.enterprises,
    quarantined: 2 * expected.bad,
  };
  if (JSON.stringify(stored) !== JSON.stringify(wanted)) {
    throw new BenchError(
      `the database holds ${JSON.stringify(stored)}; expected ${JSON.stringify(wanted)}`,
    );
  }

  const loadCopy = load1m();
  process.stderr.write(`bench: baseline psql \\copy (load ${loadCopy.toFixed(2)}) … `);
  const copyMs = await copyBaseline(database.url, file, rows);
  process.stderr.write(`${(copyMs / 1000).toFixed(2)} s\n`);

  const loadFloor = load1m();
  process.stderr.write(
    `bench: floor, stored rows copied into ${FLOOR_TABLE} (load ${loadFloor.toFixed(2)}) … `,
  );
  const floorMs = await storeFloor(database.url, dir, good);
  process.stderr.write(`${(floorMs / 1000).toFixed(2)} s\n`);
  return {
    expected,
    fileMb,
    chunk,
    first,
    second,
    copyMs,
    floorMs,
    loads: { first: loadFirst, second: loadSecond, copy: loadCopy, floor: loadFloor },
    serverVersion,
  };
}

export default async function main() {
  const cleanups: Cleanup[] = [];
  const onSignal = () => {
    interrupted = true;
    current?.kill('SIGKILL');
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let results: Results | null = null;
  let failure: unknown = null;
  try {
    results = await run(cleanups);
  } catch (error) {
    failure = error;
  }
  for (const cleanup of cleanups.reverse()) {
    try {
      await cleanup();
    } catch (error) {
      console.error(`bench: cleanup failed: ${describe(error)}`);
      failure ??= error;
    }
  }
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (failure || !results) {
    console.error(`bench ingest: FAILED: ${describe(failure)}`);
    process.exitCode = 1;
    return;
  }
  // Printed after the cleanup, so that the JSON object is the last line.
  report(results);
}
