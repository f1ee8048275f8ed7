/**
 * HTTP requests/s and latency of xinyi, next to a bare Fastify hello-world as the baseline.
 *
 *   npm run bench -- http                      # PGlite in a temporary DATA_DIR
 *   BENCH_DURATION=3 npm run bench -- http     # shorter runs (seconds per target)
 *   DATABASE_URL=postgres://… npm run bench -- http
 *
 * Targets, each loaded by autocannon with the same connections and duration after a short
 * warm-up: (a) the baseline `GET /` of a bare Fastify app, (b) `GET /healthz`, (c) an
 * authenticated registry read, `GET /enterprises/<uscc>` with the bearer token of the demo
 * user `bank-a-officer` (auth hook: one session lookup, then one enterprise lookup).
 *
 * Process layout: both servers run in ONE CHILD PROCESS (`bench/lib/http-server.ts`, forked
 * with the tsx loader) and autocannon runs here. In one process the load generator and the
 * server would share one event loop, so every request's cost would be counted twice and the
 * figures would say more about autocannon than about xinyi. The two processes are left to
 * the OS scheduler (2 CPUs on the reference machine: roughly one each); the targets are
 * measured one after another, so the idle server costs nothing while the other is measured.
 * With PGlite the database runs inside the server's process and event loop, as it does in
 * production; with PostgreSQL the database server competes for the same CPUs.
 *
 * The xinyi server is started as `xinyi serve` starts it (configuration from the
 * environment, `openRuntime`: keys, database, migrations; demo seed; `buildApp`), on a fresh
 * database: PGlite files in a temporary DATA_DIR, or — when DATABASE_URL is set — a new
 * database `xinyi_bench_<random>` on that server (DATABASE_URL is only the admin connection
 * that creates and drops it). Everything listens on 127.0.0.1 and is removed at the end.
 *
 * Latency: autocannon's own histogram has 1 ms resolution, too coarse for loopback requests,
 * so p50/p99 come from the per-response times autocannon emits (2xx only, like autocannon),
 * kept in microseconds. Requests/s is autocannon's mean of its per-second samples. Any
 * connection error, timeout or non-2xx response fails the run (exit code 1): no figures are
 * printed for a run that did not serve every request.
 *
 * Output: a table, then as the last line one JSON object.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHistogram } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { inspect } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { DEMO_PASSWORD } from '../src/demo/seed.js';
import type { CloseMessage, ServerMessage } from './lib/http-server.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SERVER_FILE = fileURLToPath(new URL('./lib/http-server.ts', import.meta.url));
const LOOPBACK = '127.0.0.1';
const CONNECTIONS = 10;
const DEFAULT_DURATION_S = 10;
const DEMO_USER = 'bank-a-officer';
const STARTUP_TIMEOUT_MS = 120_000;
const SHUTDOWN_TIMEOUT_MS = 15_000;

type Cleanup = () => Promise<void> | void;

interface Target {
  readonly name: string;
  readonly description: string;
  readonly url: string;
  readonly headers?: Record<string, string>;
}

interface Measurement {
  readonly target: Target;
  readonly rps: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly requests: number;
}

class BenchError extends Error {}

function durationSeconds(): number {
  const raw = process.env.BENCH_DURATION;
  if (raw === undefined || raw === '') return DEFAULT_DURATION_S;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0) {
    throw new BenchError(`BENCH_DURATION must be a positive number of seconds, got "${raw}"`);
  }
  return value;
}

/** A readable one-line description of anything thrown. */
const describe = (error: unknown) => (error instanceof Error ? error.message : inspect(error));

const round = (value: number, digits: number) => Number(value.toFixed(digits));

// ---------------------------------------------------------------------------------------
// The servers' child process and the database it runs on

interface Servers {
  readonly engine: string;
  readonly xinyiPort: number;
  readonly baselinePort: number;
}

/** Forks the servers; `stop` is safe to call at any time, also before they are ready. */
function launchServers(env: NodeJS.ProcessEnv): { ready: Promise<Servers>; stop: Cleanup } {
  const child = fork(SERVER_FILE, [], {
    cwd: ROOT,
    execArgv: ['--import', 'tsx'],
    env,
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const ready = new Promise<Servers>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new BenchError(`the servers did not start within ${STARTUP_TIMEOUT_MS} ms`)),
      STARTUP_TIMEOUT_MS,
    );
    const settle = () => clearTimeout(timer);
    child.on('message', (message: ServerMessage) => {
      settle();
      if (message.type === 'ready') resolve(message);
      else reject(new BenchError(`the servers failed to start: ${message.message}`));
    });
    child.once('error', (error) => {
      settle();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      settle();
      reject(new BenchError(`the server process exited (${signal ?? code}) before it was ready`));
    });
  });
  ready.catch(() => undefined); // observed by the caller; avoid an unhandled rejection here
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    if (child.connected) child.send({ type: 'close' } satisfies CloseMessage);
    const timer = setTimeout(() => {
      console.error('bench: the server process did not exit; killing it');
      child.kill('SIGKILL');
    }, SHUTDOWN_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
    if (child.exitCode !== 0) {
      throw new BenchError(`the server process exited (${child.signalCode ?? child.exitCode})`);
    }
  };
  return { ready, stop };
}

