import type { Command } from 'commander';
import { action, withRuntime } from './run.js';

export function registerDbMigrate(program: Command) {
  const db = program.command('db').description('database maintenance');
  db.command('migrate')
    .description('apply pending migrations from migrations/ (each in its own transaction)')
    .action(
      action(() =>
        withRuntime(async ({ migrations, database }) => {
          const applied = migrations?.applied ?? [];
          console.log(`engine: ${database.engine}`);
          for (const name of applied) console.log(`applied ${name}`);
          console.log(
            `${applied.length} applied, ${migrations?.alreadyApplied ?? 0} already up to date`,
          );
        }),
      ),
    );
}
