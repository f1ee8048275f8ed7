import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/demo/seed.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';
import {
  consentToBankA,
  grantDemoProvider,
  publishProduct,
  registerEnterprise,
} from '../helpers/lending.js';

/** The application lists behind the portals: a borrower's own, a bank's, with filters. */

interface ApplicationList {
  total: number;
  items: {
    id: string;
    productCode: string;
    applicantUscc: string | null;
    applicantName: string | null;
    amountFen: string;
    status: string;
    outcome: string | null;
  }[];
}

let t: TestApp;
const tokens: Record<string, string> = {};
const ids: Record<string, string> = {};

const list = async (login: string, query = '') => {
  const response = await t.as(tokens[login] ?? '', {
    method: 'GET',
    url: `/loans/applications${query}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<ApplicationList>();
};

beforeAll(async () => {
  t = await startTestApp();
  for (const login of ['bank-a-admin', 'bank-a-officer', 'bank-b-officer', 'operator']) {
    tokens[login] = await t.login(login);
  }
  await grantDemoProvider(t, tokens.operator ?? '', ['business_registration']);
  const productId = await publishProduct(t, tokens['bank-a-admin'] ?? '', {
    code: 'LIST',
    requiredCategories: ['business_registration'],
    requiredChecks: ['identity'],
  });
  for (const [login, code] of [
    ['list-one', 'MA5LL1K1'],
    ['list-two', 'MA5LL1K2'],
  ] as const) {
    const uscc = buildUscc('9', '1', '440305', code);
    tokens[login] = await registerEnterprise(t, login, {
      uscc,
      name: `深圳${login}有限公司`,
      industry: 'services',
    });
    await consentToBankA(t, tokens[login] ?? '', ['business_registration']);
    const applied = await t.as(tokens[login] ?? '', {
      method: 'POST',
      url: '/loans/applications',
      payload: {
        productId,
        amountFen: login === 'list-one' ? '2000000' : '3000000',
        termMonths: 6,
        repaymentMethod: 'equal_instalment',
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    ids[login] = applied.json<{ id: string }>().id;
  }
}, 120_000);
afterAll(async () => t.close());

describe('GET /loans/applications', () => {
  it('gives a borrower its own applications only', async () => {
    const mine = await list('list-one');
    expect(mine.total).toBe(1);
    expect(mine.items[0]).toMatchObject({
      id: ids['list-one'],
      productCode: 'LIST',
      amountFen: '2000000',
      applicantName: '深圳list-one有限公司',
    });
  });

  it('gives a lender its bank’s applications, newest first, and another bank none', async () => {
    const bankA = await list('bank-a-officer');
    expect(bankA.items.map((item) => item.id)).toEqual([ids['list-two'], ids['list-one']]);
    expect(bankA.items.every((item) => item.applicantUscc?.length === 18)).toBe(true);
    expect((await list('bank-b-officer')).total).toBe(0);
    expect((await list('operator')).total).toBe(2);
  });

  it('filters by status, outcome, product and time, and pages', async () => {
    const status = await bankStatus();
    expect((await list('bank-a-officer', `?status=${status}`)).total).toBe(2);
    expect((await list('bank-a-officer', '?status=closed,withdrawn')).total).toBe(0);
    expect((await list('bank-a-officer', '?productCode=OTHER')).total).toBe(0);
    const future = new Date(t.ctx.now().getTime() + 60_000).toISOString();
    expect((await list('bank-a-officer', `?from=${future}`)).total).toBe(0);
    expect((await list('bank-a-officer', `?to=${future}`)).total).toBe(2);
    const page = await list('bank-a-officer', '?limit=1&offset=1');
    expect(page).toMatchObject({ total: 2, items: [{ id: ids['list-one'] }] });
    const outcome = (await list('bank-a-officer')).items[0]?.outcome ?? 'review';
    expect((await list('bank-a-officer', `?outcome=${outcome}`)).total).toBe(2);
  });

  it('refuses an unknown status with the field named, and a provider', async () => {
    const bad = await t.as(tokens['bank-a-officer'] ?? '', {
      method: 'GET',
      url: '/loans/applications?status=approved-ish',
    });
    expect(bad.statusCode).toBe(400);
    expect(errorOf(bad).fields[0]).toMatchObject({ path: 'query.status' });
    const provider = await t.app.inject({
      method: 'GET',
      url: '/loans/applications',
      headers: { 'x-api-key': t.providerApiKey ?? '' },
    });
    expect(provider.statusCode).toBe(403);
  });
});

async function bankStatus() {
  const statuses = new Set((await list('bank-a-officer')).items.map((item) => item.status));
  expect(statuses.size).toBe(1);
  return [...statuses][0];
}

describe('GET /loans/applications/{id}', () => {
  it('names the enterprise that applied to the lender reading it', async () => {
    const response = await t.as(tokens['bank-a-officer'] ?? '', {
      method: 'GET',
      url: `/loans/applications/${ids['list-two']}`,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ applicant: unknown }>().applicant).toEqual({
      kind: 'enterprise',
      id: expect.stringMatching(/^[0-9a-f-]{36}$/) as unknown,
      uscc: buildUscc('9', '1', '440305', 'MA5LL1K2'),
      name: '深圳list-two有限公司',
    });
  });
});
