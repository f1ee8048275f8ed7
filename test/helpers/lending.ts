import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { defaultPolicy } from '../../src/rules/default-policy.js';
import type { TestApp } from './app.js';

/**
 * Steps many lending tests share, through HTTP: a borrower registering, the demo provider
 * allowed more categories, a lender publishing rules and a product, a consent.
 */

const DAY = 86_400_000;

async function organisationId(t: TestApp, code: string) {
  const row = await t.ctx.db
    .selectFrom('organisations')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Registers an enterprise borrower and returns its bearer token. */
export async function registerEnterprise(
  t: TestApp,
  login: string,
  enterprise: { uscc: string; name: string; industry: string },
): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: { login, password: DEMO_PASSWORD, subjectKind: 'enterprise', ...enterprise },
  });
  expect(response.statusCode, response.body).toBe(201);
  return t.login(login);
}

/** Lets the demo provider (the tax bureau's key) deliver these categories too. */
export async function grantDemoProvider(t: TestApp, operatorToken: string, categories: string[]) {
  const response = await t.as(operatorToken, {
    method: 'POST',
    url: `/organisations/${await organisationId(t, 'tax-bureau')}/categories`,
    payload: { categories },
  });
  expect(response.statusCode, response.body).toBe(200);
}

/** Publishes the default policy and a product of bank A on it; returns the product id. */
export async function publishProduct(
  t: TestApp,
  adminToken: string,
  product: Record<string, unknown>,
): Promise<string> {
  const rules = await t.as(adminToken, {
    method: 'POST',
    url: '/rules/versions',
    payload: { name: `${String(product.code).toLowerCase()}-policy`, jdm: defaultPolicy() },
  });
  expect(rules.statusCode, rules.body).toBe(201);
  const ruleVersionId = rules.json<{ id: string }>().id;
  await t.as(adminToken, { method: 'POST', url: `/rules/versions/${ruleVersionId}/publish` });
  const published = await t.as(adminToken, {
    method: 'POST',
    url: '/loans/products',
    payload: {
      name: '小微经营贷',
      loanType: 'working_capital',
      minAmountFen: '1000000',
      maxAmountFen: '50000000',
      minTermMonths: 3,
      maxTermMonths: 24,
      repaymentMethods: ['equal_instalment', 'equal_principal'],
      rateBpByGrade: { A: 420, B: 520, C: 650 },
      approveFromScore: 600,
      declineBelowScore: 400,
      requiredContinuousMonths: 0,
      secondReviewAboveFen: '100000000',
      ...product,
      ruleVersionId,
    },
  });
  expect(published.statusCode, published.body).toBe(201);
  return published.json<{ id: string }>().id;
}

/** The borrower's consent to bank A for a loan application reading these categories. */
export async function consentToBankA(t: TestApp, borrowerToken: string, categories: string[]) {
  const response = await t.as(borrowerToken, {
    method: 'POST',
    url: '/consents',
    payload: {
      granteeOrganisationId: await organisationId(t, 'bank-a'),
      categories: [...categories, 'credit_profile'],
      purpose: 'loan_application',
      expiresAt: new Date(t.ctx.now().getTime() + 90 * DAY).toISOString(),
    },
  });
  expect(response.statusCode, response.body).toBe(201);
}
