import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { buildUscc } from '../../src/demo/seed.js';
import { consentToBankA, registerEnterprise } from '../helpers/lending.js';
import type { BrowserServer } from './harness.js';

/**
 * Steps the lender portal's walks share: antd controls found by their data-testid, and the
 * set-up that is not the walk's subject (borrowers, their records, their side of a loan)
 * done through the API as the integration tests do.
 */

/** The input behind a data-testid, whether antd put the id on the input or on its wrapper. */
export function input(page: Page, testId: string): Locator {
  return page.locator(`input[data-testid="${testId}"], [data-testid="${testId}"] input`).first();
}

/** The error antd shows under the form field that holds this control. */
export function fieldError(page: Page, testId: string): Locator {
  return page
    .locator('.ant-form-item')
    .filter({ has: page.locator(`[data-testid="${testId}"]`) })
    .locator('.ant-form-item-explain-error');
}

/** Picks options of an antd Select by their visible text; closes a multiple select after. */
export async function choose(page: Page, testId: string, ...labels: string[]) {
  await page.getByTestId(testId).click();
  for (const label of labels) {
    await page
      .locator('.ant-select-dropdown:visible .ant-select-item-option')
      .filter({ hasText: label })
      .first()
      .click();
  }
  if (labels.length > 1) await page.keyboard.press('Escape');
}

/** Ticks an antd radio or checkbox by its data-testid (the input itself is hidden). */
export async function tick(page: Page, testId: string) {
  await page.locator(`label:has([data-testid="${testId}"])`).click();
}

export const as = (
  server: BrowserServer,
  token: string,
  options: Parameters<BrowserServer['as']>[1],
) => server.as(token, options);

/** An enterprise borrower with an active business registration and consent to bank A. */
export async function enterpriseBorrower(server: BrowserServer, login: string, code: string) {
  const uscc = buildUscc('9', '1', '440305', code);
  const name = `深圳${login}科技有限公司`;
  const token = await registerEnterprise(server, login, { uscc, name, industry: 'technology' });
  const pushed = await server.app.inject({
    method: 'POST',
    url: '/ingest/business_registration',
    headers: { 'x-api-key': server.providerApiKey ?? '' },
    payload: {
      records: [
        {
          uscc,
          name,
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
  await consentToBankA(server, token, ['business_registration']);
  return { token, uscc, name };
}

/** The newest published version of a product code. */
export async function latestProductId(server: BrowserServer, token: string, code: string) {
  const listed = await server.as(token, { method: 'GET', url: '/loans/products' });
  const versions = listed
    .json<{ id: string; code: string; version: number }[]>()
    .filter((p) => p.code === code)
    .sort((a, b) => b.version - a.version);
  expect(versions.length).toBeGreaterThan(0);
  return versions[0]?.id ?? '';
}

export async function applyFor(
  server: BrowserServer,
  token: string,
  body: Record<string, unknown>,
): Promise<string> {
  const response = await server.as(token, {
    method: 'POST',
    url: '/loans/applications',
    payload: body,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

/** The borrower's side of an offer: accept, then confirm the contract by its SHA-256. */
export async function acceptAndSign(server: BrowserServer, token: string, applicationId: string) {
  const accepted = await server.as(token, {
    method: 'POST',
    url: `/loans/applications/${applicationId}/accept`,
  });
  expect(accepted.statusCode, accepted.body).toBe(200);
  const { documentSha256 } = accepted.json<{ documentSha256: string }>();
  const confirmed = await server.as(token, {
    method: 'POST',
    url: `/loans/applications/${applicationId}/contract/confirm`,
    payload: { documentSha256 },
  });
  expect(confirmed.statusCode, confirmed.body).toBe(200);
}

/**
 * Moves the single-page app to a path without reloading it (the router follows the
 * history), which is what a click on a link does and is much cheaper than a page load.
 */
export async function go(page: Page, path: string) {
  await page.evaluate(
    `history.pushState(null, '', ${JSON.stringify(path)}); dispatchEvent(new PopStateEvent('popstate'));`,
  );
  await page.waitForURL((url) => url.pathname + url.search === path);
}
