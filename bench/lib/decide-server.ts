/**
 * The server under test of `bench/decide.ts`, in a child process (forked with the tsx loader)
 * so it does not share an event loop with the load generator. On a fresh PostgreSQL
 * database (DATABASE_URL, set by the parent) it prepares what a lender's first day needs:
 * migrations, the demo with its generated data, profiles and scorecards; bank A's default
 * policy published and an SME product on it; BENCH_BORROWERS enterprises of the demo data
 * each with a borrower account and a consent to bank A. Then it serves xinyi and a bare
 * Fastify hello-world (the baseline) on 127.0.0.1 and reports ports and tokens over IPC.
 */
import type { AddressInfo } from 'node:net';
import Fastify from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { openRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';

import { prepareLendingDay } from './lending-day.js';

export type DecideServerMessage =
  | {
      readonly type: 'ready';
      readonly xinyiPort: number;
      readonly baselinePort: number;
      readonly productId: string;
      readonly tokens: string[];
    }
  | { readonly type: 'error'; readonly message: string };

async function main() {
  if (!process.send)
    throw new Error('bench/lib/decide-server.ts must be forked by bench/decide.ts');
  const runtime = await openRuntime(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
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
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseline = Fastify({ logger: false });
  baseline.get('/', async () => ({ hello: 'world' }));
  await baseline.listen({ host: '127.0.0.1', port: 0 });
  const message: DecideServerMessage = {
    type: 'ready',
    xinyiPort: (app.server.address() as AddressInfo).port,
    baselinePort: (baseline.server.address() as AddressInfo).port,
    productId,
    tokens,
  };
  process.send(message);
  process.on('message', () => {
    void (async () => {
      await baseline.close();
      await app.close();
      await runtime.database.close();
      process.exit(0);
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  const message: DecideServerMessage = {
    type: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
  process.send?.(message);
  process.exit(1);
});
