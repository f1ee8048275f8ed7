import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../../src/platform/db.js';
import { createServerTestDatabase } from './database.js';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** A fresh database the CLI can use, as a test project runs: PGlite in a DATA_DIR, or a new server database. */
export interface CliTarget {
  readonly env: NodeJS.ProcessEnv;
  /** A connection of the test's own to the same database (PGlite: only once the CLI has exited). */
  open(): Database;
  close(): Promise<void>;
}

export async function cliTarget(env: NodeJS.ProcessEnv = {}): Promise<CliTarget> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xinyi-cli-'));
  const full: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    XINYI_PROGRESS: 'lines',
    ...env,
  };
  delete full.DATABASE_URL;
  const server = await createServerTestDatabase();
  if (server) {
    full.DATABASE_URL = server.url;
    return {
      env: full,
      open: () => openDatabase({ engine: 'postgres', url: server.url }),
      close: () => server.close(),
    };
  }
  return {
    env: full,
    open: () => openDatabase({ engine: 'pglite', dataDir: path.join(dataDir, 'pglite') }),
    close: async () => undefined,
  };
}

/** Runs one `xinyi` command, compiled from the sources for this run, to its end. */
export const runCli = (env: NodeJS.ProcessEnv, ...args: string[]) =>
  run(process.execPath, [inject('xinyiCli'), ...args], {
    cwd: root,
    env,
    maxBuffer: 64 * 1024 * 1024,
  });

/** Starts one `xinyi` command, compiled from the sources for this run, and leaves it running. */
export const spawnCli = (
  env: NodeJS.ProcessEnv,
  ...args: string[]
): ChildProcessWithoutNullStreams =>
  spawn(process.execPath, [inject('xinyiCli'), ...args], { cwd: root, env });

/** Runs one `xinyi` command to its end and returns its exit code and output, failed or not. */
export async function tryCli(env: NodeJS.ProcessEnv, ...args: string[]) {
  try {
    const { stdout, stderr } = await runCli(env, ...args);
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

/** Resolves when the process has exited, with its code and signal. */
export const exited = (child: ChildProcessWithoutNullStreams) =>
  new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) {
      resolve({ code: child.exitCode, signal: child.signalCode });
      return;
    }
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
