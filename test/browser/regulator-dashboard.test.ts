import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoApplicants, seedDemoActivity } from '../../src/demo/activity.js';
import { seedDemoData } from '../../src/demo/seed-data.js';
import { sequenceLedger } from '../../src/ledger/sequencer.js';
import { DEMO_SUBJECTS } from '../../src/demo/seed.js';
import { parseOutcomes } from '../../src/scoring/outcomes.js';
import { trainFromOutcomes } from '../../src/scoring/training.service.js';
import {
  expectNoProblems,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  signIn,
  startServer,
  type BrowserServer,
  type Locale,
  type OpenPage,
} from './harness.js';

/**
 * The regulator's portal on a market with a history: a small generated data set ingested
 * from its providers, scorecards trained on it, and the demo's lending activity (products,
 * applications decided by the machine and by officers, loans repaid and overdue,
 * objections). The dashboard draws every chart with data, the fairness and data-quality
 * views list their rows, the models show their validation, and the ledger browser verifies
 * a receipt in the page — and refuses a tampered one.
 */

const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'der', type: 'pkcs8' })
  .toString('base64');

const DASHBOARD_CHARTS = [
  'dashboard-coverage',
  'dashboard-decisions',
  'dashboard-speed',
  'dashboard-by-industry',
  'dashboard-by-segment',
  'dashboard-by-region',
  'dashboard-objection-statuses',
];

const STEPS = [
  'verifierKey',
  'signature',
  'checkpoint',
  'leaf',
  'content',
  'leafHash',
  'inclusion',
] as const;

let server: BrowserServer;
let browser: Browser;

async function seedMarket(t: BrowserServer) {
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-regulator-'));
  const data = await seedDemoData(t.ctx, {
    dir,
    enterprises: 100,
    persons: 40,
    seed: 'xinyi-demo',
  });
  await t.drain();
  const outcomes = parseOutcomes(readFileSync(path.join(dir, data.manifest.labels.file), 'utf8'));
  await trainFromOutcomes(t.ctx, 'system', outcomes, { activate: true });
  await t.drain();
  const activity = await seedDemoActivity(
    t.ctx,
    demoApplicants(
      outcomes,
      DEMO_SUBJECTS.persons.slice(1),
      DEMO_SUBJECTS.enterprises.map((e) => e.uscc),
    ),
  );
  expect(activity.applications).toBeGreaterThan(5);
  expect(activity.loans).toBeGreaterThan(0);
  // A server node's sequencer would have put the seeding's events into the log by now.
  await sequenceLedger(t.ctx);
}

/** Each chart on the page holds series with data points, as ECharts reports them. */
async function expectChartsWithData(page: Page, cards: readonly string[]) {
  for (const card of cards) {
    const chart = page.getByTestId(card).getByTestId('chart');
    await chart.locator('canvas').first().waitFor();
    expect(Number(await chart.getAttribute('data-series-count')), card).toBeGreaterThan(0);
    expect(Number(await chart.getAttribute('data-points')), card).toBeGreaterThan(0);
  }
}

/** The page never scrolls sideways: wide tables and charts scroll or shrink in their own box. */
async function expectFits(page: Page) {
  const overflow = await page.evaluate<number>(
    'document.documentElement.scrollWidth - document.documentElement.clientWidth',
  );
  expect(overflow).toBeLessThanOrEqual(1);
}

/** No message key reached the page untranslated. */
async function expectTranslated(page: Page) {
  const text = await page.locator('body').innerText();
  expect(text).not.toMatch(/\bregulator\.[a-z]+\.[a-zA-Z]/);
}

async function visit(page: Page, url: string, testId: string) {
  await page.goto(url);
  await page.getByTestId(testId).waitFor();
  await page.getByTestId('loading').first().waitFor({ state: 'detached' });
}

