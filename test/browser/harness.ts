import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/seed.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../helpers/app.js';

/**
 * The browser suite: the real server (HTTP on a loopback port, the change worker running)
 * on a fresh real database, driven by Debian's Chromium through playwright-core.
 */

export type Locale = 'zh-CN' | 'en';

/** Where the tests leave their screenshots; CI keeps this folder as output. */
export const SCREENSHOT_DIR = path.resolve('test-output/screenshots');

export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

export interface BrowserServer extends TestApp {
  readonly baseUrl: string;
}

/** Starts the server on a random loopback port (demo accounts seeded unless told). */
export async function startServer(options: TestAppOptions = {}): Promise<BrowserServer> {
  const t = await startTestApp({ worker: true, ...options });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.address() as AddressInfo;
  return Object.assign(t, { baseUrl: `http://127.0.0.1:${port}` });
}

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    // As root in a closed network: no sandbox, and no background calls to Google's hosts.
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-dev-shm-usage',
    ],
  });
}

export const DESKTOP = { width: 1366, height: 768 } as const;
export const PHONE = { width: 390, height: 844 } as const;

export interface OpenPage {
  readonly page: Page;
  readonly context: BrowserContext;
  /** Uncaught page errors and console errors seen so far (a test expects none). */
  readonly problems: string[];
}

/**
 * A new browser context on the server, in one language and screen size. Page crashes and
 * console errors are collected; `expectNoProblems` fails the test on any.
 */
export async function openPage(
  browser: Browser,
  server: BrowserServer,
  options: { locale?: Locale; viewport?: { width: number; height: number } } = {},
): Promise<OpenPage> {
  const locale = options.locale ?? 'zh-CN';
  const context = await browser.newContext({
    baseURL: server.baseUrl,
    locale,
    viewport: options.viewport ?? DESKTOP,
    acceptDownloads: true,
  });
  // The page's own language choice (a later switch) wins over the one the test starts in.
  await context.addInitScript({
    content: `if (!localStorage.getItem('xinyi.locale')) localStorage.setItem('xinyi.locale', ${JSON.stringify(locale)});`,
  });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A failed API call (4xx the test provoked) is logged by Chromium as a resource error.
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return { page, context, problems };
}

export function expectNoProblems(open: OpenPage) {
  expect(open.problems, open.problems.join('\n')).toEqual([]);
}

/** Signs in through the login page and waits for the portal's frame. */
export async function signIn(page: Page, login: string, password = DEMO_PASSWORD) {
  await page.goto('/login');
  await page.getByTestId('login-field').fill(login);
  await page.getByTestId('password-field').fill(password);
  await page.getByTestId('sign-in').click();
  await page.getByTestId('sign-out').waitFor();
}

/**
 * Saves a full-page screenshot as `<locale>/<portal>--<name>.png` once the page has
 * settled (no spinner left).
 */
export async function screenshot(page: Page, locale: Locale, portal: string, name: string) {
  await page.waitForLoadState('networkidle');
  await page
    .locator('.ant-spin-spinning')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  const dir = path.join(SCREENSHOT_DIR, locale);
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${portal}--${name}.png`), fullPage: true });
}
