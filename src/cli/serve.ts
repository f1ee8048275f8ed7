import type { Command } from 'commander';
import { buildApp } from '../api/app.js';
import { startChangeWorker, startServicingTimer } from '../api/workers.js';
import { DEMO_DATA_DEFAULTS } from '../demo/seed-data.js';
import { startLedgerSequencer } from '../ledger/sequencer.js';
import { seedWholeDemo, trainingSummary } from './demo-seed.js';
import { openRuntime } from '../platform/bootstrap.js';
import { loadConfig } from '../platform/config.js';
import { demoAccountsTable } from './print-demo.js';
import { action } from './run.js';

export function registerServe(program: Command) {
  program
    .command('serve')
    .description('start the HTTP server (migrates the database; seeds the demo on first start)')
    .option('-p, --port <port>', 'port to listen on (default: PORT or 3000)')
    .action(
      action(
        async (options: { port?: string }) => {
          const config = loadConfig(
            options.port ? { ...process.env, PORT: options.port } : process.env,
          );
          const { ctx, database, migrations } = await openRuntime(config);
          const where =
            database.engine === 'pglite'
              ? `PGlite in ${config.dataDir}`
              : 'PostgreSQL (DATABASE_URL)';
          console.log(
            `xinyi: database ${where}; migrations applied: ${migrations?.applied.length ?? 0}`,
          );
          if (config.seedDemo) {
            const { accounts, data, training, activity } = await seedWholeDemo(
              ctx,
              config,
              DEMO_DATA_DEFAULTS,
            );
            if (accounts.created) {
              const records = data?.reports.reduce((sum, r) => sum + r.report.accepted, 0) ?? 0;
              console.log(`xinyi: demo data seeded (${records} provider records ingested)`);
              for (const line of trainingSummary(training)) console.log(line);
              if (activity) {
                console.log(
                  `xinyi: demo lending history: ${activity.applications} applications, ${activity.loans} loans, ${activity.objections} objections`,
                );
              }
              console.log(
                `Demo provider API key (shown once) / 演示数据提供方密钥: ${accounts.providerApiKey}`,
              );
            }
          }
          const app = await buildApp(ctx);
          const worker = startChangeWorker(ctx, (error) =>
            app.log.error({ err: error }, 'change worker failed; retrying'),
          );
          const servicing = startServicingTimer(ctx, (error) =>
            app.log.error({ err: error }, 'servicing sweep failed; retrying'),
          );
          const ledger = startLedgerSequencer(ctx, (error) =>
            app.log.error({ err: error }, 'ledger sequencer failed; retrying'),
          );
          const close = async () => {
            await ledger.stop();
            await servicing.stop();
            await worker.stop();
            await app.close();
            await database.close();
            process.exit(0);
          };
          process.once('SIGINT', () => void close());
          process.once('SIGTERM', () => void close());
          await app.listen({ port: config.port, host: config.host });
          const shownHost = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
          const baseUrl = `http://${shownHost}:${config.port}`;
          if (config.seedDemo) console.log(demoAccountsTable(baseUrl));
          console.log(`xinyi: listening on ${baseUrl}`);
        },
        { exitWhenDone: false },
      ),
    );
}
