import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { freePort } from '../helpers/free-port.js';
import { cliTarget, exited, spawnCli, type CliTarget } from '../helpers/cli-target.js';

/** `xinyi serve` started from the sources, with everything it printed so far. */
function serve(env: NodeJS.ProcessEnv) {
  const child = spawnCli(env, 'serve');
  let output = '';
  child.stdout.on('data', (data: Buffer) => (output += data.toString()));
  child.stderr.on('data', (data: Buffer) => (output += data.toString()));
  return { child, output: () => output };
}

/** Polls /healthz until it answers (or the server has exited) and returns its body. */
async function health(port: number, server: ReturnType<typeof serve>, until?: RegExp) {
  for (;;) {
    if (server.child.exitCode !== null) throw new Error(`serve exited:\n${server.output()}`);
    try {
      const body = await (await fetch(`http://127.0.0.1:${port}/healthz`)).text();
      if (!until || until.test(body)) return JSON.parse(body) as unknown;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const login = (port: number) =>
  fetch(`http://127.0.0.1:${port}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'bank-a-officer', password: DEMO_PASSWORD }),
  });

let target: CliTarget;
beforeAll(async () => {
  target = await cliTarget();
});
afterAll(async () => target.close());

describe('xinyi serve on a first start', { timeout: 300_000 }, () => {
  it('listens once the demo accounts exist, seeds the rest in the background and resumes it after a stop', async () => {
    const port = await freePort();
    const env = { ...target.env, PORT: String(port) };

    const first = serve(env);
    expect(await health(port, first)).toEqual({ status: 'ok', demo: 'seeding' });
    expect((await login(port)).status).toBe(200);
    expect(first.output()).toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    expect(first.output()).not.toMatch(/demo ready/);
    first.child.kill('SIGTERM');
    expect(await exited(first.child)).toEqual({ code: 0, signal: null });
    expect(first.output()).toMatch(/demo seeding interrupted; the next start resumes it/);

    // The accounts exist, the stages do not: the second start is not taken for a seeded one.
    const second = serve(env);
    expect(await health(port, second)).toEqual({ status: 'ok', demo: 'seeding' });
    expect(second.output()).toMatch(/resuming an interrupted demo seeding/);
    expect(await health(port, second, /"ready"|"failed"/)).toEqual({
      status: 'ok',
      demo: 'ready',
    });
    expect(second.output()).toMatch(/demo lending history: \d+ applications/);
    second.child.kill('SIGTERM');
    expect(await exited(second.child)).toEqual({ code: 0, signal: null });

    const third = serve(env);
    expect(await health(port, third)).toEqual({ status: 'ok', demo: 'ready' });
    expect(third.output()).not.toMatch(/seeding/);
    third.child.kill('SIGTERM');
    await exited(third.child);
  });
});
