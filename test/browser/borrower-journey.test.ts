import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { buildResidentId, buildUscc, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { grantDemoProvider, publishProduct } from '../helpers/lending.js';
import {
  expectNoProblems,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  startServer,
  type BrowserServer,
  type OpenPage,
} from './harness.js';

/**
 * A borrower from registration to a contracted loan, through the borrower portal: register
 * an enterprise, see the profile built from a provider's records, grant the lender consent,
 * pre-check and apply, accept the offer (the bank's officer approves the review through the
 * API: there is no scorecard on this node, so a person decides), read the contract and
 * confirm it by its hash. And a person's wrong resident ID refused at its field.
 */

const USCC = buildUscc('9', '1', '440305', 'MA5WEB01');
const NAME = '深圳信易网页科技有限公司';
const LOGIN = 'web-borrower';
const BANK_A = '华信示范银行';
// Receipts carry a signed checkpoint: this node signs with a key of its own.
const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'der', type: 'pkcs8' })
  .toString('base64');

let server: BrowserServer;
let browser: Browser;
let applicationPath = '';

beforeAll(async () => {
  server = await startServer({ env: { XINYI_SIGNING_KEY: SIGNING_KEY } });
  browser = await launchBrowser();
  const operator = await server.login('operator');
  await grantDemoProvider(server, operator, ['business_registration']);
  await publishProduct(server, await server.login('bank-a-admin'), {
    code: 'SME-WEB',
    name: '小微经营贷',
    requiredCategories: ['business_registration'],
    requiredChecks: ['business_status'],
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** What a provider delivers about the enterprise, then the profile catches up. */
async function pushRegistrationRecord() {
  const pushed = await server.app.inject({
    method: 'POST',
    url: '/ingest/business_registration',
    headers: { 'x-api-key': server.providerApiKey ?? '' },
    payload: {
      records: [
        {
          uscc: USCC,
          name: NAME,
          status: 'active',
          established_on: '2016-05-10',
          registered_capital: '500000000',
          industry: 'technology',
          region: '440305',
        },
      ],
    },
  });
  expect(pushed.statusCode, pushed.body).toBe(201);
  await server.drain();
}

/** The bank's officer approves the application the machine sent to review. */
async function officerApproves(applicationId: string) {
  const officer = await server.login('bank-a-officer');
  const queue = await server.as(officer, { method: 'GET', url: '/loans/reviews' });
  const task = queue
    .json<{ id: string; applicationId: string }[]>()
    .find((x) => x.applicationId === applicationId);
  expect(task, queue.body).toBeDefined();
  await server.as(officer, { method: 'POST', url: `/loans/reviews/${task?.id}/claim` });
  const decided = await server.as(officer, {
    method: 'POST',
    url: `/loans/reviews/${task?.id}/decide`,
    payload: { outcome: 'approve', reason: '经营正常，同意授信' },
  });
  expect(decided.statusCode, decided.body).toBe(200);
}

/** On failure, what the page showed and said: a screenshot and the collected problems. */
function explainFailure(open: OpenPage, name: string) {
  onTestFailed(async () => {
    console.error(`${name} failed at ${open.page.url()}:`, open.problems);
    await screenshot(open.page, 'en', 'borrower', `failed-${name}`).catch(() => undefined);
  });
}

/** The bank pays the contracted loan out: the loan opens with its schedule. */
async function disburse(applicationId: string) {
  const officer = await server.login('bank-a-officer');
  const response = await server.as(officer, {
    method: 'POST',
    url: `/loans/applications/${applicationId}/disbursement`,
    headers: { 'idempotency-key': `pay-out-${applicationId}` },
    payload: { reference: 'WEB-PAYOUT-1' },
  });
  expect(response.statusCode, response.body).toBe(201);
}

/**
 * Scores of the enterprise over three months, as the scoring worker stores them (this node
 * has no trained scorecard): a retired model version, so nothing else is scored with it.
 */
async function storeScoreHistory() {
  const modelId = randomUUID();
  const db = server.ctx.db;
  await db
    .insertInto('scorecard_models')
    .values({
      id: modelId,
      subject_kind: 'enterprise',
      segment: 'general',
      version: 3,
      status: 'retired',
      training_data_hash: 'b'.repeat(64),
      parameters: '{}',
      metrics: '{}',
      scorecard: '{}',
      training_scores: '[]',
      created_by: 'system',
      created_at: new Date('2026-09-01T00:00:00Z'),
      activated_at: new Date('2026-09-01T00:00:00Z'),
      retired_at: new Date('2026-12-01T00:00:00Z'),
    })
    .execute();
  const reasons = JSON.stringify([
    { feature: 'tax_arrears_months_12m', value: 2, shortfall: 14 },
    { feature: 'years_since_registration', value: 10.6, shortfall: 3 },
  ]);
  const history: [number, string, number, string][] = [
    [598, 'C', 0.071, '2026-09-15T02:00:00Z'],
    [621, 'B', 0.043, '2026-10-20T02:00:00Z'],
    [644, 'B', 0.031, '2026-11-25T02:00:00Z'],
  ];
  for (const [index, [score, grade, pd, at]] of history.entries()) {
    await db
      .insertInto('scores')
      .values({
        subject_kind: 'enterprise',
        subject_ref: USCC,
        model_id: modelId,
        score,
        grade,
        probability_of_default: pd,
        reasons,
        reasons_encrypted: null,
        features_hash: String(index).padStart(64, 'c'),
        trigger: 'record_change',
        computed_at: new Date(at),
      })
      .execute();
  }
}

async function selectOption(page: Page, testId: string, title: string) {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(title).click();
}

describe('the borrower portal', () => {
  it('takes an enterprise from registration to a contracted loan', async () => {
    const open = await openPage(browser, server);
    const { page } = open;
    // A long walk on a busy 2-core machine: each step may wait a little longer.
    page.setDefaultTimeout(30_000);
    explainFailure(open, 'journey');

    await page.goto('/login');
    await page.getByText('没有账号？注册为借款人').click();
    await page.getByTestId('register-uscc').waitFor();
    await screenshot(page, 'zh-CN', 'borrower', 'register');
    await page.getByTestId('register-uscc').fill(USCC);
    await page.getByTestId('register-name').fill(NAME);
    await selectOption(page, 'register-industry', '科技');
    await page.getByTestId('register-login').fill(LOGIN);
    await page.getByTestId('register-password').fill(DEMO_PASSWORD);
    await page.getByTestId('register-submit').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/borrower/profile');

    await pushRegistrationRecord();
    await page.reload();
    await page.getByTestId('profile-features').waitFor();
    await page.getByTestId('profile-no-score').waitFor();
    await page.getByTestId('profile-search').locator('input').fill('成立');
    await expect
      .poll(() => page.getByTestId('profile-features').locator('tbody tr').count())
      .toBeGreaterThan(0);
    await page.getByTestId('profile-search').locator('input').fill('');
    await screenshot(page, 'zh-CN', 'borrower', 'profile');

    await page.goto('/borrower/consents');
    await page.getByTestId('consents-grant').click();
    await selectOption(page, 'consent-form-lender', BANK_A);
    await page.locator('.ant-modal').getByText('市场监管（工商登记）').click();
    await page.getByTestId('consent-form-submit').click();
    await page.getByTestId('consent-status').first().waitFor();
    expect(await page.getByTestId('consent-status').first().textContent()).toBe('有效');
    await page.getByTestId('consent-events').first().click();
    await page.getByTestId('consent-events-table').getByText('授权').first().waitFor();
    await screenshot(page, 'zh-CN', 'borrower', 'consents');
    await page.keyboard.press('Escape');

    await page.goto('/borrower/products');
    const card = page.locator('[data-testid="product-card"][data-code="SME-WEB"]');
    await card.getByTestId('product-precheck').click();
    await page.locator('[data-testid="precheck-result"][data-outcome="pass"]').waitFor();
    await page.getByTestId('apply-consent-ready').waitFor();
    await screenshot(page, 'zh-CN', 'borrower', 'precheck');

    // A wrong amount is refused at its field before anything is sent.
    await page.getByTestId('apply-amount').fill('12.345');
    await page.getByTestId('apply-submit').click();
    await page.getByText('请输入金额，最多两位小数').waitFor();
    await page.getByTestId('apply-amount').fill('120000');
    await page.getByTestId('apply-submit').click();
    await expect.poll(() => page.url()).toMatch(/\/borrower\/applications\/[0-9a-f-]{36}$/);
    applicationPath = new URL(page.url()).pathname;
    await page.locator('[data-testid="decision"][data-outcome="review"]').waitFor();
    expect(await page.getByTestId('decision-reasons').textContent()).toContain('暂无信用评分');

    await officerApproves(applicationPath.split('/').at(-1) ?? '');
    await page.reload();
    await page.getByTestId('offer-accept').click();
    await page.getByTestId('contract-text').waitFor();
    await page.getByTestId('contract-hash-check').waitFor();
    expect(await page.getByTestId('contract-hash-check').textContent()).toBe('与您阅读的文本一致');
    await page.getByTestId('contract-confirm').click();
    await page.locator('[data-testid="application-status"][data-status="contracted"]').waitFor();
    await page.getByTestId('contract-confirmed').waitFor();
    await screenshot(page, 'zh-CN', 'borrower', 'application');

    const receipt = page.waitForEvent('download');
    await page.getByTestId('decision-receipt').first().click();
    expect((await receipt).suggestedFilename()).toMatch(/^xinyi-receipt-\d+\.json$/);

    await page.goto('/borrower/applications');
    expect(await page.getByTestId('application-status').first().textContent()).toBe('已签约');
    await page.goto('/borrower/messages');
    await page.getByTestId('message').first().waitFor();
    await screenshot(page, 'zh-CN', 'borrower', 'messages');

    // The consent is revoked after a confirmation; the loan already made stays.
    await page.goto('/borrower/consents');
    await page.getByTestId('consent-revoke').first().click();
    await page.getByTestId('consents-revoke-confirm').click();
    await expect
      .poll(() => page.getByTestId('consent-status').first().textContent())
      .toBe('已撤回');
    expectNoProblems(open);
    await open.context.close();
  });

  it('shows the same pages in English and at phone width', async () => {
    // Signed in by its token: the sign-in page is the frame's test, not this one's.
    const open = await openPage(browser, server, { locale: 'en' });
    const { page } = open;
    page.setDefaultTimeout(30_000);
    explainFailure(open, 'english');
    const token = await server.login(LOGIN);
    await open.context.addInitScript({
      content: `localStorage.setItem('xinyi.token', ${JSON.stringify(token)});`,
    });
    await storeScoreHistory();
    await page.goto('/borrower/profile');
    await page.getByTestId('profile-features').waitFor();
    await page.getByTestId('chart').waitFor();
    expect(await page.getByTestId('profile-score-value').textContent()).toContain('644');
    expect(await page.getByTestId('profile-reasons').textContent()).toContain(
      'In tax arrears in 2 of the last 12 months',
    );
    await screenshot(page, 'en', 'borrower', 'profile');
    await page.goto('/borrower/consents');
    await page.getByTestId('consent-status').first().waitFor();
    await screenshot(page, 'en', 'borrower', 'consents');
    await page.goto('/borrower/products');
    await page.getByTestId('product-precheck').first().click();
    await page.getByTestId('precheck-result').waitFor();
    await screenshot(page, 'en', 'borrower', 'precheck');
    await disburse(applicationPath.split('/').at(-1) ?? '');
    await page.goto(applicationPath);
    await page.getByTestId('loan-schedule').locator('tr.ant-table-row').first().waitFor();
    expect(await page.getByTestId('application-status').textContent()).toBe('Disbursed');
    expect(await page.getByTestId('loan-schedule').locator('tr.ant-table-row').count()).toBe(3);
    await screenshot(page, 'en', 'borrower', 'application');
    await page.goto('/borrower/messages');
    await page.getByTestId('message').first().waitFor();
    await screenshot(page, 'en', 'borrower', 'messages');

    await page.setViewportSize(PHONE);
    await page.goto(applicationPath);
    await page.getByTestId('loan-schedule').waitFor();
    await screenshot(page, 'en', 'borrower', 'application-phone');
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expectNoProblems(open);
    await open.context.close();
  });

  it('refuses a person’s wrong resident ID at its field', async () => {
    const open = await openPage(browser, server, { locale: 'en' });
    const { page } = open;
    await page.goto('/register');
    await page.getByTestId('register-kind-person').click();
    await page.getByTestId('register-id-number').fill(buildResidentId('110101', '19901345', '123'));
    await page.getByTestId('register-name').fill('王小红');
    await page.getByTestId('register-login').fill('web-person');
    await page.getByTestId('register-password').fill(DEMO_PASSWORD);
    await page.getByTestId('register-submit').click();
    const error = page.locator('.ant-form-item-has-error').filter({
      has: page.getByTestId('register-id-number'),
    });
    await error.locator('.ant-form-item-explain-error').waitFor();
    expect(await error.locator('.ant-form-item-explain-error').textContent()).toMatch(
      /date|birth/i,
    );
    expect(new URL(page.url()).pathname).toBe('/register');
    await screenshot(page, 'en', 'borrower', 'register-error');
    // The corrected form is a new request (a new Idempotency-Key) and goes through.
    await page.getByTestId('register-id-number').fill(buildResidentId('110101', '19900307', '123'));
    await page.getByTestId('register-submit').click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/borrower/profile');
    expectNoProblems(open);
    await open.context.close();
  });
});
