/**
 * The server under test of `bench/decide.ts`, in a child process (forked with the tsx loader)
 * so it does not share an event loop with the load generator. On a fresh PostgreSQL
 * database (DATABASE_URL, set by the parent) it prepares what a lender's first day needs:
 * migrations, the demo with its generated data, profiles and scorecards; bank A's default
 * policy published and an SME product on it; BENCH_BORROWERS enterprises of the demo data
 * each with a borrower account and a consent to bank A. Then it serves xinyi from
 * XINYI_HTTP_WORKERS worker processes, as `xinyi serve` does (`src/api/http-workers.ts`),
 * and a bare Fastify hello-world (the baseline) from itself, on 127.0.0.1, and reports
 * ports and tokens over IPC.
 */
import cluster from 'node:cluster';
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { isHttpWorker, serveAsWorker, startHttpWorkers } from '../../src/api/http-workers.js';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { openRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';

import { prepareLendingDay } from './lending-day.js';

export type DecideServerMessage =
  | {
      readonly type: 'ready';
      readonly xinyiPort: number;
      readonly baselinePort: number;
      readonly httpWorkers: number;
      /** This process and its HTTP workers, whose CPU time the bench reads. */
      readonly serverPids: number[];
      readonly productId: string;
      readonly tokens: string[];
    }
  | { readonly type: 'error'; readonly message: string };

const serverConfig = () => loadConfig({ ...process.env, LOG_LEVEL: 'silent' });

async function main() {
  if (!process.send)
    throw new Error('bench/lib/decide-server.ts must be forked by bench/decide.ts');
  const config = serverConfig();
  const runtime = await openRuntime(config);
  const { productId, logins } = await prepareLendingDay(
    runtime.ctx,
    Number(process.env.BENCH_BORROWERS ?? 64),
    'decide',
  );
  const app = await buildApp(runtime.ctx, { logLevel: 'silent' });
  const tokens: string[] = [];
  for (const login of logins) {
    const response = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { login, password: DEMO_PASSWORD },
    });
    tokens.push(response.json<{ token: string }>().token);
  }
  await app.close();
  // The workers read the port and the keys (written by openRuntime above) as `xinyi serve`'s
  // do; under node:cluster, port 0 gives them all the same free port.
  process.env.PORT = '0';
  process.env.HOST = '127.0.0.1';
  const workers = await startHttpWorkers(config.httpWorkers, null, (exit) => {
    throw new Error(`an HTTP worker exited during the bench: ${JSON.stringify(exit)}`);
  });
  const baseline = Fastify({ logger: false });
  baseline.get('/', async () => ({ hello: 'world' }));
  await baseline.listen({ host: '127.0.0.1', port: 0 });
  const message: DecideServerMessage = {
    type: 'ready',
    xinyiPort: workers.port,
    serverPids: [
      process.pid,
      ...Object.values(cluster.workers ?? {}).flatMap((worker) => worker?.process.pid ?? []),
    ],
    httpWorkers: config.httpWorkers,
    baselinePort: (baseline.server.address() as AddressInfo).port,
    productId,
    tokens,
  };
  process.send(message);
  process.on('message', () => {
    void (async () => {
      await baseline.close();
      await workers.stop();
      await runtime.database.close();
      process.exit(0);
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

const started = isHttpWorker() ? serveAsWorker(serverConfig()) : main();
started.catch((error: unknown) => {
  const message: DecideServerMessage = {
    type: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
  process.send?.(message);
  process.exit(1);
});
