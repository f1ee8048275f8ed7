import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll } from 'vitest';

/**
 * One browser file at a time (each drives a server and a Chromium), while the other
 * worker runs integration files beside it: the browser project shares the run's two
 * workers instead of being a group of its own after everything else, and this lock, taken
 * before a browser file's own setup and given back after its cleanup, keeps the browser
 * files apart. The lock is a directory (created atomically) holding its owner's pid; one
 * whose owner has died (a run that was killed) is taken over.
 */
const LOCK = path.join(
  tmpdir(),
  `xinyi-browser-${createHash('sha256').update(process.cwd()).digest('hex').slice(0, 12)}`,
);
const OWNER = path.join(LOCK, 'pid');

function ownerHasDied(): boolean {
  let pid: number;
  try {
    pid = Number(readFileSync(OWNER, 'utf8'));
  } catch {
    return false; // Being created: its owner writes the pid next.
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

async function acquire() {
  for (;;) {
    try {
      mkdirSync(LOCK);
      writeFileSync(OWNER, String(process.pid));
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (ownerHasDied()) rmSync(LOCK, { recursive: true, force: true });
    else await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

beforeAll(acquire, 600_000);
afterAll(() => rmSync(LOCK, { recursive: true, force: true }));