async function adminQuery(adminUrl: string, text: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server at `adminUrl`, and how to drop it. */
async function createBenchDatabase(adminUrl: string): Promise<{ url: string; drop: Cleanup }> {
  const name = `xinyi_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(adminUrl, `create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(adminUrl, `drop database if exists ${name} with (force)`),
  };
}

// ---------------------------------------------------------------------------------------
// Load

let running: autocannon.Instance | null = null;
/** Set on SIGINT/SIGTERM: the current load stops and the run fails, after cleaning up. */
let interrupted = false;

function load(target: Target, seconds: number): Promise<Measurement> {
  const latencyUs = createHistogram();
  return new Promise((resolve, reject) => {
    running = autocannon(
      {
        url: target.url,
        method: 'GET',
        headers: target.headers ?? {},
        connections: CONNECTIONS,
        duration: seconds,
      },
      (error: unknown, result) => {
        running = null;
        if (interrupted) {
          reject(new BenchError('interrupted'));
          return;
        }
        if (error) {
          reject(error instanceof Error ? error : new BenchError(describe(error)));
          return;
        }
        const failed = result.errors + result.timeouts + result.non2xx + result.resets;
        if (failed > 0 || result['2xx'] === 0) {
          const codes = JSON.stringify(result.statusCodeStats ?? {});
          reject(
            new BenchError(
              `${target.name}: ${result['2xx']} ok, ${result.non2xx} non-2xx, ${result.errors} ` +
                `errors, ${result.timeouts} timeouts, ${result.resets} resets; status codes ${codes}`,
            ),
          );
          return;
        }
        resolve({
          target,
          rps: result.requests.average,
          p50Ms: latencyUs.percentile(50) / 1000,
          p99Ms: latencyUs.percentile(99) / 1000,
          requests: result['2xx'],
        });
      },
    );
    running.on('response', (_client, statusCode, _bytes, responseTime) => {
      if (statusCode >= 200 && statusCode < 300) {
        latencyUs.record(Math.max(1, Math.round(responseTime * 1000)));
      }
    });
  });
}

async function measure(target: Target, seconds: number, warmUp: number): Promise<Measurement> {
  process.stderr.write(`bench: ${target.name}: warm-up ${warmUp} s, then ${seconds} s … `);
  await load(target, warmUp);
  const measurement = await load(target, seconds);
  process.stderr.write(`${Math.round(measurement.rps)} req/s\n`);
  return measurement;
}

// ---------------------------------------------------------------------------------------
// The authenticated registry read

async function request<T>(url: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(url, init);
  const body = await response.text();
  if (!response.ok) {
    throw new BenchError(`${init.method ?? 'GET'} ${url}: ${response.status} ${body}`);
  }
  return JSON.parse(body) as T;
}

