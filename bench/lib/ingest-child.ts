/**
 * One ingestion of `bench/ingest.ts`, in a child process of its own (forked with the tsx
 * loader) so that its peak RSS is the pipeline's and nothing else's.
 *
 * Does what `xinyi ingest <file> --provider tax-bureau --category tax` does (src/cli/ingest.ts):
 * configuration from the environment (the parent sets DATABASE_URL to the bench database,
 * DATA_DIR to a temporary directory and the keys), `openRuntime`, the provider looked up by
 * code, the SHA-256 of the file, then `readRecords` on a file stream piped through a byte
 * counter and `ingestDelivery` with a progress callback. Only the progress bar is left out:
 * the callback just keeps the figures. The clock runs from the hash to the final report, so
 * start-up (loading modules, opening the database) is not counted.
 *
 * Reports `done` (or `error`) to the parent over IPC, then exits.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { sql } from 'kysely';
import type { BatchReport } from '../../src/ingest/ingest.js';
import { ingestDelivery } from '../../src/ingest/ingest.service.js';
import { readRecords } from '../../src/ingest/parsers/index.js';
import { findOrganisationByCode } from '../../src/platform/auth/accounts.service.js';
import { openRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import type { Db } from '../../src/platform/db.js';
import { backendCpu, cpuSince } from './proc-cpu.js';

export const PROVIDER = 'tax-bureau';

/** Parent → child, as argv: the file and the records per transaction (empty: the default). */
export type ChildArgs = [file: string, chunk: string];

/** Child → parent. */
export type ChildMessage =
  | {
      readonly type: 'done';
      readonly elapsedMs: number;
      /** `process.resourceUsage().maxRSS` at the end, in kilobytes. */
      readonly maxRssKb: number;
      /** CPU time of this process (user + system) while the clock ran, in milliseconds. */
      readonly cpuMs: number;
      /**
       * CPU time of the database server processes serving this ingestion, while the clock ran,
       * in milliseconds; null when the server's processes cannot be seen (not on this host).
       */
      readonly dbCpuMs: number | null;
      readonly progressCalls: number;
      readonly report: Pick<
        BatchReport,
        'status' | 'read' | 'accepted' | 'newVersions' | 'unchanged' | 'quarantined'
      > & { readonly quarantinedByReason: Record<string, number> };
    }
  | { readonly type: 'error'; readonly message: string };

function send(message: ChildMessage): Promise<void> {
  return new Promise((resolve) => {
    if (!process.connected || !process.send) {
      resolve();
      return;
    }
    process.send(message, undefined, {}, () => resolve());
  });
}

/** The pids of the PostgreSQL backends connected to this database. */
async function backendPids(db: Db): Promise<number[]> {
  const { rows } = await sql<{ pid: number }>`
    select pid from pg_stat_activity where datname = current_database()`.execute(db);
  return rows.map((row) => row.pid);
}

async function sha256Of(file: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(file), hash);
  return hash.digest('hex');
}

async function ingest(file: string, chunk: number | undefined): Promise<ChildMessage> {
  const config = loadConfig(process.env);
  const runtime = await openRuntime(config);
  try {
    const { ctx } = runtime;
    const provider = await findOrganisationByCode(ctx.db, PROVIDER);
    if (!provider) throw new Error(`no provider "${PROVIDER}": is the demo seeded?`);
    const dbCpuBefore = backendCpu(await backendPids(ctx.db));
    const started = performance.now();
    const cpuBefore = process.cpuUsage();
    const sha256 = await sha256Of(file);
    let bytes = 0;
    const counter = new Transform({
      transform(data: Buffer, _encoding, done) {
        bytes += data.length;
        done(null, data);
      },
    });
    const items = readRecords(createReadStream(file).pipe(counter), {
      format: 'csv',
      encoding: 'auto',
      delimiter: ',',
    });
    let progressCalls = 0;
    let shown = { read: 0, accepted: 0, quarantined: 0, bytes: 0 };
    const report = await ingestDelivery(
      ctx,
      {
        actor: 'system',
        organisationId: provider.id,
        category: 'tax',
        source: 'cli',
        file: { name: path.basename(file), sha256 },
      },
      items,
      {
        ...(chunk === undefined ? {} : { chunkSize: chunk }),
        // What the CLI hands its progress bar.
        onProgress: (r) => {
          progressCalls += 1;
          shown = { read: r.read, accepted: r.accepted, quarantined: r.quarantined, bytes };
        },
      },
    );
    const elapsedMs = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);
    const dbCpuMs = cpuSince(dbCpuBefore, backendCpu(await backendPids(ctx.db)));
    // The last progress report is kept in memory; it must agree with the batch as stored.
    const last = `${shown.read}/${shown.accepted}/${shown.quarantined}`;
    if (last !== `${report.read}/${report.accepted}/${report.quarantined}`) {
      throw new Error(`the last progress report (${last}) disagrees with the batch report`);
    }
    return {
      type: 'done',
      elapsedMs,
      maxRssKb: process.resourceUsage().maxRSS,
      cpuMs: (cpu.user + cpu.system) / 1000,
      dbCpuMs,
      progressCalls,
      report: {
        status: report.status,
        read: report.read,
        accepted: report.accepted,
        newVersions: report.newVersions,
        unchanged: report.unchanged,
        quarantined: report.quarantined,
        quarantinedByReason: { ...report.quarantinedByReason },
      },
    };
  } finally {
    await runtime.database.close();
  }
}

async function main() {
  if (!process.send) throw new Error('bench/lib/ingest-child.ts must be forked by bench/ingest.ts');
  const [file, chunkArg = ''] = process.argv.slice(2) as Partial<ChildArgs>;
  let message: ChildMessage;
  try {
    if (!file) throw new Error('no file given');
    const chunk = chunkArg === '' ? undefined : Number(chunkArg);
    message = await ingest(file, chunk);
  } catch (error) {
    message = {
      type: 'error',
      message: error instanceof Error ? (error.stack ?? error.message) : String(error),
    };
    process.exitCode = 1;
  }
  await send(message);
  if (process.connected) process.disconnect();
  // PGlite is not used here, but leave nothing to keep the process alive.
  process.exit();
}

await main();
