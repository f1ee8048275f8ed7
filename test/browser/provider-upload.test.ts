import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/demo/seed.js';
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
} from './harness.js';

/**
 * A data provider uploads a tax CSV with good rows and rows with several kinds of bad values:
 * it watches the upload and processing, reads the report (read = accepted + unchanged +
 * quarantined), opens the quarantine with every reason at its field, downloads the quarantine
 * file, and resubmits a corrected record — first still wrong (the field error shows at the
 * field), then right — after which the quarantine and the batches reflect it.
 */

const uscc = (body: string) => buildUscc('9', '1', '310115', body);
const valid = uscc('MA1PUP05');
const wrongCheck = `${valid.slice(0, 17)}${valid.endsWith('X') ? 'Y' : 'X'}`;
const HEADER = 'uscc,period,taxable_revenue,tax_paid,invoice_count,credit_rating';
const CSV = [
  HEADER,
  `${uscc('MA1PUP01')},2026-01,1000.00,30.00,10,A`,
  `${uscc('MA1PUP02')},2026-02,2000,60,20,B`,
  `${uscc('MA1PUP03')},2026-03,3000,90,30,M`,
  // Four problems in one row: a month 13, a negative amount, text for money, an unknown rating.
  `${uscc('MA1PUP04')},2026-13,-5,abc,1,Z`,
  // A USCC with a wrong check character, and a period in the future.
  `${wrongCheck},2099-01,100,1,1,A`,
  // A required amount left empty.
  `${uscc('MA1PUP06')},2026-04,,10,1,A`,
].join('\n');

const testId = (page: Page, id: string) => page.getByTestId(id);
const text = async (page: Page, id: string) => (await testId(page, id).textContent()) ?? '';

async function upload(page: Page, name: string, content: string) {
  await page.goto('/provider/upload');
  await page
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(content) });
  await testId(page, 'upload-start').click();
  await testId(page, 'upload-progress').waitFor();
  await testId(page, 'batch-report').waitFor();
}

/** The message under a form field of the resubmission editor. */
const fieldError = (page: Page, field: string) =>
  page
    .locator('.ant-form-item', { has: page.getByTestId(`resubmit-field-${field}`) })
    .locator('.ant-form-item-explain-error');

