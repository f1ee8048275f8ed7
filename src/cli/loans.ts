import type { Command } from 'commander';
import { sweepServicing } from '../api/workers.js';
import { action, withRuntime } from './run.js';

export function registerLoans(program: Command) {
  const loans = program.command('loans').description('loan servicing');
  loans
    .command('sweep')
    .description(
      'verify again applications that waited for a data source, expire lapsed offers and send instalment notices (due soon, overdue) now; a server node does this every SERVICING_SWEEP_MINUTES',
    )
    .action(
      action(() =>
        withRuntime(async ({ ctx }) => {
          const { reverified, expired, notices } = await sweepServicing(ctx);
          console.log(
            `applications decided after a source came back: ${reverified}; offers expired: ${expired}; instalment notices sent: ${notices}`,
          );
        }),
      ),
    );
}