async function registryReadTarget(base: string): Promise<Target> {
  const { token } = await request<{ token: string }>(`${base}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: DEMO_USER, password: DEMO_PASSWORD }),
  });
  const headers = { authorization: `Bearer ${token}` };
  const enterprises = await request<{ uscc: string }[]>(`${base}/enterprises?limit=1`, { headers });
  const uscc = enterprises[0]?.uscc;
  if (!uscc) throw new BenchError('GET /enterprises returned no enterprise: is the demo seeded?');
  const url = `${base}/enterprises/${encodeURIComponent(uscc)}`;
  const one = await request<{ uscc: string }>(url, { headers });
  if (one.uscc !== uscc) throw new BenchError(`${url} answered another enterprise`);
  return {
    name: 'registry_read',
    description: `GET /enterprises/${uscc} (bearer ${DEMO_USER})`,
    url,
    headers,
  };
}

// ---------------------------------------------------------------------------------------
// Report

/** Columns padded to their widest cell; the first `textColumns` are left-aligned. */
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

function report(
  servers: Servers,
  seconds: number,
  warmUp: number,
  loadAverage: number,
  [baseline, healthz, registryRead]: readonly [Measurement, Measurement, Measurement],
) {
  const cpus = os.cpus();
  const ratio = (m: Measurement) => round(m.rps / baseline.rps, 3);
  const engine =
    servers.engine === 'pglite'
      ? 'pglite (file-backed, temporary DATA_DIR)'
      : 'postgres (fresh database on DATABASE_URL)';
  console.log('');
  console.log('xinyi HTTP benchmark');
  console.log(
    table(
      [
        ['engine', engine],
        ['node', process.version],
        ['cpus', `${os.availableParallelism()} × ${cpus[0]?.model.trim() ?? 'unknown'}`],
        ['load', `autocannon ${CONNECTIONS} connections, ${seconds} s per target`],
        ['warm-up', `${warmUp} s per target, not counted`],
        ['servers', 'one child process, 127.0.0.1; autocannon in the parent'],
        ['host load', `${loadAverage.toFixed(2)} (1-minute load average before the run)`],
      ],
      2,
    ),
  );
  console.log('');
  const rows = [baseline, healthz, registryRead].map((m) => [
    m.target.name,
    m.target.description,
    m.rps.toFixed(1),
    m.p50Ms.toFixed(3),
    m.p99Ms.toFixed(3),
    String(m.requests),
    m === baseline ? '1.000' : ratio(m).toFixed(3),
  ]);
  console.log(
    table([['target', 'request', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'ratio'], ...rows], 2),
  );
  console.log('');
  console.log(
    JSON.stringify({
      bench: 'http',
      engine: servers.engine,
      healthz_rps: round(healthz.rps, 1),
      healthz_p50_ms: round(healthz.p50Ms, 3),
      healthz_p99_ms: round(healthz.p99Ms, 3),
      registry_read_rps: round(registryRead.rps, 1),
      registry_read_p50_ms: round(registryRead.p50Ms, 3),
      registry_read_p99_ms: round(registryRead.p99Ms, 3),
      baseline: 'fastify-hello',
      baseline_rps: round(baseline.rps, 1),
      baseline_p50_ms: round(baseline.p50Ms, 3),
      baseline_p99_ms: round(baseline.p99Ms, 3),
      ratio_healthz: ratio(healthz),
      ratio_registry_read: ratio(registryRead),
      connections: CONNECTIONS,
      duration_s: seconds,
      node: process.version,
      cpus: os.availableParallelism(),
      loadavg_1m: round(loadAverage, 2),
    }),
  );
}

// ---------------------------------------------------------------------------------------

export default async function main() {
  let seconds: number;
  try {
    seconds = durationSeconds();
  } catch (error) {
    console.error(`bench http: ${describe(error)}`);
    process.exitCode = 1;
    return;
  }
  // Other work on the machine skews every figure: say how busy it was.
  const [loadAverage = 0] = os.loadavg();
  const warmUp = round(Math.min(2, Math.max(1, seconds / 5)), 1);
  const cleanups: Cleanup[] = [];
  let interrupt: () => void = () => undefined;
  const interruption = new Promise<never>((_, reject) => {
    interrupt = () => reject(new BenchError('interrupted'));
  });
  interruption.catch(() => undefined); // raced below; never left unhandled
  const onSignal = () => {
    interrupted = true;
    running?.stop();
    interrupt();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let measurements: [Measurement, Measurement, Measurement] | null = null;
  let servers: Servers | null = null;
  let failure: unknown = null;
  try {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xinyi-bench-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    let databaseUrl = '';
    const adminUrl = process.env.DATABASE_URL;
    if (adminUrl) {
      const database = await createBenchDatabase(adminUrl);
      cleanups.push(database.drop);
      databaseUrl = database.url;
    }
    const launched = launchServers({
      ...process.env,
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      LOG_LEVEL: 'silent',
    });
    cleanups.push(launched.stop);
    servers = await Promise.race([launched.ready, interruption]);
    const xinyi = `http://${LOOPBACK}:${servers.xinyiPort}`;
    const targets = [
      {
        name: 'baseline',
        description: 'GET / (bare Fastify hello-world)',
        url: `http://${LOOPBACK}:${servers.baselinePort}/`,
      },
      { name: 'healthz', description: 'GET /healthz', url: `${xinyi}/healthz` },
      await registryReadTarget(xinyi),
    ] as const;
    const results: Measurement[] = [];
    for (const target of targets) {
      if (interrupted) throw new BenchError('interrupted');
      results.push(await measure(target, seconds, warmUp));
    }
    if (interrupted) throw new BenchError('interrupted');
    const [baseline, healthz, registryRead] = results;
    if (!baseline || !healthz || !registryRead) throw new BenchError('missing measurements');
    measurements = [baseline, healthz, registryRead];
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
  if (failure) {
    console.error(`bench http: FAILED: ${describe(failure)}`);
    process.exitCode = 1;
    return;
  }
  // Printed after the servers are gone, so that the JSON object is the last line.
  if (servers && measurements) report(servers, seconds, warmUp, loadAverage, measurements);
}
