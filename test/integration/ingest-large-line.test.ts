import { execFile } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { finished } from 'node:stream/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/demo/seed.js';
import { runCli } from '../helpers/cli-target.js';
import { createServerTestDatabase } from '../helpers/database.js';

const run = promisify(execFile);
const LINE_MB = 200;

let env: NodeJS.ProcessEnv;
let closeDatabase: () => Promise<void> = async () => undefined;
let file: string;

/** A JSON Lines file with a 200 MB line between two good ones, written in pieces. */
async function writeFileWithHugeLine(dir: string): Promise<string> {
  const target = path.join(dir, 'huge.jsonl');
  const out = createWriteStream(target);
  const good = (i: number) =>
    `${JSON.stringify({ uscc: buildUscc('9', '1', '110108', `MA${String(i).padStart(6, '0')}`), period: '2026-01', taxable_revenue: '1', tax_paid: '1' })}\n`;
  out.write(good(1));
  out.write('{"uscc":"');
  const piece = 'x'.repeat(1024 * 1024);
  for (let i = 0; i < LINE_MB; i += 1) {
    if (!out.write(piece)) await once(out, 'drain');
  }
  out.write('"}\n');
  out.end(good(2));
  await finished(out);
  return target;
}

beforeAll(async () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'xinyi-huge-'));
  env = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' };
  delete env.DATABASE_URL;
  const database = await createServerTestDatabase();
  if (database) {
    env.DATABASE_URL = database.url;
    closeDatabase = () => database.close();
  }
  file = await writeFileWithHugeLine(dataDir);
  await runCli(env, 'demo', 'seed', '--enterprises', '5', '--persons', '10');
}, 180_000);
afterAll(async () => closeDatabase());

const ingest = async (target: string) => {
  const { stdout } = await runCli(
    env,
    'ingest',
    target,
    '--provider',
    'tax-bureau',
    '--category',
    'tax',
  );
  return { stdout, peakMb: Number(/peak memory (\d+) MB/.exec(stdout)?.[1]) };
};

describe('a 200 MB line', { timeout: 180_000 }, () => {
  it('is quarantined on its own while the rest is read, in flat memory', async () => {
    // The process's own footprint (Node, and PGlite's WebAssembly heap on the embedded
    // engine) is measured on a one-line file; the 200 MB line may add little to it.
    const small = path.join(path.dirname(file), 'small.jsonl');
    await run('sh', ['-c', `head -n 1 ${file} > ${small}`]);
    const baseline = await ingest(small);
    const huge = await ingest(file);
    expect(huge.stdout).toMatch(
      /read 3 = accepted 1 \(new versions 0\) \+ unchanged 1 \+ quarantined 1/,
    );
    expect(huge.stdout).toMatch(/quarantined for record_too_large: 1/);
    console.log(
      `peak memory: ${baseline.peakMb} MB for one line, ${huge.peakMb} MB with the 200 MB line`,
    );
    expect(huge.peakMb - baseline.peakMb).toBeLessThan(100);
  });
});
