import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResidentId, buildUscc, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';

/**
 * `Idempotency-Key` on creating POSTs: the first request with a key runs and its response is
 * stored; the same key with the same request replays that response (`idempotent-replayed`)
 * without running again; the same key with another request is 409; keys are the caller's own.
 */

type Table = 'users' | 'organisations' | 'api_keys' | 'enterprises' | 'persons' | 'consents';

/** A caller: a demo login, a user created here, or nobody. */
type Caller = string | null;

interface CreatingRoute {
  readonly route: string;
  readonly url: () => string;
  readonly caller: Caller;
  /** Another caller allowed to create here, who must get a key space of its own. */
  readonly otherCaller: Caller;
  /** A fresh valid body: every call gives different values. */
  readonly body: () => Record<string, unknown>;
  /** Where one request creates one row. */
  readonly table: Table;
  /** Whether the other caller can send the very same body (nothing in it must be unique). */
  readonly shareableBody?: boolean;
}

const PASSWORD = 'Idem-password-2026';
const DAY = 86_400_000;

let t: TestApp;
const tokens = new Map<string, string>();
const org: Record<string, string> = {};
let serial = 0;
const next = () => (serial += 1);
let keySerial = 0;
const newKey = () => `idem-${Date.now().toString(36)}-${(keySerial += 1)}`;

async function send(
  caller: Caller,
  options: InjectOptions,
  key?: string,
): Promise<LightMyRequestResponse> {
  const headers = { ...options.headers, ...(key !== undefined ? { 'idempotency-key': key } : {}) };
  if (caller === null) return t.app.inject({ ...options, headers });
  let token = tokens.get(caller);
  if (token === undefined) {
    token = await t.login(caller, caller.startsWith('idem-') ? PASSWORD : DEMO_PASSWORD);
    tokens.set(caller, token);
  }
  return t.as(token, { ...options, headers });
}

/** A JSON body as text, its keys in the given order. */
const asJson = (body: Record<string, unknown>) => ({
  headers: { 'content-type': 'application/json' },
  payload: JSON.stringify(body),
});

/** The same object with its keys in the reverse order. */
function reversed(body: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(body).reverse());
}

async function rows(table: Table): Promise<number> {
  const result = await t.ctx.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(result.n);
}

function expectReplayOf(replay: LightMyRequestResponse, first: LightMyRequestResponse) {
  expect(replay.statusCode, replay.body).toBe(first.statusCode);
  expect(replay.body).toBe(first.body);
  expect(replay.headers['idempotent-replayed']).toBe('true');
  expect(replay.headers['content-type']).toBe(first.headers['content-type']);
}

function expectKeyReused(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(409);
  expect(errorOf(response).code).toBe('IDEMPOTENCY_KEY_REUSED');
  expect(response.headers['idempotent-replayed']).toBeUndefined();
}

/** A resident ID unique to this file: region 310115, a birth date and sequence from `n`. */
const residentId = (n: number) =>
  buildResidentId(
    '310115',
    `1980${String((n % 12) + 1).padStart(2, '0')}15`,
    String(n).padStart(3, '0'),
  );

const ROUTES: readonly CreatingRoute[] = [
  {
    route: 'POST /users',
    url: () => '/users',
    caller: 'operator',
    otherCaller: 'idem-operator',
    table: 'users',
    body: () => {
      const n = next();
      return {
        login: `idem-user-${n}`,
        password: PASSWORD,
        displayName: `幂等用户 ${n}`,
        role: 'lender_officer',
        organisationId: org['bank-a'],
      };
    },
  },
  {
    route: 'POST /organisations',
    url: () => '/organisations',
    caller: 'operator',
    otherCaller: 'idem-operator',
    table: 'organisations',
    body: () => {
      const n = next();
      return { kind: 'lender', code: `idem-bank-${n}`, name: `幂等银行 ${n}` };
    },
  },
  {
    route: 'POST /organisations/{id}/api-keys',
    url: () => `/organisations/${org['tax-bureau']}/api-keys`,
    caller: 'operator',
    otherCaller: 'tax-provider',
    table: 'api_keys',
    shareableBody: true,
    body: () => ({ name: `idem key ${next()}` }),
  },
  {
    route: 'POST /enterprises',
    url: () => '/enterprises',
    caller: 'operator',
    otherCaller: 'idem-operator',
    table: 'enterprises',
    body: () => {
      const n = next();
      return {
        uscc: buildUscc('9', '1', '310115', `MA${String(n).padStart(6, '0')}`),
        name: `幂等测试${n}有限公司`,
        industry: 'trade',
      };
    },
  },
  {
    route: 'POST /persons',
    url: () => '/persons',
    caller: 'operator',
    otherCaller: 'idem-operator',
    table: 'persons',
    body: () => {
      const n = next();
      return { idNumber: residentId(n), name: `测试${n}`, phone: '13800138000' };
    },
  },
  {
    route: 'POST /consents',
    url: () => '/consents',
    caller: 'demo-person',
    otherCaller: 'demo-enterprise',
    table: 'consents',
    shareableBody: true,
    body: () => ({
      granteeOrganisationId: org['bank-b'],
      categories: ['tax', 'customs'],
      purpose: 'loan_application',
      expiresAt: new Date(t.ctx.now().getTime() + (30 + next()) * DAY).toISOString(),
    }),
  },
  {
    route: 'POST /auth/register',
    url: () => '/auth/register',
    caller: null,
    otherCaller: 'idem-operator',
    table: 'users',
    body: () => {
      const n = next();
      return {
        login: `idem-borrower-${n}`,
        password: PASSWORD,
        subjectKind: 'person',
        idNumber: residentId(n),
        name: `测试借款人${n}`,
      };
    },
  },
];

