/**
 * The server under test of `bench/decide.ts`, in a child process (forked with the tsx loader)
 * so it does not share an event loop with the load generator. On a fresh PostgreSQL
 * database (DATABASE_URL, set by the parent) it prepares what a lender's first day needs:
 * migrations, the demo with its generated data, profiles and scorecards; bank A's default
 * policy published and an SME product on it; BENCH_BORROWERS enterprises of the demo data
 * each with a borrower account and a consent to bank A. Then it serves xinyi and a bare
 * Fastify hello-world (the baseline) on 127.0.0.1 and reports ports and tokens over IPC.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../../src/api/app.js';
import { drainChanges } from '../../src/api/workers.js';
import { seedDemoData } from '../../src/demo/seed-data.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed.js';
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

export type DecideServerMessage =
  | {
      readonly type: 'ready';
      readonly xinyiPort: number;
      readonly baselinePort: number;
      readonly productId: string;
      readonly tokens: string[];
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

async function prepare(ctx: AppContext, borrowers: number) {
  await seedDemo(ctx);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'xinyi-bench-decide-'));
  const data = await seedDemoData(ctx, { dir, enterprises: 300, persons: 100, seed: 'decide' });
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
    // The demo's own borrowers (demo-enterprise …) have their accounts already.
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
  if (!process.send)
    throw new Error('bench/lib/decide-server.ts must be forked by bench/decide.ts');
  const runtime = await openRuntime(loadConfig({ ...process.env, LOG_LEVEL: 'silent' }));
  const { productId, logins } = await prepare(
    runtime.ctx,
    Number(process.env.BENCH_BORROWERS ?? 64),
  );
  const app = await buildApp(runtime.ctx, { logLevel: 'silent' });
  const tokens: string[] = [];
  for (const login of logins) {
    const response = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { login, password: DEMO_PASSWORD },
    });
    tokens.push(response.json<{ token: string }>().token);
  }
  await app.listen({ host: '127.0.0.1', port: 0 });
  const baseline = Fastify({ logger: false });
  baseline.get('/', async () => ({ hello: 'world' }));
  await baseline.listen({ host: '127.0.0.1', port: 0 });
  const message: DecideServerMessage = {
    type: 'ready',
    xinyiPort: (app.server.address() as AddressInfo).port,
    baselinePort: (baseline.server.address() as AddressInfo).port,
    productId,
    tokens,
  };
  process.send(message);
  process.on('message', () => {
    void (async () => {
      await baseline.close();
      await app.close();
      await runtime.database.close();
      process.exit(0);
    })();
  });
  process.on('disconnect', () => process.exit(0));
}

main().catch((error: unknown) => {
  const message: DecideServerMessage = {
    type: 'error',
    message: error instanceof Error ? (error.stack ?? error.message) : String(error),
  };
  process.send?.(message);
  process.exit(1);
});
