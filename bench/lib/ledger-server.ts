/**
 * The server under test of `bench/ledger.ts`, in a child process (forked with the tsx
 * loader), as a server node runs: xinyi's HTTP API and — when the parent says so — the
 * ledger sequencer on its timer (`startLedgerSequencer`, as `xinyi serve` starts it), in the
 * same process and pool. On a fresh PostgreSQL database (DATABASE_URL) it prepares what
 * `bench/lib/decide-server.ts` prepares (demo data, profiles, scorecards, bank A's policy
 * and an SME product, BENCH_BORROWERS borrowers with consent), then integrates everything
 * those steps logged, so that each phase starts from an empty queue.
 *
 * Messages from the parent: `sequencer` (on/off, with an interval), `sequence` (integrate the
 * whole queue now, timed), `verify` (`verifyStoredLog`, timed), `close`. Each is answered
 * once it is done.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../../src/api/app.js';
import { drainChanges } from '../../src/api/workers.js';
import { seedDemoData } from '../../src/demo/seed-data.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed.js';
import { sequenceLedger, startLedgerSequencer } from '../../src/ledger/sequencer.js';
import { verifyStoredLog } from '../../src/ledger/verify.js';
import { publishProductVersion } from '../../src/loans/products.service.js';
import { findOrganisationByCode, insertNewUser } from '../../src/platform/auth/accounts.service.js';
import type { Principal } from '../../src/platform/auth/roles.js';
import { openRuntime } from '../../src/platform/bootstrap.js';
import { loadConfig } from '../../src/platform/config.js';
import type { AppContext } from '../../src/platform/context.js';
import { insertConsent } from '../../src/registry/consent.service.js';
import { defaultPolicy } from '../../src/rules/default-policy.js';
import { createRuleVersion, publishRuleVersion } from '../../src/rules/rules.service.js';
import { parseOutcomes } from '../../src/scoring/outcomes.js';
import { trainFromOutcomes } from '../../src/scoring/training.service.js';

export type LedgerServerRequest =
  | { readonly type: 'sequencer'; readonly on: boolean; readonly intervalMs?: number }
  | { readonly type: 'sequence' }
  | { readonly type: 'verify' }
  | { readonly type: 'close' };

export type LedgerServerMessage =
  | {
      readonly type: 'ready';
      readonly port: number;
      readonly productId: string;
      readonly tokens: string[];
      /** Tree size once the preparation's own events are integrated. */
      readonly size: number;
    }
  | {
      readonly type: 'done';
      readonly sequenced: number;
      readonly size: number;
      readonly ms: number;
    }
  | { readonly type: 'error'; readonly message: string };

const CATEGORIES = ['business_registration', 'judicial', 'tax', 'credit_profile'] as const;

async function lenderAdmin(ctx: AppContext): Promise<Principal> {
  const bank = await findOrganisationByCode(ctx.db, 'bank-a');
  const user = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('login', '=', 'bank-a-admin')
    .executeTakeFirstOrThrow();
  return {
    kind: 'user',
    userId: user.id,
    role: 'lender_admin',
    organisationId: bank?.id ?? null,
    subject: null,
    sessionId: 'bench',
  };
}

