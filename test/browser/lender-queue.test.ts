import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDate } from '../../src/platform/time.js';
import { applicant, editedDefaultPolicy } from '../../src/rules/testing.js';
import { grantDemoProvider } from '../helpers/lending.js';
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
import {
  acceptAndSign,
  applyFor,
  choose,
  go,
  enterpriseBorrower,
  fieldError,
  input,
  latestProductId,
  tick,
} from './lender-steps.js';

/**
 * A lender publishing a product and working the queue, through the lender portal: the admin
 * imports the default JDM policy, reads it as tables, publishes it, dry-runs a changed
 * version, publishes a product through the form; borrowers apply (through the API); officers
 * claim, read the evidence, approve above the threshold (a second officer approves too) and
 * decline another with a reason; the approved loan is paid out, repaid in part and warned about.
 */

const POLICY = readFileSync('src/rules/default-policy.jdm.json');
const json = (name: string, value: unknown) => ({
  name,
  mimeType: 'application/json',
  buffer: Buffer.from(JSON.stringify(value)),
});

let server: BrowserServer;
let browser: Browser;
let admin: OpenPage;
const ids = { rules: '', draft: '', product: '', big: '', bigUscc: '', small: '', loan: '' };
const tokens: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
  browser = await launchBrowser();
  tokens.operator = await server.login('operator');
  tokens.admin = await server.login('bank-a-admin');
  await grantDemoProvider(server, tokens.operator, ['business_registration', 'judicial']);
  admin = await openPage(browser, server);
  await signIn(admin.page, 'bank-a-admin');
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a lender publishing a product and working the queue', () => {
  it('imports a JDM file, shows its decision tables and publishes it', async () => {
    const { page } = admin;
    await go(page, '/lender/rules');
    await page.getByTestId('rules-import-name').fill('sme-policy');
    // A file that is not a decision graph: the JDM problems are listed.
    await page.locator('input[type="file"]').setInputFiles(json('broken.json', { nodes: 'none' }));
    await page.getByText('broken.json').waitFor();
    await page.getByTestId('rules-import-submit').click();
    await page.getByTestId('rules-jdm-problems').waitFor();
    await page.locator('input[type="file"]').setInputFiles({
      name: 'default-policy.jdm.json',
      mimeType: 'application/json',
      buffer: POLICY,
    });
    await page.getByText('default-policy.jdm.json').waitFor();
    await page.getByTestId('rules-import-submit').click();
    await page.waitForURL(/\/lender\/rules\/[0-9a-f-]{36}$/);
    ids.rules = page.url().split('/').pop() ?? '';
    const table = page.getByTestId('decision-table-loan-policy');
    await table.waitFor();
    expect(await table.textContent()).toContain('features.listed_dishonest == 1');
    await screenshot(page, 'zh-CN', 'lender', 'decision-tables');
    await page.getByTestId(`rules-publish-${ids.rules}`).click();
    await page.getByTestId('rules-publish-confirm').click();
    await expect.poll(() => page.getByTestId('rule-version-status').textContent()).toBe('已发布');
    expectNoProblems(admin);
  });

  it('dry-runs a changed version: past applications, then a file of cases, case by case', async () => {
    const { page } = admin;
    await go(page, '/lender/rules');
    await page.getByTestId('rules-import-name').fill('sme-policy');
    const changed = editedDefaultPolicy({
      'approve-enterprise-c': { decision: '"review"', reason: '"SCORE_GRADE_C_REVIEW"' },
    });
    await page.locator('input[type="file"]').setInputFiles(json('stricter.json', changed));
    await page.getByText('stricter.json').waitFor();
    await page.getByTestId('rules-import-submit').click();
    await page.waitForURL(/\/lender\/rules\/[0-9a-f-]{36}$/);
    ids.draft = page.url().split('/').pop() ?? '';
    expect(ids.draft).not.toBe(ids.rules);
    // No automated decision yet on this bank (this node has no scorecard): nothing to run on.
    await page.getByTestId('dry-run-start').click();
    await page.getByTestId('dry-run-nothing').waitFor();
    const cases = [
      { id: 'grade-a', input: applicant() },
      { id: 'grade-c', input: applicant({ grade: 'C' }) },
    ];
    await page
      .getByTestId('dry-run')
      .locator('input[type="file"]')
      .setInputFiles(json('cases.json', cases));
    await page.getByTestId('dry-run-report').waitFor();
    expect(await page.getByTestId('dry-run-count-flipped').textContent()).toContain('1');
    const rows = page.getByTestId('dry-run-cases').locator('tbody tr.ant-table-row');
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain('grade-c');
    await screenshot(page, 'zh-CN', 'lender', 'dry-run');
    expectNoProblems(admin);
  });

  it('publishes a product version through the form; a bad field shows the API’s error there', async () => {
    const { page } = admin;
    await go(page, '/lender/products');
    await page.getByTestId('products-new').click();
    await page.getByTestId('product-form').waitFor();
    await page.getByTestId('product-code').fill('SME-WEB');
    await page.getByTestId('product-name').fill('小微网上贷');
    await page.getByTestId('product-min-amount').fill('10000');
    await page.getByTestId('product-max-amount').fill('500000');
    await page.getByTestId('product-second-review').fill('100000');
    for (const [grade, bp] of [
      ['A', '420'],
      ['B', '520'],
      ['C', '650'],
    ] as const) {
      await input(page, `product-rate-${grade}`).fill(bp);
    }
    await input(page, 'product-approve-from').fill('600');
    await input(page, 'product-decline-below').fill('700');
    await choose(page, 'product-categories', '市场监管（工商登记）');
    await choose(page, 'product-checks', '经营状态');
    await choose(page, 'product-rule-version', 'sme-policy v1');
    await screenshot(page, 'zh-CN', 'lender', 'product-form');
    await page.getByTestId('product-submit').click();
    // Cut-offs crossed: the API's problem sits at the decline field.
    await expect.poll(() => fieldError(page, 'product-decline-below').textContent()).toBeTruthy();
    expect(page.url()).toMatch(/\/products\/new$/);
    await input(page, 'product-decline-below').fill('400');
    await page.getByTestId('product-submit').click();
    await page.waitForURL(/\/lender\/products$/);
    await page.getByTestId('products-card-SME-WEB').waitFor();
    // A new version: the form starts from the current one; both versions stay listed.
    await page.getByTestId('products-new-version-SME-WEB').click();
    await expect.poll(() => page.getByTestId('product-code').inputValue()).toBe('SME-WEB');
    await input(page, 'product-rate-A').fill('400');
    await page.getByTestId('product-submit').click();
    await page.waitForURL(/\/lender\/products$/);
    const card = page.getByTestId('products-card-SME-WEB');
    await expect.poll(() => card.locator('tbody tr.ant-table-row').count()).toBe(2);
    await screenshot(page, 'zh-CN', 'lender', 'products');
    expectNoProblems(admin);
  });

  it('officers claim, read the evidence, approve above the threshold with a second officer, and decline', async () => {
    const created = await server.as(tokens.admin ?? '', {
      method: 'POST',
      url: '/users',
      payload: {
        login: 'bank-a-officer-2',
        password: 'Strong-pass-42',
        displayName: '复核员',
        role: 'lender_officer',
        organisationId: (await server.as(tokens.admin ?? '', { method: 'GET', url: '/me' })).json<{
          organisationId: string;
        }>().organisationId,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const big = await enterpriseBorrower(server, 'queue-big', 'MA5LC7Q1');
    const small = await enterpriseBorrower(server, 'queue-small', 'MA5LC7Q2');
    tokens.big = big.token;
    ids.bigUscc = big.uscc;
    ids.product = await latestProductId(server, big.token, 'SME-WEB');
    const apply = (token: string, amountFen: string) =>
      applyFor(server, token, {
        productId: ids.product,
        amountFen,
        termMonths: 6,
        repaymentMethod: 'equal_instalment',
      });
    ids.big = await apply(big.token, '12000000');
    ids.small = await apply(small.token, '5000000');

    const first = await openPage(browser, server);
    const { page } = first;
    await signIn(page, 'bank-a-officer');
    await go(page, '/lender/reviews');
    const bigRow = page.getByTestId(`review-row-${ids.big}`);
    await bigRow.waitFor();
    await screenshot(page, 'zh-CN', 'lender', 'review-queue');
    await bigRow.getByTestId('review-claim').click();
    await page.waitForURL(/\/lender\/reviews\/[0-9a-f-]{36}$/);
    await page.getByTestId('application-checks').waitFor();
    expect(await page.getByTestId('check-outcome-business_status').textContent()).toBe('通过');
    await page.getByTestId('decision-hash').first().waitFor();
    await tick(page, 'review-approve');
    await page.getByTestId('review-limit').fill('120000');
    await input(page, 'review-rate').fill('520');
    await page.getByTestId('review-reason').fill('登记正常，经营年限较长');
    await screenshot(page, 'zh-CN', 'lender', 'review');
    await page.getByTestId('review-submit').click();
    await page.waitForURL(/\/lender\/reviews$/);
    // The first approver may not give the second approval.
    await page.getByTestId(`review-row-${ids.big}`).getByTestId('review-open').click();
    await page.getByTestId('review-needs-other').waitFor();

    // The small one is declined with a reason.
    await go(page, '/lender/reviews');
    await page.getByTestId(`review-row-${ids.small}`).getByTestId('review-claim').click();
    await page.getByTestId('review-decide-form').waitFor();
    await tick(page, 'review-decline');
    await page.getByTestId('review-submit').click();
    await expect.poll(() => fieldError(page, 'review-reason').textContent()).toBeTruthy();
    await page.getByTestId('review-reason').fill('经营流水不足以支撑申请金额');
    await page.getByTestId('review-submit').click();
    await page.waitForURL(/\/lender\/reviews$/);
    // Admin-only actions are not offered to an officer, and their page refuses one.
    await go(page, '/lender/products');
    await page.getByTestId('products-card-SME-WEB').waitFor();
    expect(await page.getByTestId('products-new').count()).toBe(0);
    expect(await page.getByTestId('products-new-version-SME-WEB').count()).toBe(0);
    await go(page, '/lender/products/new');
    await page.getByText('你的角色无权访问该页面').waitFor();
    expectNoProblems(first);
    await first.context.close();

    // The second officer works in English.
    const second = await openPage(browser, server, { locale: 'en' });
    await signIn(second.page, 'bank-a-officer-2', 'Strong-pass-42');
    await go(second.page, '/lender/reviews');
    const waiting = second.page.getByTestId(`review-row-${ids.big}`);
    await waiting.waitFor();
    expect(await waiting.textContent()).toContain('Awaiting second officer');
    await shot(second.page, 'en', 'review-queue');
    await waiting.getByTestId('review-claim').click();
    const approval = second.page.getByTestId('review-first-approval');
    await approval.waitFor();
    expect(await approval.textContent()).toContain('¥120,000.00');
    await second.page.getByTestId('review-reason').fill('Checked the registration: agreed');
    await shot(second.page, 'en', 'review');
    await second.page.getByTestId('review-submit').click();
    await second.page.waitForURL(/\/lender\/reviews$/);
    expectNoProblems(second);
    await second.context.close();

    const decided = (id: string) =>
      server.as(tokens.admin ?? '', { method: 'GET', url: `/loans/applications/${id}` });
    expect((await decided(ids.big)).json<{ status: string }>().status).toBe('offered');
    expect((await decided(ids.small)).json<{ status: string }>().status).toBe('declined');
  });

  it('pays out the signed loan, records a repayment and sees a post-loan warning', async () => {
    await acceptAndSign(server, tokens.big ?? '', ids.big);
    const { page } = admin;
    await go(page, '/lender/applications');
    await page.getByTestId('apps-table').waitFor();
    await screenshot(page, 'zh-CN', 'lender', 'applications');
    await go(page, `/lender/applications/${ids.big}`);
    // The enterprise that applied is named on its application.
    expect(await page.getByTestId('applicant').textContent()).toContain(ids.bigUscc);
    await page.getByTestId('disburse-reference').fill('BANK-PAYOUT-WEB-1');
    await screenshot(page, 'zh-CN', 'lender', 'application');
    await page.getByTestId('disburse-submit').click();
    await page.waitForURL(/\/lender\/loans\/[0-9a-f-]{36}$/);
    ids.loan = page.url().split('/').pop() ?? '';
    await page.getByTestId('loan-schedule').waitFor();
    const quoted = await page.getByTestId('settlement-amount').textContent();
    const loan = (
      await server.as(tokens.admin ?? '', { method: 'GET', url: `/loans/${ids.loan}` })
    ).json<{
      schedule: { totalFen: string }[];
      outstandingFen: string;
    }>();
    const firstTotal = BigInt(loan.schedule[0]?.totalFen ?? '0');
    await page
      .getByTestId('repayment-amount')
      .fill(`${firstTotal / 100n}.${String(firstTotal % 100n).padStart(2, '0')}`);
    await page.getByTestId('repayment-reference').fill('BANK-IN-WEB-1');
    await page.getByTestId('repayment-submit').click();
    await expect
      .poll(() => page.getByTestId('loan-repayments').locator('tbody tr.ant-table-row').count())
      .toBe(1);
    // The settlement is quoted again: what settles the loan is less by the principal paid.
    await expect.poll(() => page.getByTestId('settlement-amount').textContent()).not.toBe(quoted);
    await screenshot(page, 'zh-CN', 'lender', 'loan');
    await go(page, '/lender/loans');
    await page.getByTestId('loans-table').waitFor();
    await screenshot(page, 'zh-CN', 'lender', 'loans');

    const pushed = await server.app.inject({
      method: 'POST',
      url: '/ingest/judicial',
      headers: { 'x-api-key': server.providerApiKey ?? '' },
      payload: {
        records: [
          {
            case_number: '(2026)粤0305执7788号',
            subject_id: ids.bigUscc,
            role: 'executed_person',
            case_type: 'enforcement',
            filed_on: chinaDate(server.ctx.now()),
            amount: '8000000',
            status: 'open',
          },
        ],
      },
    });
    expect(pushed.statusCode, pushed.body).toBe(201);
    await server.drain();
    await go(page, '/lender/warnings');
    await page.getByTestId('warning-acknowledge').first().waitFor();
    await screenshot(page, 'zh-CN', 'lender', 'warnings');
    await page.getByTestId('warning-acknowledge').first().click();
    await page.getByTestId('empty').waitFor();

    expectNoProblems(admin);
  });

  it('speaks English, and fits a phone', async () => {
    const english = await openPage(browser, server, { locale: 'en' });
    const { page } = english;
    await signIn(page, 'bank-a-admin');
    const pages: [string, string, string][] = [
      ['/lender/products', 'products-list', 'products'],
      ['/lender/products/new', 'product-form', 'product-form'],
      [`/lender/rules/${ids.rules}`, 'decision-tables', 'decision-tables'],
      ['/lender/applications', 'apps-table', 'applications'],
      [`/lender/applications/${ids.big}`, 'application-evidence', 'application'],
      ['/lender/loans', 'loans-table', 'loans'],
      [`/lender/loans/${ids.loan}`, 'loan-schedule', 'loan'],
    ];
    for (const [path, ready, name] of pages) {
      await go(page, path);
      await page.getByTestId(ready).first().waitFor();
      await shot(page, 'en', name);
    }
    // Settled early on the day of payout, the first instalment paid ahead: a new schedule,
    // and the one it replaced shown as it was.
    await go(page, `/lender/loans/${ids.loan}`);
    await page.getByTestId('settlement-reference').fill('BANK-SETTLE-WEB-1');
    await page.getByTestId('settlement-submit').click();
    await page.getByTestId('loan-earlier-schedules').waitFor();
    expect(await page.getByTestId('loan-schedule-version').textContent()).toBe('v2');
    await shot(page, 'en', 'loan-settled');
    await go(page, '/lender/warnings');
    await page.getByText('All', { exact: true }).click();
    await page.getByTestId('warnings-table').waitFor();
    await shot(page, 'en', 'warnings');
    await go(page, `/lender/rules/${ids.draft}`);
    await page
      .getByTestId('dry-run')
      .locator('input[type="file"]')
      .setInputFiles(
        json('cases.json', [
          { id: 'grade-a', input: applicant() },
          { id: 'grade-c', input: applicant({ grade: 'C' }) },
        ]),
      );
    await page.getByTestId('dry-run-report').waitFor();
    await shot(page, 'en', 'dry-run');
    expectNoProblems(english);
    await english.context.close();

    const phone = await openPage(browser, server, { viewport: PHONE });
    await signIn(phone.page, 'bank-a-officer');
    await go(phone.page, `/lender/applications/${ids.big}`);
    await phone.page.getByTestId('application-evidence').waitFor();
    await screenshot(phone.page, 'zh-CN', 'lender', 'application-phone');
    // Nothing wider than the screen but the tables, which scroll inside themselves.
    const width = await phone.page.evaluate('document.documentElement.scrollWidth');
    expect(width).toBeLessThanOrEqual(PHONE.width);
    expectNoProblems(phone);
    await phone.context.close();
  });
});

const shot = (page: OpenPage['page'], locale: Locale, name: string) =>
  screenshot(page, locale, 'lender', name);
