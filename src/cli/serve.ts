import type { AddressInfo } from 'node:net';
import type { Command } from 'commander';
import type { FastifyBaseLogger } from 'fastify';
import { buildApp } from '../api/app.js';
import {
  isHttpWorker,
  serveAsWorker,
  startHttpWorkers,
  type HttpWorkers,
} from '../api/http-workers.js';
import { startChangeWorker, startServicingTimer } from '../api/workers.js';
import { DEMO_DATA_DEFAULTS } from '../demo/seed-data.js';
import type { DemoStage } from '../demo/demo-state.js';
import { startLedgerSequencer } from '../ledger/sequencer.js';
import { seedDemoAccounts, seedDemoStages, trainingSummary } from './demo-seed.js';
import { openRuntime } from '../platform/bootstrap.js';
import type { AppContext } from '../platform/context.js';
import { loadConfig, type Config } from '../platform/config.js';
import { createLogger } from '../platform/logging.js';
import type { DemoStatus } from '../platform/health.routes.js';
import { demoAccountsTable } from './print-demo.js';
import { action } from './run.js';

const STAGE_NAMES: Record<DemoStage, string> = {
  data: 'provider data',
  scorecards: 'scorecards',
  history: 'lending history',
};

/**
 * The demo's stages after the server listens. Its failure does not stop the server (the
 * platform works without the demo data) but is reported loudly, and the stages not done are
 * left for the next start to resume.
 */
