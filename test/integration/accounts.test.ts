import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretHash } from '../../src/platform/auth/tokens.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    env: { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '15', LOGIN_RATE_LIMIT_PER_MINUTE: '50' },
  });
});
afterAll(async () => t.close());

const login = (loginName: string, password: string) =>
  t.app.inject({ method: 'POST', url: '/auth/login', payload: { login: loginName, password } });

describe('login', () => {
  it('returns a session token that authenticates /me', async () => {
    const token = await t.login('bank-a-officer');
    const me = await t.as(token, { method: 'GET', url: '/me' });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ login: 'bank-a-officer', role: 'lender_officer' });
  });

  it('stores only the hash of the session token', async () => {
    const token = await t.login('regulator');
    const rows = await t.ctx.db.selectFrom('sessions').select('token_hash').execute();
    expect(rows.map((r) => r.token_hash)).toContain(secretHash(token));
    expect(rows.map((r) => r.token_hash)).not.toContain(token);
  });

  it('refuses a wrong password and an unknown login alike', async () => {
    const wrong = await login('bank-b-admin', 'not-the-password-1');
    const unknown = await login('nobody-here', 'not-the-password-1');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(errorOf(wrong).code).toBe('INVALID_CREDENTIALS');
    expect(errorOf(unknown)).toEqual(errorOf(wrong));
  });

  it('locks the account after repeated failures, even for the right password, until the lock runs out', async () => {
    for (let i = 0; i < 3; i += 1)
      expect((await login('bank-b-officer', 'wrong-password-9')).statusCode).toBe(401);
    const locked = await login('bank-b-officer', 'Xinyi-demo-2026');
    expect(locked.statusCode).toBe(423);
    expect(errorOf(locked).code).toBe('ACCOUNT_LOCKED');
    t.advance(16 * 60_000);
    expect((await login('bank-b-officer', 'Xinyi-demo-2026')).statusCode).toBe(200);
  });

  it('lets a lender admin lift a lock on its own staff', async () => {
    for (let i = 0; i < 3; i += 1) await login('bank-b-officer', 'wrong-password-9');
    expect((await login('bank-b-officer', 'Xinyi-demo-2026')).statusCode).toBe(423);
    const admin = await t.login('bank-b-admin');
    const me = await t.as(admin, { method: 'GET', url: '/users?role=lender_officer' });
    const officer = me
      .json<{ id: string; login: string }[]>()
      .find((u) => u.login === 'bank-b-officer');
    const unlock = await t.as(admin, { method: 'POST', url: `/users/${officer?.id}/unlock` });
    expect(unlock.statusCode).toBe(200);
    expect((await login('bank-b-officer', 'Xinyi-demo-2026')).statusCode).toBe(200);
  });

  it('records login failures and locks in the audit trail', async () => {
    const regulator = await t.login('regulator');
    const events = await t.as(regulator, {
      method: 'GET',
      url: '/audit-events?action=auth.account_locked',
    });
    expect(events.json<unknown[]>().length).toBeGreaterThan(0);
  });

  it('expires sessions and ends them on logout', async () => {
    const token = await t.login('operator');
    expect((await t.as(token, { method: 'POST', url: '/auth/logout' })).statusCode).toBe(204);
    const after = await t.as(token, { method: 'GET', url: '/me' });
    expect(after.statusCode).toBe(401);
    expect(errorOf(after).code).toBe('UNAUTHENTICATED');

    const second = await t.login('operator');
    t.advance(9 * 60 * 60_000);
    expect((await t.as(second, { method: 'GET', url: '/me' })).statusCode).toBe(401);
  });

  it('refuses a malformed bearer token instead of treating the caller as anonymous', async () => {
    const response = await t.as('not-a-token', { method: 'GET', url: '/healthz' });
    expect(response.statusCode).toBe(401);
  });
});

