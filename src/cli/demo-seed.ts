import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { drainChanges } from '../api/workers.js';
import { DEMO_DATA_DEFAULTS, seedDemoData } from '../demo/seed-data.js';
import { DomainError } from '../platform/errors.js';
import { parseOutcomes, type Outcomes } from '../scoring/outcomes.js';
import { trainFromOutcomes, type OutcomeTraining } from '../scoring/training.service.js';
import { demoApplicants, seedDemoActivity } from '../demo/activity.js';
import { DEMO_SUBJECTS, seedDemo } from '../demo/seed.js';
import { demoAccountsTable } from './print-demo.js';
import { startProgress } from './progress.js';
import { action, CliError, withRuntime } from './run.js';

export interface DemoDataSize {
  readonly enterprises: number;
  readonly persons: number;
  readonly seed: string;
}

/**
 * Seeds the demo accounts and, the first time, its generated provider data: the files are
 * written to `DATA_DIR/demo-files` and ingested through the intake pipeline; the profiles
 * follow from the change feed, the demo scorecards are trained on the generator's outcomes
 * and activated, and everyone is scored.
 */
export async function seedWholeDemo(ctx: AppContext, config: Config, size: DemoDataSize) {
  const accounts = await seedDemo(ctx);
  if (!accounts.created) return { accounts, data: null, training: null, activity: null };
  const dir = path.join(config.dataDir, 'demo-files');
  const progress = startProgress('demo data', 12, '{file}');
  let data;
  try {
    data = await seedDemoData(ctx, {
      ...size,
      dir,
      onFile: (done, _total, file) => progress.update(done, { file: file.file }),
    });
  } finally {
    progress.stop();
  }
  await applyChanges(ctx, 'profiles');
  const outcomes = parseOutcomes(await readFile(path.join(dir, data.manifest.labels.file), 'utf8'));
  const training = await demoTraining(ctx, outcomes);
  await applyChanges(ctx, 'scores');
  const activity = await seedDemoActivity(
    ctx,
    demoApplicants(
      outcomes,
      DEMO_SUBJECTS.persons.slice(1),
      DEMO_SUBJECTS.enterprises.map((e) => e.uscc),
    ),
  );
  await applyChanges(ctx, 'lending');
  return { accounts, data, training, activity };
}

/** The demo's scorecards; a demo too small to train one is still a demo, without scores. */
async function demoTraining(ctx: AppContext, outcomes: Outcomes): Promise<OutcomeTraining | null> {
  try {
    return await trainFromOutcomes(ctx, 'system', outcomes, { activate: true });
  } catch (error) {
    if (error instanceof DomainError && error.code === 'TRAINING_FAILED') {
      console.log(`xinyi: no demo scorecard (${String(error.params.detail)})`);
      return null;
    }
    throw error;
  }
}

/** Applies the pending change feed with a progress line (events, not subjects). */
async function applyChanges(ctx: AppContext, label: string) {
  const progress = startProgress(label, 0, '{events} events');
  let events = 0;
  try {
    await drainChanges(ctx, (delivered) => {
      events += delivered;
      progress.update(0, { events });
    });
  } finally {
    progress.stop();
  }
}

/** One line per trained model: segment, version, test AUC. */
export function trainingSummary(training: OutcomeTraining | null): string[] {
  if (!training) return [];
  return [training.enterprise, training.person].flatMap((outcome) => [
    ...(outcome?.trained ?? []).map((model) => {
      const validation = model.metrics.validation as { test?: { auc: number } | null };
      const auc = validation.test?.auc;
      return `  scorecard ${model.subjectKind}/${model.segment} v${model.version} ${model.status}, test AUC ${auc === undefined ? '–' : auc.toFixed(3)}`;
    }),
    ...(outcome?.skipped ?? []).map(
      (skip) => `  scorecard segment ${skip.segment}: general model (${skip.reason})`,
    ),
  ]);
}

function positive(name: string, raw: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw new CliError(`${name} must be a whole number from 1 to 1000000`);
  }
  return value;
}

export function registerDemoSeed(program: Command): Command {
  const demo = program.command('demo').description('demo data');
  demo
    .command('seed')
    .description(
      'seed the demo once: organisations, a user of every role, enterprises, persons, a consent, and generated provider files for all 12 categories ingested through the intake pipeline',
    )
    .option(
      '--enterprises <n>',
      'enterprises in the generated data',
      String(DEMO_DATA_DEFAULTS.enterprises),
    )
    .option('--persons <n>', 'persons in the generated data', String(DEMO_DATA_DEFAULTS.persons))
    .option('--seed <seed>', 'generator seed', DEMO_DATA_DEFAULTS.seed)
    .action(
      action((options: { enterprises: string; persons: string; seed: string }) =>
        withRuntime(async ({ ctx }, config) => {
          const size = {
            enterprises: positive('--enterprises', options.enterprises),
            persons: positive('--persons', options.persons),
            seed: options.seed,
          };
          const { accounts, data, training } = await seedWholeDemo(ctx, config, size);
          if (!accounts.created) {
            console.log('demo data already present; nothing changed');
            return;
          }
          console.log('demo data seeded');
          for (const { file, report } of data?.reports ?? []) {
            console.log(
              `  ${file.category.padEnd(22)} read ${report.read} = accepted ${report.accepted} + unchanged ${report.unchanged} + quarantined ${report.quarantined}`,
            );
          }
          for (const line of trainingSummary(training)) console.log(line);
          console.log(`Demo provider API key (shown once): ${accounts.providerApiKey}`);
          console.log(demoAccountsTable(`http://127.0.0.1:${config.port}`));
        }),
      ),
    );
  return demo;
}
