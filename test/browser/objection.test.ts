import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { seedDemoData } from '../../src/demo/seed-data.js';
import { parseOutcomes } from '../../src/scoring/outcomes.js';
import { trainFromOutcomes } from '../../src/scoring/training.service.js';
import { registerEnterprise } from '../helpers/lending.js';
import {
  expectNoProblems,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  signIn,
  startServer,
  type BrowserServer,
  type OpenPage,
} from './harness.js';

/**
 * An objection through to a corrected score, in the pages of everyone involved: a borrower
 * objects to its tax record showing arrears, the operator asks once for missing material,
 * the borrower supplies it, the operator finds the error, a second operator approves, the
 * tax bureau uploads the corrected record and confirms the correction, and the borrower sees
 * the outcome, the original beside the corrected record, and its recomputed score.
 */

const DAY = 86_400_000;
const USCC = buildUscc('9', '1', '310115', 'MA1PWB7R');
const BORROWER = 'objector-web';
const month = (daysAgo: number) => new Date(Date.now() - daysAgo * DAY).toISOString().slice(0, 7);
const PERIOD = month(40);

const taxRow = (arrears: string) => ({
  uscc: USCC,
  period: PERIOD,
  taxable_revenue: '1200000',
  tax_paid: '36000',
  invoice_count: '42',
  invoice_amount: '1100000',
  arrears,
  credit_rating: 'B',
});

const testId = (page: Page, id: string) => page.getByTestId(id);

async function choose(page: Page, select: string, option: string | RegExp) {
  await testId(page, select).click();
  await page
    .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', {
      hasText: option,
    })
    .first()
    .click();
}

const statusOf = (page: Page) =>
  page.getByTestId('objection-status').first().getAttribute('data-status');

