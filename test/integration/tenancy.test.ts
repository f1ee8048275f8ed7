import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResidentId, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Tenant isolation: officers of two banks, two data providers and two borrowers; every
 * cross-tenant read or write is refused, and the refusal leaks nothing.
 */

interface UserJson {
  id: string;
  login: string;
  role: string;
  organisationId: string | null;
  subject: { kind: string; id: string } | null;
  lockedUntil: string | null;
}
interface OrganisationJson {
  id: string;
  code: string;
}
interface ConsentJson {
  id: string;
  subject: { kind: string; id: string };
  granteeOrganisationId: string;
}
interface ApiKeyJson {
  id: string;
  organisationId: string;
}
interface PersonJson {
  id: string;
  idNumber: string;
  masking: string;
}

/** Everything a case needs to name another tenant's resources. */
interface Ids {
  bankA: string;
  bankB: string;
  taxBureau: string;
  customs: string;
  bankAAdmin: string;
  bankAOfficer: string;
  bankALocked: string;
  demoPersonUser: string;
  demoPerson: string;
  secondPerson: string;
  bankAConsent: string;
  customsKey: string;
  taxBureauKey: string;
}

/** A login of a demo or test user, or the demo data provider's API key. */
type Caller = string;
const TAX_BUREAU_API_KEY: Caller = "the tax bureau's API key";

let t: TestApp;
let ids: Ids;
const tokens = new Map<string, string>();

async function tokenOf(login: string): Promise<string> {
  let token = tokens.get(login);
  if (token === undefined) {
    token = await t.login(login);
    tokens.set(login, token);
  }
  return token;
}

async function send(caller: Caller, options: InjectOptions): Promise<LightMyRequestResponse> {
  if (caller === TAX_BUREAU_API_KEY) {
    return t.app.inject({ ...options, headers: { 'x-api-key': t.providerApiKey ?? '' } });
  }
  return t.as(await tokenOf(caller), options);
}

