/**
 * The audit ledger on PostgreSQL, in one run:
 *
 *   1. append: BENCH_EVENTS audit events (`recordAudit`, whose trigger queues each one) by
 *      BENCH_WRITERS concurrent writers, a connection each, sequencer off — events/s;
 *   2. sequence: that backlog integrated by `sequenceLedger` in the server process (leaves,
 *      stored tile hashes, a signed checkpoint per 1000) — leaves/s;
 *   3. both at once: as many events again while the server's sequencer runs on its timer
 *      (1 s, as `xinyi serve`) — events/s appended, and leaves/s from the first append to the
 *      last leaf integrated;
 *   4. proofs over HTTP: `GET /ledger/proofs/inclusion` (random leaf) and
 *      `/ledger/proofs/consistency` (random older size to the latest), autocannon, 64
 *      connections — proofs/s and p99;
 *   5. decisions: `POST /loans/applications` by BENCH_BORROWERS borrowers, as
 *      `bench/decide.ts` measures, with the sequencer off (the baseline) and on, in the order
 *      off, on, on, off (so that a drift of the loaded machine cancels); the queue is emptied
 *      before each phase — decisions/s with the ledger ÷ without is the ratio;
 *   6. `verifyStoredLog` over the whole log — leaves/s verified.
 *
 *   npm run bench -- ledger                 # 20 000 events, 64 writers, 8 s per HTTP phase
 *   BENCH_EVENTS=5000 BENCH_DURATION=5 npm run bench -- ledger
 *
 * The server (`bench/lib/ledger-server.ts`) runs in a child process on a fresh database
 * `xinyi_bench_<random>` on DATABASE_URL (default: the local server over its Unix socket when
 * /var/run/postgresql has one, else
 * postgres://postgres@127.0.0.1:5432/test; the JSON names the transport),
 * dropped at the end. Any non-2xx fails the run. The last line is one JSON object.
 */
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { recordAudit } from '../src/ledger/ledger.service.js';
import type { DB } from '../src/platform/schema.js';
import { applicationRequests } from './lib/apply-requests.js';
import { benchAdminUrl, createBenchDatabase, transportOf } from './lib/bench-database.js';
import type { LedgerServerMessage, LedgerServerRequest } from './lib/ledger-server.js';

const SERVER = fileURLToPath(new URL('./lib/ledger-server.ts', import.meta.url));

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

