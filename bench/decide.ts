/**
 * Loan decisions per second: `POST /loans/applications` (consent, checks, score, ZEN policy,
 * decision stored, all in one request) by concurrent borrowers on PostgreSQL, beside a bare
 * Fastify hello-world in the same run.
 *
 *   npm run bench -- decide                         # 64 borrowers, 10 s
 *   BENCH_DURATION=5 BENCH_BORROWERS=32 npm run bench -- decide
 *   BENCH_PACED_SHARE=0.4 npm run bench -- decide   # the paced run at 40 % of saturation
 *
 * A fresh database `xinyi_bench_<random>` on DATABASE_URL (default:
 * the local server over its Unix socket when /var/run/postgresql has one, else
 * postgres://postgres@127.0.0.1:5432/test; the JSON names the transport) is prepared by the
 * server child
 * (`bench/lib/decide-server.ts`): demo data, profiles, scorecards, bank A's policy and
 * product, BENCH_BORROWERS borrower accounts with consent. autocannon runs here with one
 * connection per borrower; every request carries a new Idempotency-Key, so each is a new
 * application decided from submission to decision. Any non-2xx fails the run. The
 * database is dropped at the end. The last line is one JSON object.
 *
 * Two runs: at saturation (each borrower applies again as soon as answered: the
 * throughput; its latency is mostly the queue, borrowers / throughput on average), then
 * paced at 70 % of that throughput (BENCH_PACED_SHARE), evenly spaced over the same
 * borrowers (`bench/lib/paced-load.ts`), 2 s after the first run's last answers: the
 * latency a borrower sees when the server keeps up. A p99 of 50 ms at saturation with 64 borrowers
 * would need more than 1 280 decisions/s.
 *
 * The CPU time the server process and the PostgreSQL backends serving the bench database
 * spent during the saturated run, per decision, is read from /proc (the server runs on this
 * host): unlike the throughput, it does not depend on how the two cores were shared.
 *
 * BENCH_CPU_PROF=<dir> runs the server child with `--cpu-prof` into that directory.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { applicationRequest, applicationRequests } from './lib/apply-requests.js';
import {
  benchAdminUrl,
  createBenchDatabase,
  transportOf,
  withClient,
} from './lib/bench-database.js';
import { backendCpu, cpuSince, processCpuMs } from './lib/proc-cpu.js';
import type { DecideServerMessage } from './lib/decide-server.js';
import { pacedLoad } from './lib/paced-load.js';

const SERVER = fileURLToPath(new URL('./lib/decide-server.ts', import.meta.url));
/** The paced run offers this share of the throughput measured at saturation. */
const PACED_SHARE = Number(process.env.BENCH_PACED_SHARE ?? 0.7);
const SETTLE_MS = 2000;
const WARM_UP_SECONDS = 3;

async function load(options: autocannon.Options) {
  const result = await autocannon(options);
  if (result.non2xx > 0 || result.errors > 0 || result.timeouts > 0) {
    const statuses = JSON.stringify(result.statusCodeStats);
    throw new Error(
      `${options.url}: ${result.non2xx} non-2xx (${statuses}), ${result.errors} errors`,
    );
  }
  return result;
}

/**
 * CPU time so far of the server's processes (its HTTP workers too) and of each PostgreSQL backend serving the bench
 * database (read from /proc: the server runs on this host; none when it does not).
 */
async function serverCpu(serverPids: readonly number[], url: string) {
  const pids = await withClient(url, async (client) => {
    const { rows } = await client.query<{ pid: number }>(
      `select pid from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid()`,
    );
    return rows.map((row) => row.pid);
  });
  const node = serverPids.reduce((sum, pid) => sum + (processCpuMs(pid) ?? 0), 0);
  return { node, db: backendCpu(pids) };
}

const perDecision = (ms: number | null, decisions: number) =>
  ms === null || decisions === 0 ? null : Math.round((ms / decisions) * 100) / 100;

