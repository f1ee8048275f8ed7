import type { Command } from 'commander';
import { drainChanges } from '../api/workers.js';
import { rescoreAll, type RescoreProgress } from '../scoring/scores.service.js';
import { startProgress, type Progress } from './progress.js';
import { action, CliError, withRuntime } from './run.js';

export function registerRescore(program: Command) {
  program
    .command('rescore')
    .description(
      'recompute profiles and scores: --all recomputes every profile (as of today) and scores everyone by the active models; without it, applies the pending change feed',
    )
    .option('--all', 'every subject, not only those with pending changes')
    .action(
      action((options: { all?: boolean }) =>
        withRuntime(async ({ ctx }) => {
          if (!options.all) {
            const events = await drainChanges(ctx);
            console.log(`applied ${events} pending changes`);
            return;
          }
          let progress: Progress | null = null;
          let stage = '';
          const result = await rescoreAll(ctx, (p: RescoreProgress) => {
            const label = `${p.stage} (${p.kind})`;
            if (label !== stage) {
              progress?.stop();
              progress = startProgress(label, p.total, '{done}/{total} subjects');
              stage = label;
            }
            progress?.update(p.done, { done: p.done, total: p.total });
          });
          (progress as Progress | null)?.stop();
          if (result.profiles === 0) throw new CliError('no subject has records; nothing to score');
          console.log(
            `profiles recomputed: ${result.profiles}; new scores stored: ${result.scores}`,
          );
        }),
      ),
    );
}
