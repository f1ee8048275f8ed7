import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import type { Config } from '../platform/config.js';
import type { AppContext } from '../platform/context.js';
import { drainChanges } from '../api/workers.js';
import {
  DEMO_DATA_DEFAULTS,
  generateDemoFiles,
  seedDemoData,
  type DemoDataResult,
} from '../demo/seed-data.js';
import {
  demoState,
  recordDemoStage,
  withDemoSeedingLock,
  type DemoStage,
} from '../demo/demo-state.js';
import { DomainError } from '../platform/errors.js';
import { parseOutcomes, type Outcomes } from '../scoring/outcomes.js';
import { trainFromOutcomes, type OutcomeTraining } from '../scoring/training.service.js';
import { demoApplicants, seedDemoActivity, type DemoActivityResult } from '../demo/activity.js';
import { DEMO_SUBJECTS, seedDemo, type SeedResult } from '../demo/seed.js';
import { demoAccountsTable } from './print-demo.js';
import { startProgress, type ProgressOptions } from './progress.js';
import { action, CliError, withRuntime } from './run.js';

export interface DemoDataSize {
  readonly enterprises: number;
  readonly persons: number;
  readonly seed: string;
}

/** What the demo's stages did in this run; a stage done by an earlier run is null. */
export interface DemoStagesResult {
  readonly data: DemoDataResult | null;
  readonly training: OutcomeTraining | null;
  readonly activity: DemoActivityResult | null;
}

/**
 * Seeds the demo accounts (one transaction) and says which of the demo's later stages are
 * still to run: all of them on first start, some after an interrupted one, none after.
 */
export async function seedDemoAccounts(
  ctx: AppContext,
): Promise<{ accounts: SeedResult; pending: readonly DemoStage[] }> {
  const accounts = await seedDemo(ctx);
  return { accounts, pending: (await demoState(ctx.db)).pending };
}

/**
 * Runs the demo's stages not yet done, in order, recording each when it is: the generated
 * provider files are written to `DATA_DIR/demo-files` and ingested through the intake
 * pipeline, the profiles follow from the change feed; the demo scorecards are trained on
 * the generator's outcomes and activated, and everyone is scored; then the lending
 * history. A stage cut short runs again on the next call and repeats nothing (ingest
 * resumes a file, the history keeps what exists).
 */
export async function seedDemoStages(
  ctx: AppContext,
  config: Config,
  size: DemoDataSize,
  progress: ProgressOptions = {},
): Promise<DemoStagesResult> {
  return withDemoSeedingLock(ctx, async () => {
    // Read under the lock: another node may have run the stages while this one waited.
    const { pending } = await demoState(ctx.db);
    const dir = path.join(config.dataDir, 'demo-files');
    let data: DemoDataResult | null = null;
    let training: OutcomeTraining | null = null;
    let activity: DemoActivityResult | null = null;
    if (pending.includes('data')) {
      const bar = startProgress('demo data', 12, '{file}', progress);
      try {
        data = await seedDemoData(ctx, {
          ...size,
          dir,
          onFile: (done, _total, file) => bar.update(done, { file: file.file }),
        });
      } finally {
        bar.stop();
      }
      await applyChanges(ctx, 'profiles', progress);
      await recordDemoStage(ctx, 'data', {
        files: data.reports.length,
        accepted: data.reports.reduce((sum, r) => sum + r.report.accepted, 0),
      });
    }
    if (!pending.includes('scorecards') && !pending.includes('history')) {
      return { data, training, activity };
    }
    const manifest = data?.manifest ?? (await generateDemoFiles({ ...size, dir }));
    const outcomes = parseOutcomes(await readFile(path.join(dir, manifest.labels.file), 'utf8'));
    if (pending.includes('scorecards')) {
      training = await demoTraining(ctx, outcomes);
      await applyChanges(ctx, 'scores', progress);
      await recordDemoStage(ctx, 'scorecards', {
        models: [training?.enterprise, training?.person].flatMap((t) =>
          (t?.trained ?? []).map((m) => `${m.subjectKind}/${m.segment} v${m.version}`),
        ),
      });
    }
    if (pending.includes('history')) {
      const applicants = demoApplicants(
        outcomes,
        DEMO_SUBJECTS.persons.slice(1),
        DEMO_SUBJECTS.enterprises.map((e) => e.uscc),
      );
      const bar = startProgress('lending history', applicants.length, 'borrowers', progress);
      try {
        activity = await seedDemoActivity(ctx, applicants, (done) => bar.update(done, {}));
      } finally {
        bar.stop();
      }
      await applyChanges(ctx, 'lending', progress);
      await recordDemoStage(ctx, 'history', {
        applications: activity.applications,
        loans: activity.loans,
        objections: activity.objections,
      });
    }
    return { data, training, activity };
  });
}

/** The whole demo at once, as `xinyi demo seed` runs it: accounts, then the stages left. */
export async function seedWholeDemo(ctx: AppContext, config: Config, size: DemoDataSize) {
  const { accounts, pending } = await seedDemoAccounts(ctx);
  const stages = pending.length > 0 ? await seedDemoStages(ctx, config, size) : null;
  return { accounts, pending, ...(stages ?? { data: null, training: null, activity: null }) };
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
async function applyChanges(ctx: AppContext, label: string, options: ProgressOptions) {
  const progress = startProgress(label, 0, '{events} events', options);
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
          const { accounts, pending, data, training } = await seedWholeDemo(ctx, config, size);
          if (pending.length === 0) {
            console.log('demo data already present; nothing changed');
            return;
          }
          console.log(
            accounts.created
              ? 'demo data seeded'
              : `demo data seeded (resumed an interrupted seeding: ${pending.join(', ')})`,
          );
          for (const { file, report } of data?.reports ?? []) {
            console.log(
              `  ${file.category.padEnd(22)} read ${report.read} = accepted ${report.accepted} + unchanged ${report.unchanged} + quarantined ${report.quarantined}`,
            );
          }
          for (const line of trainingSummary(training)) console.log(line);
          if (accounts.providerApiKey) {
            console.log(`Demo provider API key (shown once): ${accounts.providerApiKey}`);
          }
          console.log(demoAccountsTable(`http://127.0.0.1:${config.port}`));
        }),
      ),
    );
  return demo;
}
