import type { Command } from 'commander';
import { seedDemo } from '../demo/seed.js';
import { demoAccountsTable } from './print-demo.js';
import { action, withRuntime } from './run.js';

export function registerDemoSeed(program: Command) {
  const demo = program.command('demo').description('demo data');
  demo
    .command('seed')
    .description('seed demo organisations, users, enterprises, persons and a consent (once)')
    .action(
      action(() =>
        withRuntime(async ({ ctx }, config) => {
          const result = await seedDemo(ctx);
          if (!result.created) {
            console.log('demo data already present; nothing changed');
            return;
          }
          console.log('demo data seeded');
          console.log(`Demo provider API key (shown once): ${result.providerApiKey}`);
          console.log(demoAccountsTable(`http://127.0.0.1:${config.port}`));
        }),
      ),
    );
}
