import type { Command } from 'commander';
import { replayDecision } from '../loans/replay.service.js';
import { action, CliError, withRuntime } from './run.js';

export function registerDecision(program: Command) {
  const decision = program.command('decision').description('stored loan decisions');
  decision
    .command('replay <id>')
    .description(
      're-run a decision from its snapshot with the versions it names; exit 1 if anything differs',
    )
    .action(
      action((id: string) =>
        withRuntime(async ({ ctx }) => {
          const report = await replayDecision(ctx, id);
          console.log(JSON.stringify(report, null, 2));
          if (!report.identical) throw new CliError(`decision ${id} does not replay identically`);
          console.log(`decision ${id} replays identically: ${report.replayed.outcome}`);
        }),
      ),
    );
}
