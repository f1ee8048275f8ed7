/**
 * A lender's first day on a fresh database, for the benches that put borrowers to work
 * (`decide`, `ledger`): migrations done by the caller, the demo with its generated data,
 * profiles and scorecards; bank A's default policy published and an SME product on it;
 * `borrowers` enterprises of the demo data each with a borrower account and a consent to
 * bank A.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drainChanges } from '../../src/api/workers.js';
import { seedDemoData } from '../../src/demo/seed-data.js';
import { DEMO_PASSWORD, seedDemo } from '../../src/demo/seed.js';
import { publishProductVersion } from '../../src/loans/products.service.js';
import { findOrganisationByCode, insertNewUser } from '../../src/platform/auth/accounts.service.js';
import type { Principal } from '../../src/platform/auth/roles.js';
import type { AppContext } from '../../src/platform/context.js';
import { insertConsent } from '../../src/registry/consent.service.js';
import { defaultPolicy } from '../../src/rules/default-policy.js';
import { createRuleVersion, publishRuleVersion } from '../../src/rules/rules.service.js';
import { parseOutcomes } from '../../src/scoring/outcomes.js';
import { trainFromOutcomes } from '../../src/scoring/training.service.js';

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

export async function prepareLendingDay(ctx: AppContext, borrowers: number, seed: string) {
  await seedDemo(ctx);
  const dir = mkdtempSync(path.join(os.tmpdir(), `xinyi-bench-${seed}-`));
  const data = await seedDemoData(ctx, { dir, enterprises: 300, persons: 100, seed });
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