describe('login rate limit', () => {
  it('answers 429 with the error body once the per-minute budget is spent', async () => {
    const limited = await startTestApp({ seed: false, env: { LOGIN_RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const response = await limited.app.inject({
          method: 'POST',
          url: '/auth/login',
          payload: { login: 'someone', password: 'whatever-123' },
          headers: { 'accept-language': 'en' },
        });
        statuses.push(response.statusCode);
        if (response.statusCode === 429) {
          expect(errorOf(response).code).toBe('RATE_LIMITED');
          expect(errorOf(response).message).toMatch(/Too many requests/);
        }
      }
      expect(statuses.slice(0, 3)).toEqual([401, 401, 401]);
      expect(statuses.slice(3)).toEqual([429, 429]);
    } finally {
      await limited.close();
    }
  });
});

describe('staff users', () => {
  it('lets the operator create staff of any organisation, checking the organisation kind', async () => {
    const operator = await t.login('operator');
    const orgs = await t.as(operator, { method: 'GET', url: '/organisations' });
    const byCode = new Map(orgs.json<{ id: string; code: string }[]>().map((o) => [o.code, o.id]));
    const created = await t.as(operator, {
      method: 'POST',
      url: '/users',
      payload: {
        login: 'bank-a-officer-2',
        password: 'Strong-pass-42',
        displayName: '二号',
        role: 'lender_officer',
        organisationId: byCode.get('bank-a'),
      },
    });
    expect(created.statusCode).toBe(201);
    const wrongKind = await t.as(operator, {
      method: 'POST',
      url: '/users',
      payload: {
        login: 'x-officer',
        password: 'Strong-pass-42',
        displayName: 'x',
        role: 'lender_officer',
        organisationId: byCode.get('tax-bureau'),
      },
    });
    expect(wrongKind.statusCode).toBe(400);
    expect(errorOf(wrongKind).fields[0]).toMatchObject({
      path: 'organisationId',
      code: 'organisation_kind',
    });
  });

  it('refuses weak passwords and taken logins with field-level reasons', async () => {
    const admin = await t.login('bank-a-admin');
    const weak = await t.as(admin, {
      method: 'POST',
      url: '/users',
      headers: { 'accept-language': 'en' },
      payload: { login: 'weakling', password: 'short', displayName: 'w', role: 'lender_officer' },
    });
    expect(weak.statusCode).toBe(400);
    expect(errorOf(weak).fields[0]).toMatchObject({ path: 'password', code: 'weak_password' });
    expect(errorOf(weak).fields[0]?.message).toMatch(/at least 10/);
    const taken = await t.as(admin, {
      method: 'POST',
      url: '/users',
      payload: {
        login: 'bank-a-officer',
        password: 'Strong-pass-42',
        displayName: 'dup',
        role: 'lender_officer',
      },
    });
    expect(taken.statusCode).toBe(409);
    expect(errorOf(taken).code).toBe('LOGIN_TAKEN');
    expect(errorOf(taken).message).toBe('登录名已被使用');
  });

  it('lets a lender admin create only lender staff, in its own bank by default', async () => {
    const admin = await t.login('bank-a-admin');
    const officer = await t.as(admin, {
      method: 'POST',
      url: '/users',
      payload: {
        login: 'bank-a-officer-3',
        password: 'Strong-pass-42',
        displayName: '三号',
        role: 'lender_officer',
      },
    });
    expect(officer.statusCode).toBe(201);
    const me = await t.as(admin, { method: 'GET', url: '/me' });
    expect(officer.json<{ organisationId: string }>().organisationId).toBe(
      me.json<{ organisationId: string }>().organisationId,
    );
    const operatorRole = await t.as(admin, {
      method: 'POST',
      url: '/users',
      payload: {
        login: 'sneaky-operator',
        password: 'Strong-pass-42',
        displayName: 'x',
        role: 'operator',
      },
    });
    expect(operatorRole.statusCode).toBe(400);
    expect(errorOf(operatorRole).fields[0]).toMatchObject({
      path: 'role',
      code: 'role_not_allowed',
    });
  });

  it('refuses user management to officers, providers and borrowers', async () => {
    for (const who of ['bank-a-officer', 'tax-provider', 'demo-person']) {
      const token = await t.login(who);
      const response = await t.as(token, { method: 'GET', url: '/users' });
      expect(response.statusCode, who).toBe(403);
    }
  });
});

describe('provider API keys', () => {
  it('shows a new key once, stores only its hash, authenticates with it and stops at revocation', async () => {
    const provider = await t.login('tax-provider');
    const me = await t.as(provider, { method: 'GET', url: '/me' });
    const orgId = me.json<{ organisationId: string }>().organisationId;
    const created = await t.as(provider, {
      method: 'POST',
      url: `/organisations/${orgId}/api-keys`,
      payload: { name: 'nightly upload' },
    });
    expect(created.statusCode).toBe(201);
    const { apiKey, key } = created.json<{ apiKey: { id: string; prefix: string }; key: string }>();
    expect(key.startsWith(apiKey.prefix)).toBe(true);

    const stored = await t.ctx.db
      .selectFrom('api_keys')
      .selectAll()
      .where('id', '=', apiKey.id)
      .executeTakeFirstOrThrow();
    expect(stored.key_hash).toBe(secretHash(key));
    expect(JSON.stringify(stored)).not.toContain(key);

    const listed = await t.as(provider, { method: 'GET', url: `/organisations/${orgId}/api-keys` });
    expect(listed.body).not.toContain(key);

    const withKey = await t.app.inject({
      method: 'GET',
      url: '/organisations',
      headers: { 'x-api-key': key },
    });
    expect(withKey.statusCode).toBe(200);

    expect(
      (await t.as(provider, { method: 'POST', url: `/api-keys/${apiKey.id}/revoke` })).statusCode,
    ).toBe(200);
    const revoked = await t.app.inject({
      method: 'GET',
      url: '/organisations',
      headers: { 'x-api-key': key },
    });
    expect(revoked.statusCode).toBe(401);
  });

  it('does not let an API key act as a person', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/me',
      headers: { 'x-api-key': t.providerApiKey ?? '' },
    });
    expect(response.statusCode).toBe(403);
  });
});
