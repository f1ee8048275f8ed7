import { loadConfig, type Config } from '../platform/config.js';
import { openRuntime, type Runtime } from '../platform/bootstrap.js';
import { DomainError } from '../platform/errors.js';
import { translate } from '../platform/messages.js';

/** A failure to report as one line, with a non-zero exit. */
export class CliError extends Error {}

function describe(error: unknown): string {
  if (error instanceof DomainError) {
    const fields = error.fields.map((f) => `${f.path}: ${translate(f.code, 'en', f.params)}`);
    return [translate(error.code, 'en', error.params), ...fields].join('; ');
  }
  if (error instanceof Error) return error.message;
  return String(error);
}

/**
 * Runs a command's action: one clear error line and exit code 1 on failure. A one-shot
 * command exits when its work is done: PGlite leaves a timer behind after close that
 * would otherwise keep the process alive.
 */
export function action<A extends unknown[]>(
  work: (...args: A) => Promise<void>,
  { exitWhenDone = true }: { exitWhenDone?: boolean } = {},
) {
  return async (...args: A) => {
    try {
      await work(...args);
    } catch (error) {
      process.stderr.write(`xinyi: ${describe(error)}\n`);
      if (process.env.XINYI_DEBUG) console.error(error);
      process.exitCode = 1;
      if (!exitWhenDone) process.exit(1);
    }
    if (exitWhenDone) process.exit();
  };
}

/** Opens the configured runtime for one command and closes it afterwards. */
export async function withRuntime(work: (runtime: Runtime, config: Config) => Promise<void>) {
  const config = loadConfig(process.env);
  const runtime = await openRuntime(config);
  try {
    await work(runtime, config);
  } finally {
    await runtime.database.close();
  }
}