const round = (value: number, places = 0) => Math.round(value * 10 ** places) / 10 ** places;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default async function main() {
  const duration = Number(process.env.BENCH_DURATION ?? 8);
  const borrowers = Number(process.env.BENCH_BORROWERS ?? 64);
  const writers = Number(process.env.BENCH_WRITERS ?? 64);
  const events = Number(process.env.BENCH_EVENTS ?? 20_000);
  const database = await createBenchDatabase(benchAdminUrl());
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'xinyi-bench-ledger-keys-'));
  const child = fork(SERVER, [], {
    execArgv: ['--import', 'tsx'],
    env: {
      ...process.env,
      DATABASE_URL: database.url,
      BENCH_BORROWERS: String(borrowers),
      LOGIN_RATE_LIMIT_PER_MINUTE: '10000',
      // The child generates its keys (the ledger signing key among them) here.
      DATA_DIR: dataDir,
    },
  });
  const pool = new pg.Pool({ connectionString: database.url, max: writers });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  const next = () =>
    new Promise<LedgerServerMessage>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`server exited with ${code}`));
      child.once('exit', onExit);
      child.once('message', (message: LedgerServerMessage) => {
        child.off('exit', onExit);
        if (message.type === 'error') reject(new Error(message.message));
        else resolve(message);
      });
    });
  const ask = async (request: LedgerServerRequest) => {
    const answer = next();
    child.send(request);
    const message = await answer;
    if (message.type !== 'done') throw new Error(`unexpected ${message.type}`);
    return message;
  };
  const treeSize = async () =>
    Number((await db.selectFrom('ledger_state').select('size').executeTakeFirstOrThrow()).size);
  const auditCount = async () =>
    Number(
      (
        await db
          .selectFrom('audit_events')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  /** `count` audit events by `writers` concurrent writers; events/s. */
  const append = async (count: number) => {
    let issued = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (issued < count) {
          const i = (issued += 1);
          await recordAudit(db, {
            actor: 'system',
            action: 'bench.ledger',
            subject: { kind: 'loan_application', id: randomUUID() },
            detail: { i, amountFen: String(50_000_000 + i), grade: 'B' },
            requestId: `bench-${i}`,
          });
        }
      }),
    );
    return count / ((performance.now() - started) / 1000);
  };

  try {
    console.log('preparing: demo data, profiles, scorecards, policy, product, borrowers …');
    const ready = await next();
    if (ready.type !== 'ready') throw new Error(`unexpected ${ready.type}`);
    console.log(`prepared: ${ready.size} leaves logged by the preparation`);

    // 1–2. Append with the sequencer off, then integrate the backlog.
    const appendPerS = await append(events);
    console.log(
      `append    ${writers} writers  ${round(appendPerS)} events/s (${events}, sequencer off)`,
    );
    const backlog = await ask({ type: 'sequence' });
    const sequencePerS = backlog.sequenced / (backlog.ms / 1000);
    console.log(
      `sequence  ${round(sequencePerS)} leaves/s (${backlog.sequenced} in ${round(backlog.ms)} ms, a checkpoint per 1000)`,
    );

    // 3. Both at once: the server's sequencer on its 1 s timer.
    await ask({ type: 'sequencer', on: true, intervalMs: 1000 });
    const target = (await treeSize()) + events;
    const bothStarted = performance.now();
    const concurrentAppendPerS = await append(events);
    while ((await treeSize()) < target) await sleep(20);
    const concurrentLeavesPerS = events / ((performance.now() - bothStarted) / 1000);
    await ask({ type: 'sequencer', on: false });
    console.log(
      `both      ${round(concurrentAppendPerS)} events/s appended, ${round(concurrentLeavesPerS)} leaves/s from first append to last leaf (timer 1 s)`,
    );

    // 4. Proofs over HTTP.
    const size = await treeSize();
    const base = `http://127.0.0.1:${ready.port}`;
    const random = (below: number) => Math.floor(Math.random() * below);
    const inclusion = await load({
      url: `${base}/ledger/proofs/inclusion`,
      connections: 64,
      duration,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            path: `/ledger/proofs/inclusion?index=${random(size)}`,
          }),
        },
      ],
    });
    const consistency = await load({
      url: `${base}/ledger/proofs/consistency`,
      connections: 64,
      duration,
      requests: [
        {
          method: 'GET',
          setupRequest: (request) => ({
            ...request,
            path: `/ledger/proofs/consistency?from=${1 + random(size - 1)}`,
          }),
        },
      ],
    });
    console.log(
      `proofs    inclusion ${round(inclusion.requests.average)}/s (p99 ${inclusion.latency.p99} ms), ` +
        `consistency ${round(consistency.requests.average)}/s (p99 ${consistency.latency.p99} ms), tree of ${size}`,
    );

    // 5. Decisions without and with the sequencer: off, on, on, off.
    const decide = () =>
      load({
        url: `${base}/loans/applications`,
        connections: borrowers,
        duration,
        requests: applicationRequests(ready.productId, ready.tokens),
      });
    const phases: Record<'on' | 'off', autocannon.Result[]> = { on: [], off: [] };
    const eventsBefore = await auditCount();
    for (const mode of ['off', 'on', 'on', 'off'] as const) {
      await ask({ type: 'sequence' });
      if (mode === 'on') await ask({ type: 'sequencer', on: true, intervalMs: 1000 });
      const result = await decide();
      if (mode === 'on') await ask({ type: 'sequencer', on: false });
      phases[mode].push(result);
      console.log(
        `decide    sequencer ${mode.padEnd(3)} ${round(result.requests.average)} decisions/s, p99 ${result.latency.p99} ms`,
      );
    }
    const decisions = [...phases.on, ...phases.off].reduce((n, r) => n + r.requests.total, 0);
    const eventsPerDecision = ((await auditCount()) - eventsBefore) / decisions;
    const rate = (results: autocannon.Result[]) =>
      results.reduce((n, r) => n + r.requests.total, 0) /
      results.reduce((s, r) => s + r.duration, 0);
    const p99 = (results: autocannon.Result[]) => Math.max(...results.map((r) => r.latency.p99));
    const withLedger = rate(phases.on);
    const without = rate(phases.off);
    console.log(
      `decide    ${round(withLedger)} decisions/s with the sequencer, ${round(without)} without ` +
        `(ratio ${round(withLedger / without, 3)}; ${round(eventsPerDecision, 1)} audit events per decision)`,
    );

    // 6. Verify the whole log.
    await ask({ type: 'sequence' });
    const verified = await ask({ type: 'verify' });
    const verifyPerS = verified.size / (verified.ms / 1000);
    console.log(
      `verify    ${round(verifyPerS)} leaves/s (${verified.size} leaves in ${round(verified.ms)} ms)`,
    );

    const figures = {
      bench: 'ledger',
      engine: 'postgres',
      transport: transportOf(benchAdminUrl()),
      writers,
      events,
      append_events_per_s: round(appendPerS),
      sequence_leaves_per_s: round(sequencePerS),
      concurrent_append_events_per_s: round(concurrentAppendPerS),
      concurrent_leaves_per_s: round(concurrentLeavesPerS),
      tree_size: size,
      inclusion_proofs_per_s: round(inclusion.requests.average),
      inclusion_p99_ms: inclusion.latency.p99,
      consistency_proofs_per_s: round(consistency.requests.average),
      consistency_p99_ms: consistency.latency.p99,
      verify_leaves_per_s: round(verifyPerS),
      borrowers,
      duration_s: duration,
      audit_events_per_decision: round(eventsPerDecision, 2),
      decisions_per_s: round(withLedger, 1),
      decisions_p99_ms: p99(phases.on),
      baseline: 'decisions without the ledger sequencer',
      baseline_decisions_per_s: round(without, 1),
      baseline_p99_ms: p99(phases.off),
      ratio: round(withLedger / without, 3),
    };
    console.log(JSON.stringify(figures));
  } finally {
    await db.destroy();
    if (child.connected) child.send({ type: 'close' } satisfies LedgerServerRequest);
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
    await database.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
