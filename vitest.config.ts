import { configDefaults, defineConfig } from 'vitest/config';
import BrowserSpreadSequencer from './test/setup/sequencer.js';

// The integration suite runs once per database engine. PGlite always runs; the
// PostgreSQL server runs when TEST_DATABASE_URL is set (CI sets it and fails when
// the server is unreachable, see test/setup/postgres-global.ts).
const postgresUrl = process.env.TEST_DATABASE_URL;

const integration = (engine: 'pglite' | 'postgres') => ({
  extends: true as const,
  test: {
    name: `integration (${engine})`,
    include: ['test/integration/**/*.test.ts'],
    // The model commands read and write files only: the PGlite project, which always runs, covers them.
    exclude: [
      ...configDefaults.exclude,
      ...(engine === 'postgres' ? ['test/integration/model-cli.test.ts'] : []),
    ],
    env: { XINYI_TEST_ENGINE: engine },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: [
      ...(engine === 'postgres' ? ['test/setup/postgres-global.ts'] : []),
      'test/setup/database-snapshots.ts',
      'test/setup/cli-build.ts',
    ],
  },
});

// The browser suite runs once, on the PostgreSQL server when there is one (as CI has),
// else on PGlite; its files run one at a time (each drives a server and a Chromium), beside
// the other files: a lock keeps them apart (test/setup/browser-lock.ts) and the sequencer
// spreads them over the run (test/setup/sequencer.ts). A project with `fileParallelism:
// false` would instead run as a group of its own after all the others, on one worker.
const browser = {
  extends: true as const,
  test: {
    name: 'browser',
    include: ['test/browser/**/*.test.ts'],
    env: { XINYI_TEST_ENGINE: postgresUrl ? 'postgres' : 'pglite' },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // A page's state follows a click through a request and a render: under load that takes
    // more than expect.poll's default second, as long as a locator may wait (harness.ts).
    expect: { poll: { timeout: 15_000 } },
    setupFiles: ['test/setup/browser-lock.ts'],
    globalSetup: [
      'test/setup/browser-global.ts',
      ...(postgresUrl ? ['test/setup/postgres-global.ts'] : []),
      'test/setup/database-snapshots.ts',
    ],
  },
};

// CI asks for a JSON report beside the console output, to print a one-line summary.
const jsonReport = process.env.VITEST_JSON_REPORT;

export default defineConfig({
  test: {
    env: { TZ: 'UTC' },
    // Vitest's default leaves one of two cores idle; the integration files wait on the
    // database server, child processes and timers as much as they compute, so two run at once.
    maxWorkers: 2,
    sequence: { sequencer: BrowserSpreadSequencer },
    reporters: jsonReport ? ['default', ['json', { outputFile: jsonReport }]] : ['default'],
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['src/**/*.test.ts', 'web/src/**/*.test.ts'] },
      },
      integration('pglite'),
      ...(postgresUrl ? [integration('postgres')] : []),
      browser,
    ],
  },
});