async function seedInBackground(ctx: AppContext, pending: readonly DemoStage[], resumed: boolean) {
  const started = performance.now();
  console.log(
    `xinyi: ${resumed ? 'resuming an interrupted demo seeding' : 'seeding the demo'} in the background: ${pending.map((s) => STAGE_NAMES[s]).join(', ')} (GET /healthz shows "demo": "seeding" until done)`,
  );
  const { data, training, activity } = await seedDemoStages(ctx, ctx.config, DEMO_DATA_DEFAULTS, {
    besideLog: true,
  });
  if (data) {
    const records = data.reports.reduce((sum, r) => sum + r.report.accepted, 0);
    console.log(`xinyi: demo data seeded (${records} provider records ingested)`);
  }
  for (const line of trainingSummary(training)) console.log(line);
  if (activity) {
    console.log(
      `xinyi: demo lending history: ${activity.applications} applications, ${activity.loans} loans, ${activity.objections} objections`,
    );
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(0);
  console.log(`xinyi: demo ready (seeded in the background in ${seconds} s)`);
}

/** Where the API is served from: this process, or HTTP worker processes. */
interface Front {
  readonly log: FastifyBaseLogger;
  /** Starts serving; the port. */
  listen(): Promise<number>;
  demoStatusChanged(status: DemoStatus): void;
  close(): Promise<void>;
}

async function singleProcessFront(
  ctx: AppContext,
  demoStatus: (() => DemoStatus) | null,
): Promise<Front> {
  const app = await buildApp(ctx, demoStatus ? { demoStatus } : {});
  return {
    log: app.log,
    listen: async () => {
      await app.listen({ port: ctx.config.port, host: ctx.config.host });
      return (app.server.address() as AddressInfo).port;
    },
    demoStatusChanged: () => undefined,
    close: () => app.close(),
  };
}

function workersFront(config: Config, demoStatus: DemoStatus | null): Front {
  const log = createLogger(config.logLevel);
  let workers: HttpWorkers | null = null;
  return {
    log,
    listen: async () => {
      workers = await startHttpWorkers(config.httpWorkers, demoStatus, (exit) =>
        log.error(exit, 'an HTTP worker exited; a new one replaces it'),
      );
      return workers.port;
    },
    demoStatusChanged: (status) => workers?.setDemoStatus(status),
    close: async () => workers?.stop(),
  };
}

export function registerServe(program: Command) {
  program
    .command('serve')
    .description(
      'start the HTTP server (migrates the database; seeds the demo accounts on first start before listening, and the demo data in the background)',
    )
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .action(
      action(
        async (options: { port?: string }) => {
          const config = loadConfig(
            options.port ? { ...process.env, PORT: options.port } : process.env,
          );
          if (isHttpWorker()) return serveAsWorker(config);
          const { ctx, database, migrations } = await openRuntime(config);
          const where =
            database.engine === 'pglite'
              ? `PGlite in ${config.dataDir}`
              : 'PostgreSQL (DATABASE_URL)';
          console.log(
            `xinyi: database ${where}; migrations applied: ${migrations?.applied.length ?? 0}`,
          );
          // The accounts come before listening, so that anyone who sees the server up can
          // sign in; the data, scorecards and history (most of a first start) come after.
          const demo = config.seedDemo ? await seedDemoAccounts(ctx) : null;
          let demoStatus: DemoStatus = demo && demo.pending.length > 0 ? 'seeding' : 'ready';
          const front =
            config.httpWorkers > 1
              ? workersFront(config, demo ? demoStatus : null)
              : await singleProcessFront(ctx, demo ? () => demoStatus : null);
          const setDemoStatus = (status: DemoStatus) => {
            demoStatus = status;
            front.demoStatusChanged(status);
          };
          const ledger = startLedgerSequencer(ctx, (error) =>
            front.log.error({ err: error }, 'ledger sequencer failed; retrying'),
          );
          // The change worker and the servicing sweep start once the demo is seeded, as they
          // did when it was seeded before listening: the seeding drains the change feed
          // itself between its stages and trains on the profiles it drained, which a worker
          // taking events at the same time (SKIP LOCKED on PostgreSQL) would cut short.
          let worker: ReturnType<typeof startChangeWorker> | null = null;
          let servicing: ReturnType<typeof startServicingTimer> | null = null;
          const startWorkers = () => {
            worker = startChangeWorker(ctx, (error) =>
              front.log.error({ err: error }, 'change worker failed; retrying'),
            );
            servicing = startServicingTimer(ctx, (error) =>
              front.log.error({ err: error }, 'servicing sweep failed; retrying'),
            );
          };
          let closing = false;
          const close = async () => {
            closing = true;
            if (demoStatus === 'seeding') {
              console.log('xinyi: demo seeding interrupted; the next start resumes it');
            }
            await ledger.stop();
            await servicing?.stop();
            await worker?.stop();
            await front.close();
            // A pool waits for the seeding's connections, which would hold the exit until the
            // seeding ends; exiting cuts them, and PostgreSQL rolls back their open work and
            // frees the seeding lock. PGlite is closed so that its files are left whole.
            if (demoStatus !== 'seeding' || database.engine === 'pglite') await database.close();
            process.exit(0);
          };
          process.once('SIGINT', () => void close());
          process.once('SIGTERM', () => void close());
          const port = await front.listen();
          const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
          const baseUrl = `http://${shownHost}:${port}`;
          if (demo?.accounts.providerApiKey) {
            console.log(
              `Demo provider API key (shown once) / 演示数据提供方密钥: ${demo.accounts.providerApiKey}`,
            );
          }
          if (demo) console.log(demoAccountsTable(baseUrl));
          console.log(
            `xinyi: listening on ${baseUrl}` +
              (config.httpWorkers > 1 ? ` (${config.httpWorkers} HTTP worker processes)` : ''),
          );
          if (!demo || demo.pending.length === 0) {
            startWorkers();
            return;
          }
          seedInBackground(ctx, demo.pending, !demo.accounts.created).then(
            () => {
              setDemoStatus('ready');
              startWorkers();
            },
            (error: unknown) => {
              // Closing the database under the seeding fails it; that is no failure to report.
              if (closing) return;
              setDemoStatus('failed');
              front.log.error({ err: error }, 'demo seeding failed');
              console.error(
                [
                  '',
                  '*** xinyi: DEMO SEEDING FAILED / 演示数据初始化失败 ***',
                  `*** ${error instanceof Error ? error.message : String(error)}`,
                  '*** The server goes on without the rest of the demo data; the next start',
                  '*** resumes the seeding where it stopped (or run `xinyi demo seed`).',
                  '',
                ].join('\n'),
              );
              startWorkers();
            },
          );
        },
        { exitWhenDone: false },
      ),
    );
}