async function ok<T>(caller: Caller, options: InjectOptions, status = 200): Promise<T> {
  const response = await send(caller, options);
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

beforeAll(async () => {
  t = await startTestApp();
  const organisations = await ok<OrganisationJson[]>('operator', {
    method: 'GET',
    url: '/organisations',
  });
  const org = (code: string) => {
    const found = organisations.find((o) => o.code === code);
    if (!found) throw new Error(`no organisation ${code}`);
    return found.id;
  };

  // A second data provider, with its own user and key, created the way an operator would.
  const customs = await ok<OrganisationJson>(
    'operator',
    {
      method: 'POST',
      url: '/organisations',
      payload: { kind: 'provider', code: 'customs', name: '示范海关' },
    },
    201,
  );
  await ok<UserJson>(
    'operator',
    {
      method: 'POST',
      url: '/users',
      payload: {
        login: 'customs-provider',
        password: DEMO_PASSWORD,
        displayName: 'customs provider',
        role: 'provider',
        organisationId: customs.id,
      },
    },
    201,
  );
  const customsKey = await ok<{ apiKey: ApiKeyJson; key: string }>(
    'operator',
    { method: 'POST', url: `/organisations/${customs.id}/api-keys`, payload: { name: 'customs' } },
    201,
  );
  const taxBureauKeys = await ok<ApiKeyJson[]>('operator', {
    method: 'GET',
    url: `/organisations/${org('tax-bureau')}/api-keys`,
  });

  // A bank A officer whose account is locked by wrong passwords, for the unlock cases.
  const locked = await ok<UserJson>(
    'bank-a-admin',
    {
      method: 'POST',
      url: '/users',
      payload: {
        login: 'bank-a-locked',
        password: DEMO_PASSWORD,
        displayName: 'locked officer',
        role: 'lender_officer',
      },
    },
    201,
  );
  for (let i = 0; i < t.ctx.config.loginMaxFailures; i += 1) {
    await t.app.inject({
      method: 'POST',
      url: '/auth/login',
      payload: { login: 'bank-a-locked', password: 'wrong-password-1' },
    });
  }

  // A second individual borrower, registering themself.
  const second = await t.app.inject({
    method: 'POST',
    url: '/auth/register',
    payload: {
      login: 'second-person',
      password: DEMO_PASSWORD,
      subjectKind: 'person',
      idNumber: buildResidentId('320102', '19870615', '031'),
      name: '周二',
    },
  });
  expect(second.statusCode, second.body).toBe(201);
  const secondPerson = second.json<UserJson>().subject?.id ?? '';

  const staff = await ok<UserJson[]>('operator', { method: 'GET', url: '/users?limit=200' });
  const user = (login: string) => {
    const found = staff.find((u) => u.login === login);
    if (!found) throw new Error(`no user ${login}`);
    return found;
  };
  const demoPersonUser = user('demo-person');
  const consents = await ok<ConsentJson[]>('demo-person', { method: 'GET', url: '/consents' });
  const bankAConsent = consents.find((c) => c.granteeOrganisationId === org('bank-a'));
  if (!bankAConsent || !demoPersonUser.subject || !taxBureauKeys[0]) {
    throw new Error('demo data is incomplete');
  }

  ids = {
    bankA: org('bank-a'),
    bankB: org('bank-b'),
    taxBureau: org('tax-bureau'),
    customs: customs.id,
    bankAAdmin: user('bank-a-admin').id,
    bankAOfficer: user('bank-a-officer').id,
    bankALocked: locked.id,
    demoPersonUser: demoPersonUser.id,
    demoPerson: demoPersonUser.subject.id,
    secondPerson,
    bankAConsent: bankAConsent.id,
    customsKey: customsKey.apiKey.id,
    taxBureauKey: taxBureauKeys[0].id,
  };
});
afterAll(async () => t.close());

interface CrossTenantCase {
  readonly caller: Caller;
  readonly attempt: string;
  readonly request: (ids: Ids) => InjectOptions;
  readonly status: 403 | 404;
  readonly code: string;
}

const newStaff = (organisationId: string, role: string, login: string) => ({
  login,
  password: DEMO_PASSWORD,
  displayName: 'intruder-made user',
  role,
  organisationId,
});

/** Every request here crosses a tenant boundary and must be refused. */
const CROSS_TENANT: readonly CrossTenantCase[] = [
  // Staff accounts of another bank.
  {
    caller: 'bank-b-officer',
    attempt: "reads a bank A officer's account",
    request: (i) => ({ method: 'GET', url: `/users/${i.bankAOfficer}` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'bank-b-admin',
    attempt: "reads a bank A officer's account",
    request: (i) => ({ method: 'GET', url: `/users/${i.bankAOfficer}` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'bank-b-admin',
    attempt: "reads bank A's admin account",
    request: (i) => ({ method: 'GET', url: `/users/${i.bankAAdmin}` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'bank-b-admin',
    attempt: "lists bank A's users",
    request: (i) => ({ method: 'GET', url: `/users?organisationId=${i.bankA}` }),
    status: 403,
    code: 'TENANT_FORBIDDEN',
  },
  {
    caller: 'bank-b-officer',
    attempt: "lists bank A's users",
    request: (i) => ({ method: 'GET', url: `/users?organisationId=${i.bankA}` }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    caller: 'bank-b-admin',
    attempt: 'creates an officer in bank A',
    request: (i) => ({
      method: 'POST',
      url: '/users',
      payload: newStaff(i.bankA, 'lender_officer', 'planted-officer'),
    }),
    status: 403,
    code: 'TENANT_FORBIDDEN',
  },
  {
    caller: 'bank-b-admin',
    attempt: 'creates an admin in bank A',
    request: (i) => ({
      method: 'POST',
      url: '/users',
      payload: newStaff(i.bankA, 'lender_admin', 'planted-admin'),
    }),
    status: 403,
    code: 'TENANT_FORBIDDEN',
  },
  {
    caller: 'bank-b-officer',
    attempt: 'creates an officer in bank A',
    request: (i) => ({
      method: 'POST',
      url: '/users',
      payload: newStaff(i.bankA, 'lender_officer', 'planted-by-officer'),
    }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    caller: 'bank-b-admin',
    attempt: 'unlocks a locked bank A officer',
    request: (i) => ({ method: 'POST', url: `/users/${i.bankALocked}/unlock` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'bank-b-officer',
    attempt: 'unlocks a locked bank A officer',
    request: (i) => ({ method: 'POST', url: `/users/${i.bankALocked}/unlock` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'bank-a-officer',
    attempt: "reads a borrower's account",
    request: (i) => ({ method: 'GET', url: `/users/${i.demoPersonUser}` }),
    status: 404,
    code: 'NOT_FOUND',
  },

  // Consents granted to another bank.
  {
    caller: 'bank-b-officer',
    attempt: 'reads the consent granted to bank A',
    request: (i) => ({ method: 'GET', url: `/consents/${i.bankAConsent}` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'bank-b-admin',
    attempt: 'reads the consent granted to bank A',
    request: (i) => ({ method: 'GET', url: `/consents/${i.bankAConsent}` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'bank-b-officer',
    attempt: 'reads the events of the consent granted to bank A',
    request: (i) => ({ method: 'GET', url: `/consents/${i.bankAConsent}/events` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'bank-b-officer',
    attempt: 'revokes the consent granted to bank A',
    request: (i) => ({ method: 'POST', url: `/consents/${i.bankAConsent}/revoke` }),
    status: 403,
    code: 'FORBIDDEN',
  },

  // A person who consented to bank A only.
  {
    caller: 'bank-b-officer',
    attempt: 'reads the demo person, who consented to bank A only',
    request: (i) => ({ method: 'GET', url: `/persons/${i.demoPerson}` }),
    status: 403,
    code: 'CONSENT_REQUIRED',
  },
  {
    caller: 'bank-b-admin',
    attempt: 'reads the demo person, who consented to bank A only',
    request: (i) => ({ method: 'GET', url: `/persons/${i.demoPerson}` }),
    status: 403,
    code: 'CONSENT_REQUIRED',
  },
  {
    caller: 'tax-provider',
    attempt: 'reads the demo person',
    request: (i) => ({ method: 'GET', url: `/persons/${i.demoPerson}` }),
    status: 404,
    code: 'NOT_FOUND',
  },

  // Data providers' API keys.
  {
    caller: 'bank-a-officer',
    attempt: "issues an API key for the tax bureau's data",
    request: (i) => ({
      method: 'POST',
      url: `/organisations/${i.taxBureau}/api-keys`,
      payload: { name: 'planted' },
    }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    caller: 'bank-a-admin',
    attempt: "issues an API key for the tax bureau's data",
    request: (i) => ({
      method: 'POST',
      url: `/organisations/${i.taxBureau}/api-keys`,
      payload: { name: 'planted' },
    }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    caller: 'bank-a-officer',
    attempt: 'issues an API key for its own bank',
    request: (i) => ({
      method: 'POST',
      url: `/organisations/${i.bankA}/api-keys`,
      payload: { name: 'planted' },
    }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    caller: 'bank-a-admin',
    attempt: "lists the tax bureau's API keys",
    request: (i) => ({ method: 'GET', url: `/organisations/${i.taxBureau}/api-keys` }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    caller: 'bank-b-officer',
    attempt: "lists the customs office's API keys",
    request: (i) => ({ method: 'GET', url: `/organisations/${i.customs}/api-keys` }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    caller: 'bank-a-admin',
    attempt: "revokes the tax bureau's API key",
    request: (i) => ({ method: 'POST', url: `/api-keys/${i.taxBureauKey}/revoke` }),
    status: 403,
    code: 'FORBIDDEN',
  },
  {
    caller: 'tax-provider',
    attempt: "lists the customs office's API keys",
    request: (i) => ({ method: 'GET', url: `/organisations/${i.customs}/api-keys` }),
    status: 403,
    code: 'TENANT_FORBIDDEN',
  },
  {
    caller: 'tax-provider',
    attempt: 'issues an API key for the customs office',
    request: (i) => ({
      method: 'POST',
      url: `/organisations/${i.customs}/api-keys`,
      payload: { name: 'planted' },
    }),
    status: 403,
    code: 'TENANT_FORBIDDEN',
  },
  {
    caller: 'tax-provider',
    attempt: "revokes the customs office's API key",
    request: (i) => ({ method: 'POST', url: `/api-keys/${i.customsKey}/revoke` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'customs-provider',
    attempt: "lists the tax bureau's API keys",
    request: (i) => ({ method: 'GET', url: `/organisations/${i.taxBureau}/api-keys` }),
    status: 403,
    code: 'TENANT_FORBIDDEN',
  },
  {
    caller: TAX_BUREAU_API_KEY,
    attempt: "lists the customs office's API keys",
    request: (i) => ({ method: 'GET', url: `/organisations/${i.customs}/api-keys` }),
    status: 403,
    code: 'FORBIDDEN',
  },

  // Another borrower's records.
  {
    caller: 'demo-enterprise',
    attempt: "reads the demo person's record",
    request: (i) => ({ method: 'GET', url: `/persons/${i.demoPerson}` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'second-person',
    attempt: "reads the demo person's record",
    request: (i) => ({ method: 'GET', url: `/persons/${i.demoPerson}` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'demo-person',
    attempt: "reads the second person's record",
    request: (i) => ({ method: 'GET', url: `/persons/${i.secondPerson}` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'second-person',
    attempt: "reads the demo person's consent to bank A",
    request: (i) => ({ method: 'GET', url: `/consents/${i.bankAConsent}` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'demo-enterprise',
    attempt: "reads the events of the demo person's consent",
    request: (i) => ({ method: 'GET', url: `/consents/${i.bankAConsent}/events` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'second-person',
    attempt: "revokes the demo person's consent",
    request: (i) => ({ method: 'POST', url: `/consents/${i.bankAConsent}/revoke` }),
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    caller: 'demo-person',
    attempt: "reads a bank A officer's account",
    request: (i) => ({ method: 'GET', url: `/users/${i.bankAOfficer}` }),
    status: 404,
    code: 'NOT_FOUND',
  },
];

/** What every cross-tenant case answered, for the closing assertion. */
const answered: { caller: Caller; attempt: string; status: number }[] = [];

describe('tenant isolation', () => {
  for (const c of CROSS_TENANT) {
    it(`${c.caller} ${c.attempt}: refused with ${c.status} ${c.code}`, async () => {
      const response = await send(c.caller, c.request(ids));
      answered.push({ caller: c.caller, attempt: c.attempt, status: response.statusCode });
      expect(response.statusCode, response.body).toBe(c.status);
      expect(errorOf(response).code).toBe(c.code);
    });
  }

  it('leaves no trace of the refused writes: no planted users, keys or unlocks', async () => {
    const bankAUsers = await ok<UserJson[]>('operator', {
      method: 'GET',
      url: `/users?organisationId=${ids.bankA}&limit=200`,
    });
    for (const u of bankAUsers) expect(u.login).not.toMatch(/^planted/);
    const taxKeys = await ok<ApiKeyJson[]>('operator', {
      method: 'GET',
      url: `/organisations/${ids.taxBureau}/api-keys`,
    });
    expect(taxKeys).toHaveLength(1);
    const customsKeys = await ok<(ApiKeyJson & { revokedAt: string | null })[]>('operator', {
      method: 'GET',
      url: `/organisations/${ids.customs}/api-keys`,
    });
    expect(customsKeys).toEqual([expect.objectContaining({ id: ids.customsKey, revokedAt: null })]);
    const locked = await ok<UserJson>('operator', {
      method: 'GET',
      url: `/users/${ids.bankALocked}`,
    });
    expect(locked.lockedUntil).not.toBeNull();
    const consent = await ok<{ status: string }>('demo-person', {
      method: 'GET',
      url: `/consents/${ids.bankAConsent}`,
    });
    expect(consent.status).toBe('active');
  });

  it('lets bank B list only consents granted to bank B', async () => {
    for (const caller of ['bank-b-officer', 'bank-b-admin']) {
      const consents = await ok<ConsentJson[]>(caller, { method: 'GET', url: '/consents' });
      expect(consents.map((c) => c.id)).not.toContain(ids.bankAConsent);
      for (const consent of consents) expect(consent.granteeOrganisationId).toBe(ids.bankB);
    }
  });

  it("lets a borrower list only its own consents, never another borrower's", async () => {
    for (const caller of ['demo-enterprise', 'second-person']) {
      const consents = await ok<ConsentJson[]>(caller, { method: 'GET', url: '/consents' });
      expect(consents.map((c) => c.id)).not.toContain(ids.bankAConsent);
      for (const consent of consents) expect(consent.subject.id).not.toBe(ids.demoPerson);
    }
  });

  it("lets bank B's admin list only bank B's users", async () => {
    const users = await ok<UserJson[]>('bank-b-admin', { method: 'GET', url: '/users' });
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) expect(u.organisationId).toBe(ids.bankB);
  });

  // The same requests inside the tenant succeed, so the refusals above are about tenancy.
  describe('inside its own tenant', () => {
    it('bank A officer reads the demo person, masked, under the consent to bank A', async () => {
      const person = await ok<PersonJson>('bank-a-officer', {
        method: 'GET',
        url: `/persons/${ids.demoPerson}`,
      });
      expect(person.masking).toBe('partial');
      expect(person.idNumber).toBe('110***********1239');
    });

    it('bank A officer sees the consent granted to bank A and its events', async () => {
      const consents = await ok<ConsentJson[]>('bank-a-officer', {
        method: 'GET',
        url: '/consents',
      });
      expect(consents.map((c) => c.id)).toContain(ids.bankAConsent);
      await ok('bank-a-officer', { method: 'GET', url: `/consents/${ids.bankAConsent}/events` });
    });

    it("bank A admin lists bank A's users and unlocks its own locked officer", async () => {
      const users = await ok<UserJson[]>('bank-a-admin', {
        method: 'GET',
        url: `/users?organisationId=${ids.bankA}`,
      });
      expect(users.map((u) => u.id)).toEqual(
        expect.arrayContaining([ids.bankAAdmin, ids.bankAOfficer, ids.bankALocked]),
      );
      const unlocked = await ok<UserJson>('bank-a-admin', {
        method: 'POST',
        url: `/users/${ids.bankALocked}/unlock`,
      });
      expect(unlocked.lockedUntil).toBeNull();
    });

    it("each provider lists its own API keys, and the operator any provider's", async () => {
      const tax = await ok<ApiKeyJson[]>('tax-provider', {
        method: 'GET',
        url: `/organisations/${ids.taxBureau}/api-keys`,
      });
      expect(tax.map((k) => k.id)).toEqual([ids.taxBureauKey]);
      const customs = await ok<ApiKeyJson[]>('customs-provider', {
        method: 'GET',
        url: `/organisations/${ids.customs}/api-keys`,
      });
      expect(customs.map((k) => k.id)).toEqual([ids.customsKey]);
      await ok('operator', { method: 'GET', url: `/organisations/${ids.customs}/api-keys` });
    });
  });

  it('no cross-tenant request in the table returned 2xx', () => {
    expect(answered).toHaveLength(CROSS_TENANT.length);
    expect(answered.filter((a) => a.status >= 200 && a.status < 300)).toEqual([]);
  });
});
