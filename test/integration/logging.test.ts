import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/api/app.js';
import { buildResidentId, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
const lines: string[] = [];
let app: Awaited<ReturnType<typeof buildApp>>;

beforeAll(async () => {
  t = await startTestApp();
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  app = await buildApp(t.ctx, { logLevel: 'info', logStream: sink });
});
afterAll(async () => {
  await app.close();
  await t.close();
});

describe('logs', () => {
  it('never carry passwords, tokens, API keys or personal data', async () => {
    const login = await app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { login: 'operator', password: DEMO_PASSWORD },
    });
    const { token } = login.json<{ token: string }>();
    const idNumber = buildResidentId('440305', '19880808', '321');
    await app.inject({
      method: 'POST',
      url: '/persons',
      headers: { authorization: `Bearer ${token}` },
      payload: { idNumber, name: '赵日志', phone: '13512345678' },
    });
    await app.inject({
      method: 'GET',
      url: '/me',
      headers: { 'x-api-key': t.providerApiKey ?? '' },
    });
    app.log.info(
      { person: { idNumber, name: '赵日志', phone: '13512345678' } },
      'a careless log call',
    );

    const text = lines.join('');
    expect(lines.length).toBeGreaterThan(5);
    for (const secret of [
      DEMO_PASSWORD,
      token,
      t.providerApiKey ?? 'no key',
      idNumber,
      '赵日志',
      '13512345678',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain('[REDACTED]');
  });
});