describe('an objection through to a corrected score', () => {
  let server: BrowserServer;
  let browser: Browser;
  let recordId = '';
  let objectionUrl = '';
  const opened: OpenPage[] = [];

  beforeAll(async () => {
    server = await startServer({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
    // A scorecard is active, so that the correction is followed by a new score.
    const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-objection-'));
    const data = await seedDemoData(server.ctx, { dir, enterprises: 150, persons: 5, seed: 'web' });
    await server.drain();
    const outcomes = parseOutcomes(readFileSync(path.join(dir, data.manifest.labels.file), 'utf8'));
    await trainFromOutcomes(server.ctx, 'system', { ...outcomes, persons: [] }, { activate: true });
    const operator = await server.login('operator');
    const second = await server.as(operator, {
      method: 'POST',
      url: '/users',
      payload: {
        login: 'operator-2',
        password: DEMO_PASSWORD,
        displayName: '复核员',
        role: 'operator',
      },
    });
    expect(second.statusCode, second.body).toBe(201);
    const borrower = await registerEnterprise(server, BORROWER, {
      uscc: USCC,
      name: '上海异议测试贸易有限公司',
      industry: 'trade',
    });
    const pushed = await server.app.inject({
      method: 'POST',
      url: '/ingest/tax',
      headers: { 'x-api-key': server.providerApiKey ?? '' },
      payload: { records: [taxRow('50000')] },
    });
    expect(pushed.statusCode, pushed.body).toBe(201);
    await server.drain();
    const profile = await server.as(borrower, { method: 'GET', url: '/me/profile' });
    const sources = profile
      .json<{ features: { categories: string[]; sources: string[] }[] }>()
      .features.filter((f) => f.categories.includes('tax'))
      .flatMap((f) => f.sources);
    recordId = sources[0] ?? '';
    expect(recordId).not.toBe('');
    browser = await launchBrowser();
  }, 120_000);
  afterAll(async () => {
    for (const open of opened) await open.context.close().catch(() => undefined);
    await browser?.close();
    await server?.close();
  });

  async function as(login: string, locale: 'zh-CN' | 'en' = 'zh-CN', viewport?: typeof PHONE) {
    const open = await openPage(browser, server, { locale, ...(viewport ? { viewport } : {}) });
    opened.push(open);
    await signIn(open.page, login);
    return open;
  }

  it('is filed, worked by two operators and the provider, and ends with a new score', async () => {
    const borrower = await as(BORROWER);
    const b = borrower.page;
    await b.goto('/borrower/objections');
    await testId(b, 'objection-new').click();
    await choose(b, 'objection-record', `#${recordId}`);
    await testId(b, 'record-field-arrears').waitFor();
    await testId(b, 'objection-reason').fill('该月税款已按期缴纳，不存在欠税');
    await b.locator('input[type=file]').setInputFiles({
      name: '完税证明.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 tax paid'),
    });
    await testId(b, 'evidence-archived').waitFor();
    await testId(b, 'objection-submit').click();
    await expect.poll(() => statusOf(b)).toBe('submitted');
    objectionUrl = new URL(b.url()).pathname;
    const objectionId = objectionUrl.split('/').at(-1) ?? '';
    expect(await testId(b, 'objection-countdown').textContent()).toContain('20');
    await screenshot(b, 'zh-CN', 'borrower', 'objection');

    // The operator's queue, the case with its triage, and the one-time notice.
    const operator = await as('operator');
    const o = operator.page;
    await o.goto('/regulator/objections');
    await testId(o, 'queue-table').waitFor();
    await screenshot(o, 'zh-CN', 'regulator', 'objection-queue');
    await o
      .locator('tr', { hasText: `#${recordId}` })
      .getByTestId('queue-link')
      .click();
    await testId(o, 'triage-versions').waitFor();
    await screenshot(o, 'zh-CN', 'regulator', 'objection-case');
    await testId(o, 'action-tab-request_material').click();
    await testId(o, 'action-missing-items').fill('完税证明原件扫描件\n银行缴款回单');
    await testId(o, 'action-request_material').click();
    await expect.poll(() => statusOf(o)).toBe('awaiting_material');

    // The borrower supplies what was asked for.
    await b.reload();
    await expect.poll(() => b.getByTestId('material-item').count()).toBe(2);
    await b.locator('input[type=file]').setInputFiles({
      name: '缴款回单.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('%PDF-1.4 receipt'),
    });
    await testId(b, 'evidence-archived').waitFor();
    await testId(b, 'material-note').fill('已补充完税证明和回单');
    await testId(b, 'material-submit').click();
    await expect.poll(() => statusOf(b)).toBe('investigating');

    // The operator finds the error; only another operator may approve it.
    await o.reload();
    await testId(o, 'action-tab-find_error').click();
    await testId(o, 'action-error-explanation').fill('税务机关回单显示税款已缴');
    await choose(o, 'action-correction-field-0', /^arrears/);
    await testId(o, 'action-correction-value-0').fill('0');
    await testId(o, 'action-find_error').click();
    await expect.poll(() => statusOf(o)).toBe('awaiting_second_review');
    await testId(o, 'case-await-second').waitFor();

    const reviewer = await as('operator-2');
    const r = reviewer.page;
    await r.goto(`/regulator/objections/${objectionId}`);
    await testId(r, 'action-tab-approve_correction').click();
    await testId(r, 'action-approve_correction').click();
    await expect.poll(() => statusOf(r)).toBe('correcting');

    const scoresOf = () =>
      server.ctx.db
        .selectFrom('scores')
        .select(['score', 'trigger'])
        .where('subject_ref', '=', USCC)
        .orderBy('id')
        .execute();
    const scoredBefore = (await scoresOf()).length;
    expect(scoredBefore).toBeGreaterThan(0);

    // The tax bureau uploads the corrected record and confirms it on the objection.
    const provider = await as('tax-provider');
    const p = provider.page;
    await p.goto('/provider/objections');
    await p
      .locator('tr', { hasText: `#${recordId}` })
      .getByTestId('queue-link')
      .click();
    await testId(p, 'send-corrected').waitFor();
    const corrected = taxRow('0');
    const csv = `${Object.keys(corrected).join(',')}\n${Object.values(corrected).join(',')}\n`;
    await p.goto('/provider/upload');
    await p
      .locator('input[type=file]')
      .setInputFiles({ name: 'correction.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await testId(p, 'upload-start').click();
    await testId(p, 'batch-report').waitFor();
    expect(await testId(p, 'report-accepted').textContent()).toBe('1');
    await p.goto(`/provider/objections/${objectionId}`);
    await testId(p, 'action-tab-confirm_correction').click();
    // The original version is no correction: the API's field error shows at the field.
    await choose(p, 'action-corrected-record', `#${recordId} `);
    await testId(p, 'action-confirm_correction').click();
    await p
      .locator('.ant-form-item', { has: p.getByTestId('action-corrected-record') })
      .locator('.ant-form-item-explain-error')
      .waitFor();
    await choose(p, 'action-corrected-record', /第 2 版/);
    await testId(p, 'action-confirm_correction').click();
    await expect.poll(() => statusOf(p)).toBe('corrected');
    await screenshot(p, 'zh-CN', 'provider', 'objection-case');

    // The change worker recomputes the profile and the score from the corrected record.
    await server.drain();
    const scores = await scoresOf();
    expect(scores).toHaveLength(scoredBefore + 1);
    expect(scores.at(-1)?.trigger).toBe('record_change');
    await b.reload();
    await expect.poll(() => statusOf(b)).toBe('corrected');
    await testId(b, 'objection-outcome').waitFor();
    expect(await testId(b, 'record-former').count()).toBe(1);
    await expect
      .poll(() => b.getByTestId('record-current').getByTestId('record-field-arrears').textContent())
      .toBe('¥0.00');
    await expect
      .poll(() => testId(b, 'objection-score').textContent())
      .toBe(String(scores.at(-1)?.score));
    await screenshot(b, 'zh-CN', 'borrower', 'objection-corrected');
    for (const open of [borrower, operator, reviewer, provider]) expectNoProblems(open);
  });

  it('shows the objection pages in English and on a phone', async () => {
    const operator = await as('operator', 'en');
    await operator.page.goto('/regulator/objections');
    await operator.page.getByTestId('queue-filter').click();
    await operator.page.getByTitle('All').click();
    await operator.page.getByTestId('queue-link').first().waitFor();
    await screenshot(operator.page, 'en', 'regulator', 'objection-queue');
    await operator.page.getByTestId('queue-link').first().click();
    await operator.page.getByTestId('triage-versions').waitFor();
    await screenshot(operator.page, 'en', 'regulator', 'objection-case');
    const borrower = await as(BORROWER, 'en');
    await borrower.page.goto(objectionUrl);
    await borrower.page.getByTestId('objection-outcome').waitFor();
    await screenshot(borrower.page, 'en', 'borrower', 'objection');
    await borrower.page.goto('/borrower/objections/new');
    await borrower.page.getByTestId('objection-reason').waitFor();
    await screenshot(borrower.page, 'en', 'borrower', 'objection-new');
    const phone = await as(BORROWER, 'zh-CN', PHONE);
    await phone.page.goto(objectionUrl);
    await phone.page.getByTestId('objection-outcome').waitFor({ timeout: 30_000 });
    await screenshot(phone.page, 'zh-CN', 'borrower', 'objection-phone');
    const overflow = await phone.page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    for (const open of [operator, borrower, phone]) expectNoProblems(open);
  });
});