/** As decide-server.ts: a lender's first day, and borrowers with consent to bank A. */
async function prepare(ctx: AppContext, borrowers: number) {
  await seedDemo(ctx);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xinyi-bench-ledger-'));
  const data = await seedDemoData(ctx, { dir, enterprises: 300, persons: 100, seed: 'ledger' });
  await drainChanges(ctx);
  const labels = readFileSync(path.join(dir, data.manifest.labels.file), 'utf8');
  await trainFromOutcomes(ctx, 'system', parseOutcomes(labels), { activate: true });
  await drainChanges(ctx);
  const admin = await lenderAdmin(ctx);
  const rules = await createRuleVersion(ctx, admin, { name: 'sme-policy', jdm: defaultPolicy() });
  await publishRuleVersion(ctx, admin, rules.id);
  const product = await publishProductVersion(ctx, admin, {
    code: 'SME-CREDIT',
    name: '小微信用贷',
    loanType: 'working_capital',
    minAmountFen: 1_000_000n,
    maxAmountFen: 300_000_000n,
    minTermMonths: 3,
    maxTermMonths: 36,
    repaymentMethods: ['equal_instalment'],
    rateBpByGrade: { A: 380, B: 450, C: 560, D: 720 },
    approveFromScore: 0,
    declineBelowScore: 0,
    requiredCategories: ['business_registration', 'judicial', 'tax'],
    requiredChecks: ['identity', 'business_status', 'court_enforcement'],
    requiredContinuousMonths: 6,
    secondReviewAboveFen: 100_000_000n,
    ruleVersionId: rules.id,
  });
  const enterprises = await ctx.db
    .selectFrom('enterprises')
    .innerJoin('scores', 'scores.subject_ref', 'enterprises.uscc')
    .select('enterprises.id')
    .distinct()
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('users')
            .select('users.id')
            .whereRef('users.subject_id', '=', 'enterprises.id'),
        ),
      ),
    )
    .orderBy('enterprises.id')
    .limit(borrowers)
    .execute();
  const now = ctx.now();
  const logins: string[] = [];
  await ctx.db.transaction().execute(async (tx) => {
    for (const [i, enterprise] of enterprises.entries()) {
      const login = `bench-borrower-${i}`;
      const user = await insertNewUser(tx, {
        login,
        password: DEMO_PASSWORD,
        displayName: login,
        role: 'borrower',
        organisationId: null,
        subject: { kind: 'enterprise', id: enterprise.id },
      });
      await insertConsent(tx, {
        subject: { kind: 'enterprise', id: enterprise.id },
        granteeOrganisationId: admin.organisationId ?? '',
        categories: CATEGORIES,
        purpose: 'loan_application',
        grantedBy: user.id,
        grantedAt: now,
        expiresAt: new Date(now.getTime() + 30 * 86_400_000),
      });
      logins.push(login);
    }
  });
  return { productId: product.id, logins };
}

async function main() {
  const send = process.send?.bind(process);
  if (!send) throw new Error('bench/lib/ledger-server.ts must be forked by bench/ledger.ts');
  const runtime = await openRuntime(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
  const { ctx } = runtime;
  const { productId, logins } = await prepare(ctx, Number(process.env.BENCH_BORROWERS ?? 64));
  const app = await buildApp(ctx, { logLevel: 'silent' });
  const tokens: string[] = [];
  for (const login of logins) {
    const response = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { login, password: DEMO_PASSWORD },
    });
    tokens.push(response.json<{ token: string }>().token);
  }
  const { size } = await sequenceLedger(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const reply = (message: LedgerServerMessage) => send(message);
  reply({
    type: 'ready',
    port: (app.server.address() as AddressInfo).port,
    productId,
    tokens,
    size,
  });

  let sequencer: { stop(): Promise<void> } | null = null;
  const handle = async (request: LedgerServerRequest) => {
    if (request.type === 'sequencer') {
      await sequencer?.stop();
      sequencer = request.on
        ? startLedgerSequencer(
            ctx,
            (error) => console.error('ledger sequencer:', error),
            request.intervalMs,
          )
        : null;
      return { type: 'done', sequenced: 0, size: 0, ms: 0 } as const;
    }
    if (request.type === 'verify') {
      const started = performance.now();
      const report = await verifyStoredLog(ctx);
      return {
        type: 'done',
        sequenced: 0,
        size: report.size,
        ms: performance.now() - started,
      } as const;
    }
    if (request.type === 'sequence') {
      const started = performance.now();
      const result = await sequenceLedger(ctx);
      return { type: 'done', ...result, ms: performance.now() - started } as const;
    }
    await sequencer?.stop();
    await app.close();
    await runtime.database.close();
    process.exit(0);
  };
  process.on('message', (request: LedgerServerRequest) => {
    handle(request).then(reply, (error: unknown) =>
      reply({ type: 'error', message: error instanceof Error ? error.message : String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  const message: LedgerServerMessage = {
    type: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
  process.send?.(message);
  process.exit(1);
});
