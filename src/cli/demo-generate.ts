import type { Command } from 'commander';
import { generateDemoData, type GenerateProgress } from '../demo/generate/generate.js';
import {
  DEFAULT_AS_OF,
  DEFAULT_BAD_SHARE,
  DEFAULT_MONTHS,
  GenerateOptionError,
  resolveGenerateOptions,
  type RawGenerateOptions,
} from '../demo/generate/options.js';
import { startProgress, type Progress } from './progress.js';
import { action, CliError } from './run.js';

/**
 * `xinyi demo generate`: writes realistic provider files for every record category, with a
 * manifest and default labels, into a directory. Needs no database.
 *
 * @example
 * xinyi demo generate --enterprises 1000 --persons 3000 --seed 42 --out ./demo-data
 */
export function registerDemoGenerate(demo: Command) {
  demo
    .command('generate')
    .description(
      'write realistic provider files for all 12 categories, manifest.json and outcomes.csv (deterministic per seed)',
    )
    .requiredOption('--enterprises <n>', 'number of enterprises')
    .requiredOption('--persons <n>', 'number of persons')
    .requiredOption('--seed <seed>', 'seed: the same seed gives byte-identical files')
    .requiredOption('--out <dir>', 'directory to write to (created if missing)')
    .option(
      '--months <n>',
      'months of history before --as-of (at least 24)',
      String(DEFAULT_MONTHS),
    )
    .option(
      '--bad-share <share>',
      'share of deliberately bad records per file',
      String(DEFAULT_BAD_SHARE),
    )
    .option(
      '--as-of <YYYY-MM>',
      'observation month: history before it, labels for the 12 after',
      DEFAULT_AS_OF,
    )
    .action(
      action(
        async (raw: RawGenerateOptions) => {
          let options;
          try {
            options = resolveGenerateOptions(raw);
          } catch (error) {
            if (error instanceof GenerateOptionError) throw new CliError(error.message);
            throw error;
          }
          // The files never depend on the clock, but an ingest does: it refuses future dates.
          const thisMonth = new Date().toISOString().slice(0, 7);
          if (options.asOf > thisMonth) {
            process.stderr.write(
              `note: --as-of ${options.asOf} is after ${thisMonth}; ingesting now would refuse the latest records as dated in the future\n`,
            );
          }
          const started = performance.now();
          let progress: Progress | undefined;
          const onProgress = (update: GenerateProgress) => {
            progress ??= startProgress('generating', update.total, '{stage}');
            progress.update(update.completed, { stage: update.stage });
          };
          let result;
          try {
            result = await generateDemoData(options, onProgress);
          } finally {
            progress?.stop();
          }
          const { manifest } = result;
          const seconds = ((performance.now() - started) / 1000).toFixed(1);
          const rows = manifest.files.reduce((sum, file) => sum + file.rows, 0);
          const bad = manifest.files.reduce((sum, file) => sum + file.expectedBad.length, 0);
          console.log(
            `wrote ${manifest.files.length} provider files (${rows} records, ${bad} deliberately bad) to ${options.outDir} in ${seconds}s`,
          );
          for (const file of manifest.files) {
            console.log(
              `  ${file.file.padEnd(46)} ${file.format.padEnd(5)} ${file.encoding.padEnd(7)} ${String(file.rows).padStart(8)} rows`,
            );
          }
          const { labels } = manifest;
          console.log(
            `labels: ${labels.file} (default rate: enterprises ${(labels.enterpriseDefaultRate * 100).toFixed(1)}%, persons ${(labels.personDefaultRate * 100).toFixed(1)}%); manifest: manifest.json`,
          );
        },
        { exitWhenDone: false },
      ),
    );
}
