import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port.js';
import { cliTarget, exited, spawnCli, type CliTarget } from '../helpers/cli-target.js';
import { testEngine } from '../helpers/database.js';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function until<T>(what: string, read: () => T | undefined, output: () => string) {
  for (let tries = 0; tries < 600; tries += 1) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${what} did not happen:\n${output()}`);
}

/** The pids of the workers that logged "Server listening", in order. */
const listeningWorkers = (output: string) =>
  [...output.matchAll(/"pid":(\d+)[^\n]*"msg":"Server listening at/g)].map((m) => Number(m[1]));

let target: CliTarget;
beforeAll(async () => {
  target = await cliTarget({ LOG_LEVEL: 'info', SEED_DEMO: 'false' });
});
afterAll(async () => target.close());

describe.skipIf(testEngine() !== 'postgres')(
  'xinyi serve with HTTP worker processes (PostgreSQL)',
  { timeout: 120_000 },
  () => {
    it('serves from every worker, replaces one that dies and stops them all on SIGTERM', async () => {
      const port = await freePort();
      const child = spawnCli(
        { ...target.env, PORT: String(port), XINYI_HTTP_WORKERS: '2' },
        'serve',
      );
      let output = '';
      child.stdout.on('data', (data: Buffer) => (output += data.toString()));
      child.stderr.on('data', (data: Buffer) => (output += data.toString()));
      const log = () => output;

      await until(
        'listening',
        () => (/listening on http.*\(2 HTTP worker processes\)/.test(output) ? true : undefined),
        log,
      );
      const [first, second] = listeningWorkers(output);
      expect(first).toBeDefined();
      expect(second).toBeDefined();
      expect(first).not.toBe(second);

      // New connections go to the workers in turn: both answer.
      const answeredBy = new Set<number>();
      for (let i = 0; i < 6; i += 1) {
        const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
          headers: { connection: 'close' },
        });
        expect(await response.json()).toEqual({ status: 'ok' });
      }
      for (const match of output.matchAll(/"pid":(\d+)[^\n]*"url":"\/healthz"/g))
        answeredBy.add(Number(match[1]));
      expect([...answeredBy].sort()).toEqual([first, second].sort());

      process.kill(first ?? 0, 'SIGKILL');
      const third = await until('a new worker', () => listeningWorkers(output)[2], log);
      expect(output).toMatch(/an HTTP worker exited; a new one replaces it/);
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

      child.kill('SIGTERM');
      expect(await exited(child)).toEqual({ code: 0, signal: null });
      expect([second, third].filter((pid) => alive(pid ?? 0))).toEqual([]);
    });
  },
);