beforeAll(async () => {
  // The per-minute login and registration budget is not what this file tests.
  t = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000000' } });
  const list = await send('operator', { method: 'GET', url: '/organisations' });
  for (const o of list.json<{ id: string; code: string }[]>()) org[o.code] = o.id;
  // A second operator, to show that keys are scoped per caller.
  const created = await send('operator', {
    method: 'POST',
    url: '/users',
    payload: {
      login: 'idem-operator',
      password: PASSWORD,
      displayName: '第二运营',
      role: 'operator',
      organisationId: org.platform,
    },
  });
  expect(created.statusCode, created.body).toBe(201);
});
afterAll(async () => t.close());

describe('Idempotency-Key on creating POSTs', () => {
  describe.each(ROUTES)('$route', (r) => {
    it('replays the first response for the same key and body, creating one row', async () => {
      const before = await rows(r.table);
      const key = newKey();
      const body = r.body();
      const first = await send(r.caller, { method: 'POST', url: r.url(), ...asJson(body) }, key);
      expect(first.statusCode, first.body).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();

      const replay = await send(r.caller, { method: 'POST', url: r.url(), ...asJson(body) }, key);
      expectReplayOf(replay, first);

      // Key order and spacing in the JSON text do not make it another request.
      const reordered = await send(
        r.caller,
        {
          method: 'POST',
          url: r.url(),
          headers: { 'content-type': 'application/json' },
          payload: JSON.stringify(reversed(body), null, 2),
        },
        key,
      );
      expectReplayOf(reordered, first);
      expect(await rows(r.table)).toBe(before + 1);
    });

    it('refuses the same key with another body, and creates nothing', async () => {
      const key = newKey();
      const first = await send(
        r.caller,
        { method: 'POST', url: r.url(), ...asJson(r.body()) },
        key,
      );
      expect(first.statusCode, first.body).toBe(201);
      const before = await rows(r.table);
      const other = await send(
        r.caller,
        { method: 'POST', url: r.url(), ...asJson(r.body()) },
        key,
      );
      expectKeyReused(other);
      expect(await rows(r.table)).toBe(before);
    });

    it('gives each caller a key space of its own', async () => {
      const key = newKey();
      const before = await rows(r.table);
      const body = r.body();
      const first = await send(r.caller, { method: 'POST', url: r.url(), ...asJson(body) }, key);
      expect(first.statusCode, first.body).toBe(201);

      // Another caller's first use of the same key runs, with another body or the same one.
      const otherBody = r.shareableBody ? body : r.body();
      const theirs = await send(
        r.otherCaller,
        { method: 'POST', url: r.url(), ...asJson(otherBody) },
        key,
      );
      expect(theirs.statusCode, theirs.body).toBe(201);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.body).not.toBe(first.body);
      expect(await rows(r.table)).toBe(before + 2);

      // And each replays its own response.
      const again = await send(
        r.otherCaller,
        { method: 'POST', url: r.url(), ...asJson(otherBody) },
        key,
      );
      expectReplayOf(again, theirs);
      const mine = await send(r.caller, { method: 'POST', url: r.url(), ...asJson(body) }, key);
      expectReplayOf(mine, first);
      expect(await rows(r.table)).toBe(before + 2);
    });

    it('refuses a malformed key before doing anything', async () => {
      const before = await rows(r.table);
      const malformed = ['k'.repeat(256), 'k'.repeat(300), '', 'has space', 'tab\tinside', 'clé-é'];
      for (const bad of malformed) {
        const response = await send(
          r.caller,
          { method: 'POST', url: r.url(), ...asJson(r.body()) },
          bad,
        );
        expect(response.statusCode, `${JSON.stringify(bad)}: ${response.body}`).toBe(400);
        const error = errorOf(response);
        expect(error.code).toBe('VALIDATION_FAILED');
        expect(error.fields).toEqual([
          expect.objectContaining({ path: 'headers.idempotency-key', code: 'pattern' }),
        ]);
        expect(error.fields[0]?.message).not.toBe('');
      }
      expect(await rows(r.table)).toBe(before);
    });
  });

  it('hashes the body canonically: key order, nesting and spacing do not matter', async () => {
    const key = newKey();
    const body = {
      granteeOrganisationId: org['bank-b'],
      categories: ['tax', 'customs'],
      purpose: 'loan_application',
      expiresAt: new Date(t.ctx.now().getTime() + 200 * DAY).toISOString(),
    };
    const first = await send(
      'demo-person',
      { method: 'POST', url: '/consents', ...asJson(body) },
      key,
    );
    expect(first.statusCode, first.body).toBe(201);
    const texts = [
      JSON.stringify(reversed(body)),
      JSON.stringify(body, null, 4),
      `{ "purpose": "loan_application", "expiresAt": ${JSON.stringify(body.expiresAt)},\n` +
        `  "categories": ["tax", "customs"], "granteeOrganisationId": "${body.granteeOrganisationId}" }`,
    ];
    for (const payload of texts) {
      const replay = await send(
        'demo-person',
        {
          method: 'POST',
          url: '/consents',
          headers: { 'content-type': 'application/json' },
          payload,
        },
        key,
      );
      expectReplayOf(replay, first);
    }
  });

  it('accepts a key of 255 printable characters', async () => {
    const key = `${newKey()}-`.padEnd(255, '~');
    const body = { kind: 'lender', code: `idem-long-${next()}`, name: '长键银行' };
    const first = await send(
      'operator',
      { method: 'POST', url: '/organisations', payload: body },
      key,
    );
    expect(first.statusCode, first.body).toBe(201);
    const replay = await send(
      'operator',
      { method: 'POST', url: '/organisations', payload: body },
      key,
    );
    expectReplayOf(replay, first);
  });

  it('replays a 4xx domain error as it was, even once the request would succeed', async () => {
    // A code already taken: 409, stored and replayed.
    const taken = newKey();
    const duplicate = { kind: 'lender', code: 'bank-a', name: '重复' };
    const refused = await send(
      'operator',
      { method: 'POST', url: '/organisations', payload: duplicate },
      taken,
    );
    expect(refused.statusCode, refused.body).toBe(409);
    expect(errorOf(refused).code).toBe('ORGANISATION_CODE_TAKEN');
    expectReplayOf(
      await send('operator', { method: 'POST', url: '/organisations', payload: duplicate }, taken),
      refused,
    );

    // An expiry too far ahead: 400. Twenty days on the same request would pass, but the key
    // still answers what it answered (and a new key runs it).
    const consentKey = newKey();
    const consent = {
      granteeOrganisationId: org['bank-b'],
      categories: ['tax'],
      purpose: 'credit_assessment',
      expiresAt: new Date(t.ctx.now().getTime() + (3 * 366 + 10) * DAY).toISOString(),
    };
    const tooFar = await send(
      'demo-enterprise',
      { method: 'POST', url: '/consents', payload: consent },
      consentKey,
    );
    expect(tooFar.statusCode, tooFar.body).toBe(400);
    expect(errorOf(tooFar).fields).toEqual([
      expect.objectContaining({ path: 'expiresAt', code: 'too_far_ahead' }),
    ]);
    t.advance(20 * DAY);
    try {
      // Sessions have expired meanwhile; a new one is the same user, with the same keys.
      const token = await t.login('demo-enterprise');
      const request = { method: 'POST' as const, url: '/consents', payload: consent };
      const before = await rows('consents');
      expectReplayOf(
        await t.as(token, { ...request, headers: { 'idempotency-key': consentKey } }),
        tooFar,
      );
      expect(await rows('consents')).toBe(before);
      const now = await t.as(token, { ...request, headers: { 'idempotency-key': newKey() } });
      expect(now.statusCode, now.body).toBe(201);
    } finally {
      t.advance(-20 * DAY);
    }

    // An identifier the registry refuses (a domain check, not the schema): 400, replayed.
    const badKey = newKey();
    const valid = buildUscc('9', '1', '310115', `MB${String(next()).padStart(6, '0')}`);
    const wrongCheck = `${valid.slice(0, 17)}${valid.endsWith('0') ? '1' : '0'}`;
    const enterprise = { uscc: wrongCheck, name: '校验位错误有限公司' };
    const invalid = await send(
      'operator',
      { method: 'POST', url: '/enterprises', payload: enterprise },
      badKey,
    );
    expect(invalid.statusCode, invalid.body).toBe(400);
    expect(errorOf(invalid).fields).toEqual([
      expect.objectContaining({ path: 'uscc', code: 'USCC_CHECK_CHARACTER' }),
    ]);
    expectReplayOf(
      await send('operator', { method: 'POST', url: '/enterprises', payload: enterprise }, badKey),
      invalid,
    );
    // The key is spent on that answer: the corrected request needs a new key.
    const corrected = { ...enterprise, uscc: valid };
    expectKeyReused(
      await send('operator', { method: 'POST', url: '/enterprises', payload: corrected }, badKey),
    );
    const fresh = await send(
      'operator',
      { method: 'POST', url: '/enterprises', payload: corrected },
      newKey(),
    );
    expect(fresh.statusCode, fresh.body).toBe(201);
  });

  it('does not spend a key on a request the schema refused', async () => {
    const key = newKey();
    const body = { kind: 'lender', code: `idem-late-${next()}`, name: '后来银行' };
    const malformed = await send(
      'operator',
      { method: 'POST', url: '/organisations', payload: { ...body, unexpected: true } },
      key,
    );
    expect(malformed.statusCode, malformed.body).toBe(400);
    const first = await send(
      'operator',
      { method: 'POST', url: '/organisations', payload: body },
      key,
    );
    expect(first.statusCode, first.body).toBe(201);
    expect(first.headers['idempotent-replayed']).toBeUndefined();
  });

  it('treats another route or another path parameter as another request', async () => {
    const key = newKey();
    const n = next();
    const created = await send(
      'operator',
      {
        method: 'POST',
        url: '/organisations',
        payload: { kind: 'provider', code: `idem-provider-${n}`, name: `幂等数据源 ${n}` },
      },
      key,
    );
    expect(created.statusCode, created.body).toBe(201);
    const provider = created.json<{ id: string }>().id;
    expectKeyReused(
      await send(
        'operator',
        {
          method: 'POST',
          url: '/enterprises',
          payload: {
            uscc: buildUscc('9', '1', '310115', `MC${String(n).padStart(6, '0')}`),
            name: 'x',
          },
        },
        key,
      ),
    );

    const keyForKeys = newKey();
    const body = { name: 'same name' };
    const issued = await send(
      'operator',
      { method: 'POST', url: `/organisations/${provider}/api-keys`, payload: body },
      keyForKeys,
    );
    expect(issued.statusCode, issued.body).toBe(201);
    expectKeyReused(
      await send(
        'operator',
        { method: 'POST', url: `/organisations/${org['tax-bureau']}/api-keys`, payload: body },
        keyForKeys,
      ),
    );
  });

  it('belongs to the user, not to the session', async () => {
    const key = newKey();
    const body = { kind: 'lender', code: `idem-session-${next()}`, name: '会话银行' };
    const first = await send(
      'operator',
      { method: 'POST', url: '/organisations', payload: body },
      key,
    );
    expect(first.statusCode, first.body).toBe(201);
    const otherSession = await t.login('operator');
    const replay = await t.as(otherSession, {
      method: 'POST',
      url: '/organisations',
      payload: body,
      headers: { 'idempotency-key': key },
    });
    expectReplayOf(replay, first);
  });

  it('runs concurrent requests with one key once', async () => {
    const key = newKey();
    const body = { kind: 'lender', code: `idem-race-${next()}`, name: '并发银行' };
    const before = await rows('organisations');
    const responses = await Promise.all(
      Array.from({ length: 5 }, () =>
        send('operator', { method: 'POST', url: '/organisations', payload: body }, key),
      ),
    );
    expect(await rows('organisations')).toBe(before + 1);
    const created = responses.filter(
      (r) => r.statusCode === 201 && r.headers['idempotent-replayed'] === undefined,
    );
    expect(created).toHaveLength(1);
    for (const response of responses) {
      if (response === created[0]) continue;
      if (response.statusCode === 409) {
        expect(errorOf(response).code).toBe('IDEMPOTENCY_IN_PROGRESS');
      } else {
        expectReplayOf(response, created[0] as LightMyRequestResponse);
      }
    }
  });

  it('ignores the header on routes that are not creating POSTs', async () => {
    const key = newKey();
    const lookup = { idNumber: buildResidentId('110105', '19900307', '123') };
    for (let i = 0; i < 2; i += 1) {
      const response = await send(
        'operator',
        { method: 'POST', url: '/persons/lookup', payload: lookup },
        key,
      );
      expect(response.statusCode, response.body).toBe(200);
      expect(response.headers['idempotent-replayed']).toBeUndefined();
    }
    // Nor is the key claimed for the creating routes.
    const body = { kind: 'lender', code: `idem-after-${next()}`, name: '之后银行' };
    const created = await send(
      'operator',
      { method: 'POST', url: '/organisations', payload: body },
      key,
    );
    expect(created.statusCode, created.body).toBe(201);
  });
});
