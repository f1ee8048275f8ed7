/**
 * From a changed record to a new score: how long a node's change worker takes to follow a
 * provider's push through profile and score, on PostgreSQL.
 *
 *   npm run bench -- rescore                      # 40 changes
 *   BENCH_CHANGES=100 npm run bench -- rescore
 *
 * A fresh database `xinyi_bench_<random>` on DATABASE_URL (default:
 * the local server over its Unix socket when /var/run/postgresql has one, else
 * postgres://postgres@127.0.0.1:5432/test; the JSON names the transport) gets the demo (200
 * enterprises, 200 persons), its
 * profiles and its scorecards, as a first start would; then the change worker runs as in
 * `xinyi serve` (OUTBOX_POLL_MS, default 200) and, one at a time, a tax record of a demo
 * enterprise is pushed with a different amount of arrears. Measured per change: the push
 * (the intake transaction, the baseline: what the provider waits for) and the time from the
 * push's commit until the enterprise's new score is stored. The database is dropped at the
 * end. The last line is one JSON object.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { drainChanges, startChangeWorker } from '../src/api/workers.js';
import { seedDemoData } from '../src/demo/seed-data.js';
import { seedDemo } from '../src/demo/seed.js';
import { ingestDelivery } from '../src/ingest/ingest.service.js';
import { openRuntime } from '../src/platform/bootstrap.js';
import { loadConfig } from '../src/platform/config.js';
import type { AppContext } from '../src/platform/context.js';
import { parseOutcomes } from '../src/scoring/outcomes.js';
import { trainFromOutcomes } from '../src/scoring/training.service.js';
import { benchAdminUrl, createBenchDatabase, transportOf } from './lib/bench-database.js';

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (ms: number) => Math.round(ms * 10) / 10;

async function latestScoreId(ctx: AppContext, uscc: string): Promise<bigint> {
  const row = await ctx.db
    .selectFrom('scores')
    .select('id')
    .where('subject_kind', '=', 'enterprise')
    .where('subject_ref', '=', uscc)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? 0n;
}

async function prepare(ctx: AppContext, dir: string) {
  await seedDemo(ctx);
  const data = await seedDemoData(ctx, { dir, enterprises: 200, persons: 200, seed: 'bench' });
  await drainChanges(ctx);
  const labels = readFileSync(path.join(dir, data.manifest.labels.file), 'utf8');
  await trainFromOutcomes(ctx, 'system', parseOutcomes(labels), { activate: true });
  await drainChanges(ctx);
  const tax = await ctx.db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', 'tax-bureau')
    .executeTakeFirstOrThrow();
  const usccs = labels
    .split('\n')
    .slice(1)
    .map((line) => line.split(',')[0] ?? '')
    .filter((uscc) => uscc !== '');
  return { taxBureau: tax.id, usccs };
}

export default async function main() {
  const changes = Number(process.env.BENCH_CHANGES ?? 40);
  const adminUrl = benchAdminUrl();
  const database = await createBenchDatabase(adminUrl);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xinyi-bench-rescore-'));
  const runtime = await openRuntime(
    loadConfig({
      DATABASE_URL: database.url,
      DATA_DIR: dir,
      XINYI_FIELD_KEYS: `k1:${randomBytes(32).toString('base64')}`,
      XINYI_BLIND_INDEX_KEY: randomBytes(32).toString('base64'),
      OUTBOX_POLL_MS: process.env.OUTBOX_POLL_MS ?? '200',
    }),
  );
  const { ctx } = runtime;
  try {
    console.log('preparing: demo data, profiles, scorecards …');
    const { taxBureau, usccs } = await prepare(ctx, path.join(dir, 'demo-files'));
    const worker = startChangeWorker(ctx, (error) => console.error('worker:', error));
    const pushMs: number[] = [];
    const scoredMs: number[] = [];
    try {
      for (let i = 0; i < changes; i += 1) {
        const uscc = usccs[i % usccs.length] ?? '';
        const before = await latestScoreId(ctx, uscc);
        const start = performance.now();
        await ingestDelivery(
          ctx,
          { actor: 'system', organisationId: taxBureau, category: 'tax', source: 'api' },
          [
            {
              kind: 'row',
              line: 1,
              // The tax bureau's own column names, in 元 (its demo mapping).
              fields: {
                nsrsbh: uscc,
                sssq: '2026-09',
                ysrsr: '0',
                sjse: '0',
                qsje: String(1000 * (i + 1)),
                nsxydj: 'D级',
              },
            },
          ],
          { atomic: true },
        );
        const committed = performance.now();
        while ((await latestScoreId(ctx, uscc)) === before) {
          if (performance.now() - committed > 10_000) throw new Error(`no new score for ${uscc}`);
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
        pushMs.push(committed - start);
        scoredMs.push(performance.now() - committed);
      }
    } finally {
      await worker.stop();
    }
    const push = [...pushMs].sort((a, b) => a - b);
    const scored = [...scoredMs].sort((a, b) => a - b);
    const figures = {
      bench: 'rescore',
      engine: 'postgres',
      transport: transportOf(benchAdminUrl()),
      changes,
      poll_ms: ctx.config.outboxPollMs,
      change_to_score_p50_ms: round(percentile(scored, 50)),
      change_to_score_p99_ms: round(percentile(scored, 99)),
      change_to_score_max_ms: round(scored.at(-1) ?? NaN),
      baseline: 'ingest-push',
      baseline_p50_ms: round(percentile(push, 50)),
      baseline_p99_ms: round(percentile(push, 99)),
      ratio: round(percentile(scored, 50) / percentile(push, 50)),
    };
    console.log(
      `changes            ${changes}, one at a time, worker polling every ${figures.poll_ms} ms`,
    );
    console.log(
      `push (baseline)    p50 ${figures.baseline_p50_ms} ms, p99 ${figures.baseline_p99_ms} ms`,
    );
    console.log(
      `change → new score p50 ${figures.change_to_score_p50_ms} ms, p99 ${figures.change_to_score_p99_ms} ms, max ${figures.change_to_score_max_ms} ms`,
    );
    console.log(JSON.stringify(figures));
  } finally {
    await runtime.database.close();
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}