describe('a provider uploading a file with bad rows and resubmitting them', () => {
  let server: BrowserServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startServer();
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('uploads, reads the report, works the quarantine and resubmits a corrected record', async () => {
    const open = await openPage(browser, server);
    const { page } = open;
    await signIn(page, 'tax-provider');
    expect(new URL(page.url()).pathname).toBe('/provider/upload');
    await upload(page, 'tax-2026.csv', CSV);
    expect(await text(page, 'report-read')).toBe('6');
    expect(await text(page, 'report-accepted')).toBe('3');
    expect(await text(page, 'report-unchanged')).toBe('0');
    expect(await text(page, 'report-quarantined')).toBe('3');
    expect(await text(page, 'report-equation')).toContain('读取 6 条 = 入库 3 条');
    await expect.poll(() => text(page, 'reason-table')).toContain('bad_period');
    await screenshot(page, 'zh-CN', 'provider', 'upload');

    // The quarantine, filtered to the batch: every reason at its field.
    await testId(page, 'open-quarantine').click();
    await testId(page, 'quarantine-table').waitFor();
    const reasons = page.getByTestId('quarantine-reason');
    await expect.poll(() => reasons.count()).toBe(4 + 2 + 1);
    const fields: string[] = [];
    for (const reason of await reasons.all()) {
      const code = await reason.locator('.ant-tag').textContent();
      fields.push(`${await reason.getAttribute('data-field')}:${code}`);
    }
    expect(fields).toEqual(
      expect.arrayContaining([
        'period:bad_period',
        'taxable_revenue:negative_amount',
        'tax_paid:not_a_number',
        'credit_rating:not_in_enum',
        'uscc:USCC_CHECK_CHARACTER',
        'period:period_in_future',
        'taxable_revenue:required',
      ]),
    );
    await screenshot(page, 'zh-CN', 'provider', 'quarantine');

    // The batch's quarantine file: one JSON line per quarantined record, with its reasons.
    const [saved] = await Promise.all([
      page.waitForEvent('download'),
      testId(page, 'quarantine-download').click(),
    ]);
    const lines = readFileSync(await saved.path(), 'utf8')
      .trim()
      .split('\n');
    expect(lines).toHaveLength(3);
    expect(
      lines.map((line) => (JSON.parse(line) as { reasons: unknown[] }).reasons.length),
    ).toEqual(expect.arrayContaining([4, 2, 1]));

    // Resubmit the four-problem row: first with the amount still negative. (Found by its
    // USCC: a batch's short id is hex and may itself read "abc".)
    const fourProblems = uscc('MA1PUP04');
    const row = page.locator('tr', { hasText: fourProblems });
    await row.getByTestId('quarantine-resubmit').click();
    await testId(page, 'resubmit-form').waitFor();
    const reasonAt = (field: string) =>
      page
        .locator('.ant-form-item', { has: page.getByTestId(`resubmit-field-${field}`) })
        .getByTestId('resubmit-reason');
    for (const field of ['period', 'taxable_revenue', 'tax_paid', 'credit_rating']) {
      await expect.poll(() => reasonAt(field).textContent()).toBeTruthy();
    }
    await testId(page, 'resubmit-field-period').fill('2026-05');
    await testId(page, 'resubmit-field-taxable_revenue').fill('5000');
    await testId(page, 'resubmit-field-tax_paid').fill('-1');
    await testId(page, 'resubmit-field-credit_rating').fill('A');
    await testId(page, 'resubmit-submit').click();
    await expect.poll(() => fieldError(page, 'tax_paid').textContent()).toMatch(/负|金额/);
    await screenshot(page, 'zh-CN', 'provider', 'resubmit-field-error');
    await testId(page, 'resubmit-field-tax_paid').fill('150');
    await testId(page, 'resubmit-submit').click();
    await testId(page, 'resubmit-form').waitFor({ state: 'detached' });
    // The open quarantine of the batch has two records left.
    await expect.poll(() => page.locator('tr', { hasText: fourProblems }).count()).toBe(0);
    await expect.poll(() => page.getByTestId('quarantine-resubmit').count()).toBe(2);
    await testId(page, 'quarantine-status').click();
    await page.getByTitle('已重报').click();
    await expect.poll(() => page.getByTestId('quarantine-reason').count()).toBe(4);

    // The batches: the upload and the resubmission, each with its report.
    await page.goto('/provider/batches');
    await testId(page, 'batches-table').waitFor();
    await expect.poll(() => page.getByTestId('batch-link').count()).toBe(2);
    await expect.poll(() => text(page, 'batches-table')).toContain('隔离记录重报');
    await screenshot(page, 'zh-CN', 'provider', 'batches');
    await page.locator('tr', { hasText: 'tax-2026.csv' }).getByTestId('batch-link').click();
    await testId(page, 'batch-report').waitFor();
    await testId(page, 'chart').first().waitFor();
    await screenshot(page, 'zh-CN', 'provider', 'batch-report');

    await page.goto('/provider/quality');
    await testId(page, 'quality-table').waitFor();
    expect(await page.getByTestId('chart').count()).toBe(2);
    await screenshot(page, 'zh-CN', 'provider', 'quality');
    await page.goto('/provider/mappings');
    await testId(page, 'mapping-save').waitFor();
    await screenshot(page, 'zh-CN', 'provider', 'mappings');
    // A column mapped to a field the category does not have: the API's error at that row.
    const rows = await page.locator('[data-testid^=mapping-theirs-]').count();
    await page.getByRole('button', { name: '添加一列' }).click();
    await testId(page, `mapping-theirs-${rows}`).fill('纳税人名称');
    await testId(page, `mapping-ours-${rows}`).fill('taxpayer_name');
    await testId(page, 'mapping-save').click();
    await page
      .locator('.ant-form-item', { has: page.getByTestId(`mapping-ours-${rows}`) })
      .locator('.ant-form-item-explain-error')
      .waitFor();
    expectNoProblems(open);
    await open.context.close();
  });

  it('shows the same pages in English and on a phone', async () => {
    const locale: Locale = 'en';
    const open = await openPage(browser, server, { locale });
    const { page } = open;
    await signIn(page, 'tax-provider');
    // The same file again: what was stored is unchanged, the bad rows are quarantined again.
    await upload(page, 'tax-2026-again.csv', CSV);
    expect(await text(page, 'report-unchanged')).toBe('3');
    expect(await text(page, 'report-equation')).toContain(
      'Read 6 = accepted 0 + unchanged 3 + quarantined 3',
    );
    await screenshot(page, locale, 'provider', 'upload');
    // A file the reader cannot read (semicolons for commas) is refused whole, with the reason.
    await page.goto('/provider/upload');
    await page.locator('input[type=file]').setInputFiles({
      name: 'semicolons.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(CSV.replaceAll(',', ';')),
    });
    await testId(page, 'upload-start').click();
    await expect.poll(() => text(page, 'upload-error')).toContain('wrong_delimiter');
    await page.goto('/provider/batches');
    await testId(page, 'batches-table').waitFor();
    await screenshot(page, locale, 'provider', 'batches');
    await page.locator('tr', { hasText: 'tax-2026-again.csv' }).getByTestId('batch-link').click();
    await testId(page, 'batch-report').waitFor();
    await screenshot(page, locale, 'provider', 'batch-report');
    await page.goto('/provider/quarantine');
    await testId(page, 'quarantine-table').waitFor();
    await screenshot(page, locale, 'provider', 'quarantine');
    await page.goto('/provider/quality');
    await testId(page, 'quality-table').waitFor();
    await screenshot(page, locale, 'provider', 'quality');
    await page.goto('/provider/mappings');
    await testId(page, 'mapping-save').waitFor();
    await screenshot(page, locale, 'provider', 'mappings');
    expectNoProblems(open);
    await open.context.close();

    const phone = await openPage(browser, server, { viewport: PHONE });
    await signIn(phone.page, 'tax-provider');
    await phone.page.goto('/provider/quarantine');
    await phone.page.getByTestId('quarantine-table').waitFor();
    await screenshot(phone.page, 'zh-CN', 'provider', 'quarantine-phone');
    // Nothing wider than the screen: no sideways scrolling of the page itself.
    const overflow = await phone.page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow).toBeLessThanOrEqual(0);
    expectNoProblems(phone);
    await phone.context.close();
  });
});