async function stepResults(page: Page) {
  const results: Record<string, string | null> = {};
  for (const step of STEPS) {
    results[step] = await page.getByTestId(`ledger-step-${step}`).getAttribute('data-ok');
  }
  return results;
}

async function verifyFirstReceipt(page: Page) {
  await visit(page, '/regulator/ledger', 'ledger-events');
  await page.getByTestId('ledger-checkpoint-signed').waitFor();
  expect(await page.getByTestId('ledger-checkpoint-signed').getAttribute('data-ok')).toBe('true');
  await page.locator('[data-testid^="ledger-verify-"]').first().click();
  await page.getByTestId('ledger-verdict').waitFor();
}

beforeAll(async () => {
  server = await startServer({ env: { XINYI_SIGNING_KEY: SIGNING_KEY } });
  await seedMarket(server);
  browser = await launchBrowser();
}, 120_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the regulator portal', () => {
  let zh: OpenPage;
  let en: OpenPage;

  beforeAll(async () => {
    zh = await openPage(browser, server, { locale: 'zh-CN' });
    en = await openPage(browser, server, { locale: 'en' });
    // This file's pages draw many charts on a busy CI machine: a little more patience.
    for (const open of [zh, en]) open.page.setDefaultTimeout(30_000);
    await signIn(zh.page, 'regulator');
    await signIn(en.page, 'regulator');
  });
  afterAll(async () => {
    await zh?.context.close();
    await en?.context.close();
  });

  it('opens on the market dashboard, every chart drawn with data', async () => {
    for (const [locale, open] of [
      ['zh-CN', zh],
      ['en', en],
    ] as [Locale, OpenPage][]) {
      const { page } = open;
      await visit(page, '/regulator/dashboard', 'kpi-applications');
      expect(
        Number(
          await page
            .getByTestId('kpi-applications')
            .locator('.ant-statistic-content-value')
            .innerText(),
        ),
      ).toBeGreaterThan(5);
      await expectChartsWithData(page, DASHBOARD_CHARTS);
      await expectTranslated(page);
      await expectFits(page);
      await screenshot(page, locale, 'regulator', 'dashboard');
      expectNoProblems(open);
    }
    expect(new URL(zh.page.url()).pathname).toBe('/regulator/dashboard');
  });

  it('shows each industry’s rates in the fairness view, with the rule explained', async () => {
    for (const [locale, open] of [
      ['zh-CN', zh],
      ['en', en],
    ] as [Locale, OpenPage][]) {
      const { page } = open;
      await visit(page, '/regulator/fairness', 'fairness-groups');
      await page.getByTestId('fairness-rule').waitFor();
      expect(
        await page.getByTestId('fairness-groups').locator('tbody tr.ant-table-row').count(),
      ).toBeGreaterThan(1);
      await expectChartsWithData(page, ['fairness-chart']);
      await expectTranslated(page);
      await expectFits(page);
      await screenshot(page, locale, 'regulator', 'fairness');
      expectNoProblems(open);
    }
  });

  it('lists data quality by provider, category and month', async () => {
    for (const [locale, open] of [
      ['zh-CN', zh],
      ['en', en],
    ] as [Locale, OpenPage][]) {
      const { page } = open;
      await visit(page, '/regulator/quality', 'quality-rows');
      expect(
        await page.getByTestId('quality-rows').locator('tbody tr.ant-table-row').count(),
      ).toBeGreaterThan(5);
      await expectChartsWithData(page, ['quality-by-provider', 'quality-by-month']);
      await expectTranslated(page);
      await expectFits(page);
      await screenshot(page, locale, 'regulator', 'quality');
      expectNoProblems(open);
    }
  });

  it('shows the scorecards with their validation charts and stability, read-only', async () => {
    for (const [locale, open] of [
      ['zh-CN', zh],
      ['en', en],
    ] as [Locale, OpenPage][]) {
      const { page } = open;
      await visit(page, '/regulator/models', 'models-table');
      await screenshot(page, locale, 'regulator', 'models');
      await page.locator('[data-testid^="models-open-"]').first().click();
      await page.getByTestId('model-metrics').waitFor();
      const roc = page.getByTestId('model-chart-roc').locator('img');
      await roc.waitFor();
      await expect
        .poll(() =>
          roc.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth),
        )
        .toBeGreaterThan(0);
      await page
        .getByTestId('model-stability')
        .getByTestId('loading')
        .waitFor({ state: 'detached' });
      // The regulator reads; only the operator activates.
      expect(await page.getByTestId('model-activate').count()).toBe(0);
      await expectTranslated(page);
      await expectFits(page);
      await screenshot(page, locale, 'regulator', 'model');
      expectNoProblems(open);
    }
  });

  it('verifies a receipt in the page, every step green', async () => {
    for (const [locale, open] of [
      ['zh-CN', zh],
      ['en', en],
    ] as [Locale, OpenPage][]) {
      const { page } = open;
      await verifyFirstReceipt(page);
      expect(await page.getByTestId('ledger-verdict').getAttribute('data-ok')).toBe('true');
      expect(Object.values(await stepResults(page))).toEqual(STEPS.map(() => 'true'));
      await expectTranslated(page);
      await expectFits(page);
      await screenshot(page, locale, 'regulator', 'ledger-verified');
      expectNoProblems(open);
    }
  });

  it('fails a receipt whose leaf was edited in the page', async () => {
    const { page } = zh;
    await verifyFirstReceipt(page);
    const input = page.getByTestId('ledger-receipt-input');
    const receipt = JSON.parse(await input.inputValue()) as { entry: string };
    // One character of the leaf's base64 changed: a different leaf, whose hash is not in the tree.
    const entry =
      receipt.entry.slice(0, 10) +
      (receipt.entry[10] === 'A' ? 'B' : 'A') +
      receipt.entry.slice(11);
    await input.fill(JSON.stringify({ ...receipt, entry }));
    await page.getByTestId('ledger-verify-again').click();
    await expect
      .poll(() => page.getByTestId('ledger-verdict').getAttribute('data-ok'))
      .toBe('false');
    expect((await stepResults(page)).inclusion).toBe('false');
    await screenshot(page, 'zh-CN', 'regulator', 'ledger-tampered');
    expectNoProblems(zh);
  });

  it('fails a receipt whose proof the network changed on the way', async () => {
    const { page } = en;
    await page.route('**/ledger/receipts/*', async (route) => {
      const response = await route.fetch();
      const receipt = (await response.json()) as { inclusionProof: string[] };
      const [first = '', ...rest] = receipt.inclusionProof;
      const changed = (first[0] === 'A' ? 'B' : 'A') + first.slice(1);
      await route.fulfill({ response, json: { ...receipt, inclusionProof: [changed, ...rest] } });
    });
    await verifyFirstReceipt(page);
    expect(await page.getByTestId('ledger-verdict').getAttribute('data-ok')).toBe('false');
    const steps = await stepResults(page);
    expect(steps.inclusion).toBe('false');
    expect(steps.signature).toBe('true');
    await page.unroute('**/ledger/receipts/*');
    expectNoProblems(en);
  });

  it('fits a phone: the dashboard and the ledger at 390 px', async () => {
    const open = await openPage(browser, server, { locale: 'zh-CN', viewport: PHONE });
    const { page } = open;
    await signIn(page, 'regulator');
    await visit(page, '/regulator/dashboard', 'kpi-applications');
    await expectChartsWithData(page, ['dashboard-by-industry']);
    await expectFits(page);
    await screenshot(page, 'zh-CN', 'regulator', 'dashboard-phone');
    await verifyFirstReceipt(page);
    expect(await page.getByTestId('ledger-verdict').getAttribute('data-ok')).toBe('true');
    await screenshot(page, 'zh-CN', 'regulator', 'ledger-phone');
    expectNoProblems(open);
    await open.context.close();
  });
});
