import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { drainChanges } from '../api/workers.js';
import { activateModel, modelSummaries } from '../scoring/models.service.js';
import { OutcomesError, parseOutcomes } from '../scoring/outcomes.js';
import { trainFromOutcomes } from '../scoring/training.service.js';
import { trainingSummary } from './demo-seed.js';
import { startProgress } from './progress.js';
import { action, CliError, withRuntime } from './run.js';

/** The platform's scorecards: trained on stored profiles and observed outcomes. */
export function registerScorecard(program: Command) {
  const scorecard = program
    .command('scorecard')
    .description("the platform's scorecards: train from outcomes, list, activate");

  scorecard
    .command('train')
    .description(
      'train a scorecard per segment from an outcomes CSV (uscc,person_id,defaulted) and the subjects\u2019 stored profiles',
    )
    .requiredOption('--outcomes <file>', 'CSV with the header uscc,person_id,defaulted')
    .option('--seed <n>', 'seed of the stratified train/test split', '20261125')
    .option('--test-share <share>', 'share held out for validation', '0.3')
    .option('--activate', 'make the new versions active (everyone is rescored)')
    .action(
      action((options: { outcomes: string; seed: string; testShare: string; activate?: boolean }) =>
        withRuntime(async ({ ctx }) => {
          const seed = Number(options.seed);
          const testShare = Number(options.testShare);
          if (!Number.isSafeInteger(seed)) throw new CliError('--seed must be an integer');
          if (!(testShare > 0 && testShare < 1)) {
            throw new CliError('--test-share must be between 0 and 1');
          }
          let text: string;
          try {
            text = await readFile(options.outcomes, 'utf8');
          } catch (error) {
            throw new CliError(`cannot read ${options.outcomes}: ${(error as Error).message}`);
          }
          let outcomes;
          try {
            outcomes = parseOutcomes(text);
          } catch (error) {
            if (error instanceof OutcomesError)
              throw new CliError(`${options.outcomes} ${error.message}`);
            throw error;
          }
          const progress = startProgress('training', 0, '{model}');
          let training;
          try {
            training = await trainFromOutcomes(
              ctx,
              'system',
              outcomes,
              { seed, testShare, activate: options.activate ?? false },
              (kind, segment) => progress.update(0, { model: `${kind}/${segment}` }),
            );
          } finally {
            progress.stop();
          }
          for (const line of trainingSummary(training)) console.log(line);
          if (options.activate) await drainChanges(ctx);
        }),
      ),
    );

  scorecard
    .command('list')
    .description('every scorecard version with its status and test AUC')
    .action(
      action(() =>
        withRuntime(async ({ ctx }) => {
          const models = await modelSummaries(ctx, {});
          for (const model of models) {
            const test = (model.metrics.validation as { test?: { auc: number } | null }).test;
            console.log(
              `${model.id}  ${model.subjectKind}/${model.segment} v${model.version}  ${model.status.padEnd(7)}  test AUC ${test ? test.auc.toFixed(3) : '–'}`,
            );
          }
        }),
      ),
    );

  scorecard
    .command('activate <id>')
    .description('make a trained version active for its segment (audited); everyone is rescored')
    .action(
      action((id: string) =>
        withRuntime(async ({ ctx }) => {
          const model = await activateModel(ctx, 'system', id);
          await drainChanges(ctx);
          console.log(`${model.subjectKind}/${model.segment} v${model.version} is active`);
        }),
      ),
    );
}
