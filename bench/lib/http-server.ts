/**
 * The servers under test of `bench/http.ts`, run in a child process (forked with the tsx
 * loader) so that they do not share an event loop with the load generator.
 *
 * Starts, on 127.0.0.1 and ports chosen by the system:
 * - xinyi itself, the way `xinyi serve` starts it: configuration from the environment
 *   (the parent sets DATA_DIR to a temporary directory, DATABASE_URL to a fresh database or
 *   empty for PGlite, LOG_LEVEL=silent), `openRuntime` (keys, database, migrations), the demo
 *   seed and `buildApp`;
 * - a bare Fastify hello-world (`GET /` → `{ hello: 'world' }`), the baseline.
 *
 * Then reports `ready` over IPC and serves until the parent sends `close` (or goes away).
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../../src/api/app.js';
import { seedDemo } from '../../src/demo/seed.js';
import { openRuntime, type Runtime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';

const LOOPBACK = '127.0.0.1';

/** Child → parent. */
export type ServerMessage =
  | {
      readonly type: 'ready';
      readonly engine: string;
      readonly xinyiPort: number;
      readonly baselinePort: number;
    }
  | { readonly type: 'error'; readonly message: string };

/** Parent → child. */
export interface CloseMessage {
  readonly type: 'close';
}

function send(message: ServerMessage) {
  // With a callback, a channel the parent already closed is not an uncaught 'error' event.
  if (process.connected) process.send?.(message, undefined, {}, () => undefined);
}

function portOf(app: FastifyInstance): number {
  return (app.server.address() as AddressInfo).port;
}

async function startBaseline(): Promise<FastifyInstance> {
  const app = Fastify({ logger: false });
  app.get('/', async () => ({ hello: 'world' }));
  await app.listen({ host: LOOPBACK, port: 0 });
  return app;
}

async function main() {
  if (!process.send) throw new Error('bench/lib/http-server.ts must be forked by bench/http.ts');
  const config = loadConfig({ ...process.env, HOST: LOOPBACK, PORT: '0', LOG_LEVEL: 'silent' });
  const closers: (() => Promise<void>)[] = [];
  let closing: Promise<void> | null = null;
  const close = () => {
    closing ??= (async () => {
      for (const closer of closers.reverse()) {
        try {
          await closer();
        } catch (error) {
          console.error('bench server: close failed:', error);
          process.exitCode = 1;
        }
      }
      if (process.connected) process.disconnect();
      // PGlite 0.4.6 leaves an Emscripten timer behind after close(): 10 s on a new data
      // directory, re-armed for ever on a reopened one. Do not wait for it.
      process.exit();
    })();
    return closing;
  };
  // A close asked for while starting is carried out between the steps of the start.
  let started = false;
  let stopRequested = false;
  const requestStop = () => {
    stopRequested = true;
    if (started) void close();
  };
  process.on('message', (message: CloseMessage) => {
    if (message.type === 'close') requestStop();
  });
  // The parent went away without saying so: do not outlive it.
  process.once('disconnect', requestStop);

  try {
    const runtime: Runtime = await openRuntime(config);
    closers.push(() => runtime.database.close());
    if (stopRequested) return await close();
    await seedDemo(runtime.ctx);
    if (stopRequested) return await close();
    const app = await buildApp(runtime.ctx, { logLevel: 'silent' });
    closers.push(() => app.close());
    await app.listen({ host: config.host, port: config.port });
    const baseline = await startBaseline();
    closers.push(() => baseline.close());
    if (stopRequested) return await close();
    started = true;
    send({
      type: 'ready',
      engine: runtime.ctx.engine,
      xinyiPort: portOf(app),
      baselinePort: portOf(baseline),
    });
  } catch (error) {
    send({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    process.exitCode = 1;
    await close();
  }
}

await main();
