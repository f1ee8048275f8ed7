/**
 * Options shared by the `xinyi model` commands: how to read the table, the training
 * settings, and a progress bar over reading the file (twice) and the stages after it.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import type { TrainOptions } from '../scoring/scorecard.js';
import { DELIMITER_NAMES, type ReadTableOptions } from '../scoring/tabular.js';
import { startProgress } from './progress.js';
import { CliError } from './run.js';

export interface ReadFlags {
  header?: boolean;
  delimiter?: string;
}

/** Adds --header / --no-header and --delimiter to a command. */
export function withReadFlags(command: Command): Command {
  return command
    .option('--header', 'the first line names the columns (default: detected)')
    .option('--no-header', 'the first line is data; columns are named V1..Vn')
    .option('--delimiter <name>', 'comma, tab, semicolon or whitespace (default: detected)');
}

export function readOptions(flags: ReadFlags): Pick<ReadTableOptions, 'header' | 'delimiter'> {
  const options: { header?: boolean; delimiter?: ReadTableOptions['delimiter'] } = {};
  if (flags.header !== undefined) options.header = flags.header;
  if (flags.delimiter !== undefined) {
    const delimiter = DELIMITER_NAMES[flags.delimiter];
    if (!delimiter) throw new CliError('--delimiter must be comma, tab, semicolon or whitespace');
    options.delimiter = delimiter;
  }
  return options;
}

export interface TrainingFlags {
  maxBins?: string;
  minBinShare?: string;
  minIv?: string;
  maxCorrelation?: string;
  monotonic?: string;
}

function numberFlag(raw: string | undefined, name: string, valid: (value: number) => boolean) {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (raw.trim() === '' || !valid(value)) throw new CliError(`${name} cannot be ${raw}`);
  return value;
}

/** Only the settings given: the rest are the scorecard library's own defaults. */
export function trainingOptions(flags: TrainingFlags): TrainOptions {
  const maxBins = numberFlag(flags.maxBins, '--max-bins', (v) => Number.isInteger(v) && v >= 2);
  const minBinShare = numberFlag(flags.minBinShare, '--min-bin-share', (v) => v >= 0 && v < 0.5);
  const minIv = numberFlag(flags.minIv, '--min-iv', (v) => v >= 0 && Number.isFinite(v));
  const maxCorrelation = numberFlag(
    flags.maxCorrelation,
    '--max-correlation',
    (v) => v > 0 && v <= 1,
  );
  const monotonic = flags.monotonic;
  if (monotonic !== undefined && monotonic !== 'auto' && monotonic !== 'none') {
    throw new CliError('--monotonic must be auto or none');
  }
  return {
    binning: {
      ...(maxBins === undefined ? {} : { maxBins }),
      ...(minBinShare === undefined ? {} : { minBinShare }),
      ...(monotonic === undefined ? {} : { monotonic }),
    },
    selection: {
      ...(minIv === undefined ? {} : { minIv }),
      ...(maxCorrelation === undefined ? {} : { maxCorrelation }),
    },
  };
}

/** Refuses a destination whose directory is missing before the long work, not after it. */
export function checkOutput(file: string, flag: string) {
  const dir = path.dirname(path.resolve(file));
  let isDirectory: boolean;
  try {
    isDirectory = statSync(dir).isDirectory();
  } catch {
    isDirectory = false;
  }
  if (!isDirectory) throw new CliError(`${flag} ${file}: the directory ${dir} does not exist`);
}

export interface StagedProgress {
  /** For readTableFile's onProgress. */
  readonly reading: (pass: 1 | 2, bytes: number) => void;
  /** A stage after reading, and how far the whole command is at its start (0 to 1). */
  stage(name: string, at: number): void;
  stop(): void;
}

const READING_SHARE = 0.5;

/**
 * One bar for the whole command, in thousandths: reading takes the first half (each pass a
 * quarter), later stages are placed by the caller.
 */
export function stagedProgress(label: string, file: string): StagedProgress {
  let size = 1;
  try {
    size = Math.max(statSync(file).size, 1);
  } catch {
    // readTableFile reports the unreadable file.
  }
  const progress = startProgress(label, 1000, '{stage}');
  let lastUpdate = 0;
  return {
    reading: (pass, bytes) => {
      const now = Date.now();
      if (now - lastUpdate < 100) return;
      lastUpdate = now;
      const done = ((pass - 1 + Math.min(bytes / size, 1)) / 2) * READING_SHARE;
      const mb = (bytes / 1024 / 1024).toFixed(0);
      progress.update(Math.round(done * 1000), { stage: `reading (pass ${pass} of 2) ${mb} MB` });
    },
    stage: (name, at) => progress.update(Math.round(at * 1000), { stage: name }),
    stop: () => progress.stop(),
  };
}
