/**
 * HTTP worker processes for a node on PostgreSQL (`XINYI_HTTP_WORKERS`): the API runs on one
 * thread, so a node serves from one process per core. The main process migrates, seeds,
 * runs the background work (ledger sequencer, change worker, servicing sweep) and forks the
 * workers through `node:cluster`, which share its listening port; each worker opens its own
 * connection pool and serves the whole API. A worker that dies is replaced.
 */
import cluster, { type Worker } from 'node:cluster';
import type { DemoStatus } from '../platform/health.routes.js';
import { openRuntime } from '../platform/bootstrap.js';
import type { Config } from '../platform/config.js';
import { buildApp } from './app.js';

/** What the main process tells its workers. */
type ToWorker = { readonly type: 'demo'; readonly status: DemoStatus };

const DEMO_STATUS_ENV = 'XINYI_WORKER_DEMO_STATUS';

export const isHttpWorker = () => cluster.isWorker;

/**
 * In a worker: serves the API on the configured port until SIGTERM or SIGINT, or until
 * the main process disconnects; then closes the server and the pool and exits.
 */
export async function serveAsWorker(config: Config): Promise<void> {
  const { ctx, database } = await openRuntime(config, { migrate: false });
  const initial = process.env[DEMO_STATUS_ENV] as DemoStatus | undefined;
  let demoStatus = initial;
  process.on('message', (message: ToWorker) => {
    if (message.type === 'demo') demoStatus = message.status;
  });
  const app = await buildApp(ctx, initial ? { demoStatus: () => demoStatus ?? initial } : {});
  let closing = false;
  const close = async () => {
    if (closing) return;
    closing = true;
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void close());
  process.once('SIGINT', () => void close());
  process.once('disconnect', () => void close());
  await app.listen({ port: config.port, host: config.host });
}

export interface HttpWorkers {
  /** The port the workers share. */
  readonly port: number;
  /** Tells every worker, and those forked later, the demo's status. */
  setDemoStatus(status: DemoStatus): void;
  /** Stops every worker (each finishes its requests) and waits for them to exit. */
  stop(): Promise<void>;
}

/**
 * In the main process: forks `count` workers, resolves once all of them listen. A worker
 * that exits unasked is replaced, and `onReplaced` says so.
 */
export async function startHttpWorkers(
  count: number,
  demoStatus: DemoStatus | null,
  onReplaced: (exit: {
    worker: number | undefined;
    code: number | null;
    signal: string | null;
  }) => void,
): Promise<HttpWorkers> {
  let status = demoStatus;
  let started = false;
  let stopping = false;
  const fork = () => cluster.fork(status ? { [DEMO_STATUS_ENV]: status } : {});
  // Replaced only once all have listened: a worker that cannot start (the port is taken)
  // fails the start instead of being forked again and again.
  cluster.on('exit', (worker: Worker, code: number | null, signal: string | null) => {
    if (!started || stopping) return;
    onReplaced({ worker: worker.process.pid, code, signal });
    fork();
  });
  const listening = Array.from({ length: count }, () => {
    const worker = fork();
    return new Promise<number>((resolve, reject) => {
      worker.once('listening', (address) => resolve(address.port));
      worker.once('exit', (code) => reject(new Error(`an HTTP worker exited with ${code}`)));
    });
  });
  const stop = async () => {
    stopping = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.isDead()) return resolve();
            worker.once('exit', () => resolve());
            worker.process.kill('SIGTERM');
          }),
      ),
    );
  };
  let ports: number[];
  try {
    ports = await Promise.all(listening);
  } catch (error) {
    await stop();
    throw error;
  }
  started = true;
  return {
    port: ports[0] ?? 0,
    setDemoStatus(next) {
      status = next;
      for (const worker of Object.values(cluster.workers ?? {})) {
        if (worker?.isConnected()) worker.send({ type: 'demo', status: next } satisfies ToWorker);
      }
    },
    stop,
  };
}
