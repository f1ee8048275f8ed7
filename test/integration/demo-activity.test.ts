import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedWholeDemo } from '../../src/cli/demo-seed.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/**
 * The demo as `npm start` seeds it on a fresh database (smaller): besides the providers'
 * data and the scorecards, a lending history that the portals and the regulator's figures
 * show — products, decisions by the machine and by officers, loans repaid and overdue,
 * objections past their deadline.
 */

const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'der', type: 'pkcs8' })
  .toString('base64');

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedWholeDemo>>;
const tokens: Record<string, string> = {};
const get = async <T>(login: string, url: string) => {
  const response = await t.as(tokens[login] ?? '', { method: 'GET', url });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<T>();
};

interface Loan {
  id: string;
  status: string;
  daysPastDue: number;
  outstandingFen: string;
  principalFen: string;
}

beforeAll(async () => {
  t = await startTestApp({
    seed: false,
    env: {
      XINYI_SIGNING_KEY: SIGNING_KEY,
      DATA_DIR: mkdtempSync(path.join(tmpdir(), 'xinyi-demo-activity-')),
    },
  });
  seeded = await seedWholeDemo(t.ctx, t.ctx.config, {
    enterprises: 120,
    persons: 60,
    seed: 'xinyi-demo',
  });
  for (const login of ['regulator', 'bank-a-officer', 'bank-b-officer', 'bank-a-admin']) {
    tokens[login] = await t.login(login);
  }
}, 300_000);
afterAll(async () => t.close());

describe('the seeded demo’s lending history', () => {
  it('publishes products of both banks on the default policy', async () => {
    const products = await get<{ code: string; organisationId: string }[]>(
      'bank-a-admin',
      '/loans/products',
    );
    expect(products.map((p) => p.code).sort()).toEqual(['GR-XF', 'SY-D', 'XW-JY']);
    expect(new Set(products.map((p) => p.organisationId)).size).toBe(2);
  });

  it('has applications the machine decided and ones officers decided or still review', async () => {
    const activity = seeded.activity;
    expect(activity?.applications).toBeGreaterThanOrEqual(15);
    expect(activity?.outcomes.decline).toBeGreaterThan(0);
    expect(activity?.outcomes.review).toBeGreaterThan(0);
    const reviews = await get<unknown[]>('bank-a-officer', '/loans/reviews');
    const reviewsB = await get<unknown[]>('bank-b-officer', '/loans/reviews');
    expect(reviews.length + reviewsB.length).toBeGreaterThan(0);
    const stats = await get<{
      decisions: { applications: number; decided: number; automationRate: number; loans: number };
      byIndustry: unknown[];
      byRegion: unknown[];
    }>('regulator', '/monitor/statistics');
    expect(stats.decisions.applications).toBe(activity?.applications);
    expect(stats.decisions.automationRate).toBeGreaterThan(0);
    expect(stats.decisions.automationRate).toBeLessThan(1);
    expect(stats.byIndustry.length).toBeGreaterThan(1);
    expect(stats.byRegion.length).toBeGreaterThan(1);
  });

  it('pays out loans that are repaid on schedule, and some that fell overdue', async () => {
    const loans = [
      ...(await get<Loan[]>('bank-a-officer', '/loans')),
      ...(await get<Loan[]>('bank-b-officer', '/loans')),
    ];
    expect(loans.length).toBe(seeded.activity?.loans);
    expect(loans.length).toBeGreaterThanOrEqual(3);
    const repaid = loans.filter((loan) => BigInt(loan.outstandingFen) < BigInt(loan.principalFen));
    expect(repaid.length).toBeGreaterThan(0);
    expect(loans.some((loan) => loan.daysPastDue > 0)).toBe(true);
    expect(loans.some((loan) => loan.daysPastDue === 0)).toBe(true);
  });

  it('has applications declined, offered, contracted and paid out', async () => {
    const lists = await Promise.all(
      ['bank-a-officer', 'bank-b-officer'].map((login) =>
        get<{ total: number; items: { status: string }[] }>(login, '/loans/applications?limit=100'),
      ),
    );
    const statuses = new Set(lists.flatMap((list) => list.items.map((a) => a.status)));
    expect(lists.reduce((n, list) => n + list.total, 0)).toBe(seeded.activity?.applications);
    expect(statuses).toContain('declined');
    // Offers left standing (one in five borrowers does not take it) or signed but not paid out.
    expect([...statuses].some((s) => ['offered', 'contracted'].includes(s))).toBe(true);
    expect([...statuses].some((s) => ['disbursed', 'repaying', 'closed'].includes(s))).toBe(true);
  });

  it('has objections, the oldest past their deadline', async () => {
    const objections = await get<{ total: number; breaches: number; byStatus: object }>(
      'regulator',
      '/disputes/statistics',
    );
    expect(objections.total).toBe(seeded.activity?.objections);
    expect(objections.total).toBeGreaterThanOrEqual(3);
    expect(objections.breaches).toBeGreaterThan(0);
    expect(Object.keys(objections.byStatus)).toContain('refused');
  });

  it('seeds nothing the second time', async () => {
    const again = await seedWholeDemo(t.ctx, t.ctx.config, {
      enterprises: 120,
      persons: 60,
      seed: 'xinyi-demo',
    });
    expect(again.activity).toBeNull();
  });
});
