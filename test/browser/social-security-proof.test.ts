import { readFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResidentId, buildUscc, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { chinaDate } from '../../src/platform/time.js';
import { consentToBankA, grantDemoProvider, publishProduct } from '../helpers/lending.js';
import {
  expectNoProblems,
  launchBrowser,
  openPage,
  screenshot,
  signIn,
  startServer,
  type BrowserServer,
} from './harness.js';
import { go, tick } from './lender-steps.js';

/**
 * A failed social-security check fixed by alternative proof and a manual review: the
 * borrower states a city its contributions are not paid in; the pre-check names the field,
 * why and what to do; the borrower applies, the application goes to a person and the
 * borrower uploads a labour contract; the officer sees the failed check, opens the proof and
 * approves with a reason; the borrower sees the offer.
 */

const EMPLOYER = buildUscc('9', '1', '330106', 'MA8W0001');
const RESIDENT_ID = buildResidentId('330106', '19880415', '031');
const CONTRACT = Buffer.from(
  '劳动合同\n甲方：杭州云栖数据科技有限公司\n乙方：周正\n工作地点：北京市\n',
  'utf8',
);

const ANSWER = '您填写的所在城市与社保缴纳城市不一致，系统按规则转人工审核；审核员已核对劳动合同。';

let server: BrowserServer;
let browser: Browser;
let productId = '';
let applicationId = '';

/** The month `offset` months from this one, `YYYY-MM`, China time. */
function monthAt(offset: number): string {
  const [year = 0, month = 1] = chinaDate(server.ctx.now()).split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + offset, 1)).toISOString().slice(0, 7);
}

async function push(category: string, records: Record<string, unknown>[]) {
  const response = await server.app.inject({
    method: 'POST',
    url: `/ingest/${category}`,
    headers: { 'x-api-key': server.providerApiKey ?? '' },
    payload: { records },
  });
  expect(response.statusCode, response.body).toBe(201);
}

beforeAll(async () => {
  server = await startServer({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
  browser = await launchBrowser();
  const operator = await server.login('operator');
  const admin = await server.login('bank-a-admin');
  await grantDemoProvider(server, operator, ['social_security', 'business_registration']);
  const registered = await server.app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: {
      login: 'ss-person',
      password: DEMO_PASSWORD,
      subjectKind: 'person',
      idNumber: RESIDENT_ID,
      name: '周正',
    },
  });
  expect(registered.statusCode, registered.body).toBe(201);
  await push('business_registration', [
    {
      uscc: EMPLOYER,
      name: '杭州云栖数据科技有限公司',
      status: 'active',
      established_on: '2015-03-01',
      industry: 'technology',
      region: '330106',
    },
  ]);
  // Twelve months paid in Hangzhou by the employer.
  await push(
    'social_security',
    Array.from({ length: 13 }, (_, i) => ({
      resident_id: RESIDENT_ID,
      period: monthAt(i - 12),
      employer_uscc: EMPLOYER,
      contribution_base: '800000',
      paid: '83200',
      status: 'paid',
      city: '330106',
    })),
  );
  await server.drain();
  productId = await publishProduct(server, admin, {
    code: 'SALARY-WEB',
    name: '工薪信用贷',
    loanType: 'personal_consumer',
    requiredCategories: ['social_security'],
    requiredChecks: ['identity', 'social_security'],
    requiredContinuousMonths: 6,
  });
  await consentToBankA(server, await server.login('ss-person'), ['social_security']);
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a failed social-security check fixed by alternative proof and a manual review', () => {
  it('the borrower’s pre-check names the field, why and the fix; the borrower applies and uploads a labour contract', async () => {
    const open = await openPage(browser, server);
    const { page } = open;
    await signIn(page, 'ss-person');
    await go(page, `/borrower/products/${productId}`);
    await page.getByTestId('apply-employer-uscc').fill(EMPLOYER);
    await page.getByTestId('apply-income').fill('10000');
    await page.getByTestId('apply-city').fill('110100');
    await page.getByTestId('precheck-run').click();
    const result = page.getByTestId('precheck-result');
    await result.waitFor();
    expect(await result.getAttribute('data-outcome')).toBe('fail');
    const problem = result.locator('[data-testid="check-problem"][data-code="SS_OTHER_CITY"]');
    await problem.waitFor();
    expect(await problem.getAttribute('data-field')).toBe('statedCity');
    expect(await problem.getByTestId('check-problem-message').textContent()).toContain('北京市');
    expect(await problem.getByTestId('check-fix-action').first().textContent()).toBeTruthy();

    await page.getByTestId('apply-amount').fill('50000');
    await page.getByTestId('apply-submit').click();
    await page.waitForURL(/\/borrower\/applications\/[0-9a-f-]{36}$/);
    applicationId = page.url().split('/').pop() ?? '';
    await page
      .getByTestId('application-proof-upload')
      .locator('input[type="file"]')
      .setInputFiles({ name: 'labour-contract.txt', mimeType: 'text/plain', buffer: CONTRACT });
    await page.getByTestId('application-documents').getByText('labour-contract.txt').waitFor();
    expectNoProblems(open);
    await open.context.close();
  });

  it('the officer sees the failed check, opens the proof and approves with a reason', async () => {
    const open = await openPage(browser, server);
    const { page } = open;
    await signIn(page, 'bank-a-officer');
    await go(page, '/lender/reviews');
    await page.getByTestId(`review-row-${applicationId}`).getByTestId('review-claim').click();
    await page.waitForURL(/\/lender\/reviews\/[0-9a-f-]{36}$/);
    expect(await page.getByTestId('check-outcome-social_security').textContent()).toBe('未通过');
    await page.getByTestId('check-problem-SS_OTHER_CITY').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('application-document-alternative_proof').click(),
    ]);
    expect(download.suggestedFilename()).toBe('labour-contract.txt');
    expect(readFileSync(await download.path())).toEqual(CONTRACT);
    await screenshot(page, 'zh-CN', 'lender', 'review-failed-check');
    await tick(page, 'review-approve');
    await page
      .getByTestId('review-reason')
      .fill('劳动合同载明工作地点在北京，社保由杭州总部代缴，同意');
    await page.getByTestId('review-submit').click();
    await page.waitForURL(/\/lender\/reviews$/);
    expectNoProblems(open);
    await open.context.close();
  });

  it('the officer answers the borrower’s request for an explanation in writing', async () => {
    const asked = await server.as(await server.login('ss-person'), {
      method: 'POST',
      url: `/loans/applications/${applicationId}/explanation`,
      payload: { note: '请说明为什么需要人工审核' },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const open = await openPage(browser, server);
    const { page } = open;
    await signIn(page, 'bank-a-officer');
    await go(page, '/lender/reviews');
    await page.getByTestId(`review-row-${applicationId}`).getByTestId('review-claim').click();
    await page.getByTestId('review-explain-form').waitFor();
    await page.getByTestId('review-answer').fill(ANSWER);
    await page.getByTestId('review-explain-submit').click();
    await page.waitForURL(/\/lender\/reviews$/);
    expectNoProblems(open);
    await open.context.close();
  });

  it('the borrower sees the approval and the offer', async () => {
    const open = await openPage(browser, server, { locale: 'en' });
    const { page } = open;
    await signIn(page, 'ss-person');
    await go(page, `/borrower/applications/${applicationId}`);
    await page.getByTestId('application-offer').waitFor();
    await page.locator('[data-testid="decision"][data-outcome="approve"]').waitFor();
    expect(await page.getByTestId('review-answer').first().textContent()).toContain(ANSWER);
    expectNoProblems(open);
    await open.context.close();
  });
});
