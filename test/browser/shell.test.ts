import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectNoProblems,
  launchBrowser,
  openPage,
  PHONE,
  screenshot,
  signIn,
  startServer,
  type BrowserServer,
} from './harness.js';

describe('the portals’ frame', () => {
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

  it('signs in in Chinese by default and switches to English', async () => {
    const open = await openPage(browser, server);
    const { page } = open;
    await page.goto('/');
    await expect.poll(() => page.url()).toMatch(/\/login$/);
    await page.getByText('登录信易').waitFor();
    await screenshot(page, 'zh-CN', 'shell', 'login');
    await page.getByTestId('language').click();
    await page.getByTitle('English').click();
    await page.getByText('Sign in to xinyi').waitFor();
    await screenshot(page, 'en', 'shell', 'login');
    expectNoProblems(open);
    await open.context.close();
  });

  it('shows the API’s refusal of a wrong password on the form', async () => {
    const open = await openPage(browser, server);
    const { page } = open;
    await page.goto('/login');
    await page.getByTestId('login-field').fill('bank-a-officer');
    await page.getByTestId('password-field').fill('not-the-password');
    await page.getByTestId('sign-in').click();
    await expect.poll(() => page.getByTestId('form-error').textContent()).toBeTruthy();
    expect(page.url()).toMatch(/\/login$/);
    expectNoProblems(open);
    await open.context.close();
  });

  it('sends each role to its own portal and keeps others out', async () => {
    const open = await openPage(browser, server);
    const { page } = open;
    await signIn(page, 'bank-a-officer');
    expect(new URL(page.url()).pathname).toMatch(/^\/lender\//);
    await page.goto('/provider/');
    await page.getByText('你的角色无权访问该页面').waitFor();
    await page.goto('/lender/no-such-page');
    await page.getByText('页面不存在').waitFor();
    expectNoProblems(open);
    await open.context.close();
  });

  it('opens a deep link after a reload and offers the menu in a drawer on a phone', async () => {
    const open = await openPage(browser, server, { viewport: PHONE });
    const { page } = open;
    await signIn(page, 'regulator');
    const here = page.url();
    await page.reload();
    await page.getByTestId('sign-out').waitFor();
    expect(page.url()).toBe(here);
    await page.getByTestId('open-menu').click();
    await page.locator('.ant-drawer-open').waitFor();
    expectNoProblems(open);
    await open.context.close();
  });
});