export default async function main() {
  const duration = Number(process.env.BENCH_DURATION ?? 10);
  const borrowers = Number(process.env.BENCH_BORROWERS ?? 64);
  const database = await createBenchDatabase(benchAdminUrl());
  const child = fork(SERVER, [], {
    execArgv: [
      '--import',
      'tsx',
      ...(process.env.BENCH_CPU_PROF
        ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
    ],
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      BENCH_BORROWERS: String(borrowers),
      // One HTTP worker per core unless told otherwise, as a node on PostgreSQL would run.
      XINYI_HTTP_WORKERS: process.env.XINYI_HTTP_WORKERS ?? 'auto',
      // Every borrower logs in once, from the same address, at start.
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      DATA_DIR: '/nonexistent',
    },
  });
  try {
    console.log('preparing: demo data, profiles, scorecards, policy, product, borrowers …');
    const ready = await new Promise<Extract<DecideServerMessage, { type: 'ready' }>>(
      (resolve, reject) => {
        child.once('message', (message: DecideServerMessage) =>
          message.type === 'ready' ? resolve(message) : reject(new Error(message.message)),
        );
        child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
      },
    );
    const baseline = await load({
      url: `http://127.0.0.1:${ready.baselinePort}/`,
      connections: borrowers,
      duration,
    });
    const applyFor = (seconds: number) =>
      load({
        url: `http://127.0.0.1:${ready.xinyiPort}/loans/applications`,
        connections: borrowers,
        duration: seconds,
        requests: applicationRequests(ready.productId, ready.tokens),
      });
    // Not measured: each worker's JIT warms to the decision path, as a running node's has.
    await applyFor(WARM_UP_SECONDS);
    const cpuBefore = await serverCpu(ready.serverPids, database.url);
    const decide = await applyFor(duration);
    const cpuAfter = await serverCpu(ready.serverPids, database.url);
    // With every borrower sending again as soon as answered, the latency is the queue the
    // load itself builds (mean = borrowers / throughput). The latency a borrower sees below
    // saturation is measured at a set pace, a share of the throughput just measured.
    const pacedRate = Math.max(1, Math.floor(decide.requests.average * PACED_SHARE));
    // The answers still owed to the saturated run would otherwise be the paced run's queue.
    await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
    const paced = await pacedLoad({
      port: ready.xinyiPort,
      rate: pacedRate,
      durationSeconds: duration,
      connections: borrowers,
      request: (index) =>
        applicationRequest(ready.productId, ready.tokens[index % ready.tokens.length] ?? ''),
    });
    if (paced.failed > 0) throw new Error(`paced run: ${paced.failed} requests failed`);
    const figures = {
      bench: 'decide',
      engine: 'postgres',
      transport: transportOf(benchAdminUrl()),
      borrowers,
      http_workers: ready.httpWorkers,
      duration_s: duration,
      decisions: decide.requests.total,
      decisions_per_s: Math.round(decide.requests.average),
      p50_ms: decide.latency.p50,
      p99_ms: decide.latency.p99,
      paced_rate_per_s: pacedRate,
      paced_decisions: paced.sent,
      paced_p50_ms: paced.p50Ms,
      paced_p99_ms: paced.p99Ms,
      node_cpu_ms_per_decision: perDecision(cpuAfter.node - cpuBefore.node, decide.requests.total),
      db_cpu_ms_per_decision: perDecision(
        cpuSince(cpuBefore.db, cpuAfter.db),
        decide.requests.total,
      ),
      baseline: 'fastify-hello',
      baseline_rps: Math.round(baseline.requests.average),
      baseline_p99_ms: baseline.latency.p99,
      ratio: Math.round((decide.requests.average / baseline.requests.average) * 1000) / 1000,
    };
    console.log(
      `baseline  fastify hello  ${figures.baseline_rps} req/s, p99 ${figures.baseline_p99_ms} ms`,
    );
    console.log(
      `decide    ${borrowers} borrowers  ${figures.decisions_per_s} decisions/s, p50 ${figures.p50_ms} ms, p99 ${figures.p99_ms} ms (${figures.decisions} decided)`,
    );
    console.log(
      `cpu       ${figures.node_cpu_ms_per_decision} ms in the server process, ${figures.db_cpu_ms_per_decision} ms in PostgreSQL backends, per decision at saturation`,
    );
    console.log(
      `paced     ${borrowers} borrowers at ${pacedRate}/s  p50 ${figures.paced_p50_ms} ms, p99 ${figures.paced_p99_ms} ms`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    child.send({ type: 'close' });
    await new Promise((resolve) => child.once('exit', resolve));
    await database.drop();
  }
}
