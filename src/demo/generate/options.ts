import { parseYearMonth } from './calendar.js';
import type { GenerateOptions } from './generate.js';

/** The options as given on the command line. */
export interface RawGenerateOptions {
  readonly enterprises: string;
  readonly persons: string;
  readonly seed: string;
  readonly out: string;
  readonly months: string;
  readonly badShare: string;
  readonly asOf: string;
}

export const DEFAULT_AS_OF = '2026-10';
export const DEFAULT_MONTHS = 24;
export const DEFAULT_BAD_SHARE = 0.02;

/** An option given a value it cannot take; the message is one line for the CLI. */
export class GenerateOptionError extends Error {}

function wholeNumber(name: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new GenerateOptionError(
      `--${name} must be a whole number from ${min} to ${max}, not "${text}"`,
    );
  }
  return value;
}

/**
 * Checks and converts the command-line options of `demo generate`.
 *
 * @example
 * resolveGenerateOptions({ enterprises: '1000', persons: '3000', seed: '42', out: 'demo',
 *   months: '24', badShare: '0.02', asOf: '2026-10' });
 */
export function resolveGenerateOptions(raw: RawGenerateOptions): GenerateOptions {
  const badShare = Number(raw.badShare);
  if (raw.badShare.trim() === '' || !Number.isFinite(badShare) || badShare < 0 || badShare > 0.5) {
    throw new GenerateOptionError(
      `--bad-share must be a number from 0 to 0.5, not "${raw.badShare}"`,
    );
  }
  if (parseYearMonth(raw.asOf) === undefined || raw.asOf < '2010-01') {
    throw new GenerateOptionError(
      `--as-of must be a month YYYY-MM from 2010-01, not "${raw.asOf}"`,
    );
  }
  if (raw.seed === '') throw new GenerateOptionError('--seed must not be empty');
  if (raw.out.trim() === '') throw new GenerateOptionError('--out must name a directory');
  return {
    enterprises: wholeNumber('enterprises', raw.enterprises, 1, 1_000_000),
    persons: wholeNumber('persons', raw.persons, 1, 3_000_000),
    seed: raw.seed,
    outDir: raw.out,
    months: wholeNumber('months', raw.months, 24, 240),
    badShare,
    asOf: raw.asOf,
  };
}
