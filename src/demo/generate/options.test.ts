import { describe, expect, it } from 'vitest';
import { GenerateOptionError, resolveGenerateOptions, type RawGenerateOptions } from './options.js';

const raw: RawGenerateOptions = {
  enterprises: '1000',
  persons: '3000',
  seed: '42',
  out: 'demo-data',
  months: '24',
  badShare: '0.02',
  asOf: '2026-10',
};

describe('resolveGenerateOptions', () => {
  it('converts the command-line text', () => {
    expect(resolveGenerateOptions(raw)).toEqual({
      enterprises: 1000,
      persons: 3000,
      seed: '42',
      outDir: 'demo-data',
      months: 24,
      badShare: 0.02,
      asOf: '2026-10',
    });
  });

  it.each([
    ['enterprises', '10x', /--enterprises must be a whole number/],
    ['persons', '0', /--persons must be a whole number from 1/],
    ['months', '12', /--months must be a whole number from 24/],
    ['badShare', '2', /--bad-share must be a number from 0 to 0.5/],
    ['badShare', '', /--bad-share/],
    ['asOf', '2026-13', /--as-of must be a month/],
    ['asOf', '2026/10', /--as-of must be a month/],
    ['seed', '', /--seed must not be empty/],
  ] as const)('refuses %s = "%s"', (name, value, message) => {
    expect(() => resolveGenerateOptions({ ...raw, [name]: value })).toThrow(GenerateOptionError);
    expect(() => resolveGenerateOptions({ ...raw, [name]: value })).toThrow(message);
  });
});
