/**
 * The server under test of `bench/ledger.ts`, in a child process (forked with the tsx
 * loader), as a server node runs: xinyi's HTTP API and — when the parent says so — the
 * ledger sequencer on its timer (`startLedgerSequencer`, as `xinyi serve` starts it), in the
 * same process and pool. On a fresh PostgreSQL database (DATABASE_URL) it prepares what
 * `bench/lib/decide-server.ts` prepares (demo data, profiles, scorecards, bank A's policy
 * and an SME product, BENCH_BORROWERS borrowers with consent), then integrates everything
 * those steps logged, so that each phase starts from an empty queue.
 *
 * Messages from the parent: `sequencer` (on/off, with an interval), `sequence` (integrate the
 * whole queue now, timed), `verify` (`verifyStoredLog`, timed), `close`. Each is answered
 * once it is done.
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../src/api/app.js';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { sequenceLedger, startLedgerSequencer } from '../../src/ledger/sequencer.js';
import { verifyStoredLog } from '../../src/ledger/verify.js';
import { openRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';

import { prepareLendingDay } from './lending-day.js';

export type LedgerServerRequest =
  | { readonly type: 'sequencer'; readonly on: boolean; readonly intervalMs?: number }
  | { readonly type: 'sequence' }
  | { readonly type: 'verify' }
  | { readonly type: 'close' };

export type LedgerServerMessage =
  | {
      readonly type: 'ready';
      readonly port: number;
      readonly productId: string;
      readonly tokens: string[];
      /** Tree size once the preparation's own events are integrated. */
      readonly size: number;
    }
  | {
      readonly type: 'done';
      readonly sequenced: number;
      readonly size: number;
      readonly ms: number;
    }
  | { readonly type: 'error'; readonly message: string };

async function main() {
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench/lib/ledger-server.ts must be forked by bench/ledger.ts');
  const runtime = await openRuntime(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
  const { ctx } = runtime;
  const { productId, logins } = await prepareLendingDay(
    ctx,
    Number(process.env.BENCH_BORROWERS ?? 64),
    'ledger',
  );
  const app = await buildApp(ctx, { logLevel: 'silent' });
  const tokens: string[] = [];
  for (const login of logins) {
    const response = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { login, password: DEMO_PASSWORD },
    });
    tokens.push(response.json<{ token: string }>().token);
  }
  const { size } = await sequenceLedger(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const reply = (message: LedgerServerMessage) => send(message);
  reply({
    type: 'ready',
    port: (app.server.address() as AddressInfo).port,
    productId,
    tokens,
    size,
  });

  let sequencer: { stop(): Promise<void> } | null = null;
  const handle = async (request: LedgerServerRequest) => {
    if (request.type === 'sequencer') {
      await sequencer?.stop();
      sequencer = request.on
        ? startLedgerSequencer(
            ctx,
            (error) => console.error('ledger sequencer:', error),
            request.intervalMs,
          )
        : null;
      return { type: 'done', sequenced: 0, size: 0, ms: 0 } as const;
    }
    if (request.type === 'verify') {
      const started = performance.now();
      const report = await verifyStoredLog(ctx);
      return {
        type: 'done',
        sequenced: 0,
        size: report.size,
        ms: performance.now() - started,
      } as const;
    }
    if (request.type === 'sequence') {
      const started = performance.now();
      const result = await sequenceLedger(ctx);
      return { type: 'done', ...result, ms: performance.now() - started } as const;
    }
    await sequencer?.stop();
    await app.close();
    await runtime.database.close();
    process.exit(0);
  };
  process.on('message', (request: LedgerServerRequest) => {
    handle(request).then(reply, (error: unknown) =>
      reply({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  const message: LedgerServerMessage = {
    type: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
  process.send?.(message);
  process.exit(1);
});
