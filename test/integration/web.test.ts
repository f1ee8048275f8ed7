import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

/** The server hands out the built portals: the page at every client route, hashed assets. */

let t: TestApp;
let served: FastifyInstance;
let unbuilt: FastifyInstance;
const dir = mkdtempSync(path.join(os.tmpdir(), 'xinyi-web-'));

beforeAll(async () => {
  t = await startTestApp({ seed: false });
  mkdirSync(path.join(dir, 'built', 'assets'), { recursive: true });
  writeFileSync(path.join(dir, 'built', 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(path.join(dir, 'built', 'assets', 'index-abc123.js'), 'console.log(1);');
  served = await buildApp(t.ctx, { logLevel: 'silent', webDir: path.join(dir, 'built') });
  unbuilt = await buildApp(t.ctx, { logLevel: 'silent', webDir: path.join(dir, 'missing') });
});
afterAll(async () => {
  await served.close();
  await unbuilt.close();
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the web portals', () => {
  it('serves the page at / and at every client route, never cached, with a strict CSP', async () => {
    for (const url of [
      '/',
      '/login',
      '/register',
      '/borrower',
      '/lender/reviews/x',
      '/regulator/a/b',
    ]) {
      const response = await served.inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['content-type']).toMatch(/^text\/html/);
      expect(response.body).toContain('<div id="root">');
      expect(response.headers['cache-control']).toMatch(/max-age=0/);
      expect(response.headers['content-security-policy']).toContain("script-src 'self'");
      expect(response.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    }
  });

  it('serves hashed assets as immutable and a missing one as a 404 error body', async () => {
    const asset = await served.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toMatch(/immutable/);
    const missing = await served.inject({ method: 'GET', url: '/assets/nothing.js' });
    expect(missing.statusCode).toBe(404);
    expect(missing.json<{ error: { code: string } }>().error.code).toBeTruthy();
  });

  it('leaves the API’s own paths to the API', async () => {
    const health = await served.inject({ method: 'GET', url: '/healthz' });
    expect(health.json()).toEqual({ status: 'ok' });
    const unknown = await served.inject({ method: 'GET', url: '/no-such-api' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.headers['content-type']).toMatch(/json/);
  });

  it('says how to build the portals when they are not built, in both languages', async () => {
    const response = await unbuilt.inject({ method: 'GET', url: '/' });
    expect(response.statusCode).toBe(503);
    expect(response.body).toContain('npm run build');
    expect(response.body).toContain('网页门户尚未构建');
  });
});
