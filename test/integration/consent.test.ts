import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Consent: a borrower grants a lender the use of named data for one purpose until a date;
 * every use is recorded, revocation and expiry take effect at once, and only borrowers grant.
 */

interface ConsentJson {
  id: string;
  subject: { kind: string; id: string };
  granteeOrganisationId: string;
  categories: string[];
  purpose: string;
  grantedBy: string;
  grantedAt: string;
  expiresAt: string;
  revokedAt: string | null;
  status: 'active' | 'revoked' | 'expired';
}
interface ConsentEventJson {
  event: 'granted' | 'used' | 'revoked';
  actorUserId: string | null;
  actorOrganisationId: string | null;
  category: string | null;
  purpose: string | null;
}
interface UserJson {
  id: string;
  organisationId: string | null;
  subject: { kind: string; id: string } | null;
}
interface PersonJson {
  id: string;
  idNumber: string;
  masking: string;
}
interface AuditEventJson {
  actorId: string | null;
  actorRole: string | null;
  action: string;
  subjectKind: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

let t: TestApp;
const tokens = new Map<string, string>();
const org: Record<string, string> = {};
let person = '';
let demoPerson: UserJson;
let bankBOfficer: UserJson;

async function as(login: string, options: InjectOptions): Promise<LightMyRequestResponse> {
  let token = tokens.get(login);
  if (token === undefined) {
    token = await t.login(login);
    tokens.set(login, token);
  }
  return t.as(token, options);
}

async function ok<T>(login: string, options: InjectOptions, status = 200): Promise<T> {
  const response = await as(login, options);
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

/** A moment relative to the app's (fake) clock, as ISO text. */
const fromNow = (ms: number) => new Date(t.ctx.now().getTime() + ms).toISOString();

/** Three calendar years after the app's clock, plus `ms`. */
function threeYearsFromNow(ms: number) {
  const limit = t.ctx.now();
  limit.setUTCFullYear(limit.getUTCFullYear() + 3);
  return new Date(limit.getTime() + ms).toISOString();
}

function grant(login: string, body: Partial<Record<string, unknown>> = {}) {
  return as(login, {
    method: 'POST',
    url: '/consents',
    payload: {
      granteeOrganisationId: org['bank-b'],
      categories: ['identity'],
      purpose: 'credit_assessment',
      expiresAt: fromNow(30 * DAY),
      ...body,
    },
  });
}

async function granted(body: Partial<Record<string, unknown>> = {}): Promise<ConsentJson> {
  const response = await grant('demo-person', body);
  expect(response.statusCode, response.body).toBe(201);
  return response.json<ConsentJson>();
}

const readPerson = (login: string, query = '') =>
  as(login, { method: 'GET', url: `/persons/${person}${query}` });

async function expectConsentRequired(response: LightMyRequestResponse) {
  expect(response.statusCode, response.body).toBe(403);
  expect(errorOf(response).code).toBe('CONSENT_REQUIRED');
}

const events = (login: string, consentId: string) =>
  ok<ConsentEventJson[]>(login, { method: 'GET', url: `/consents/${consentId}/events` });

beforeAll(async () => {
  t = await startTestApp();
  for (const o of await ok<{ id: string; code: string }[]>('operator', {
    method: 'GET',
    url: '/organisations',
  })) {
    org[o.code] = o.id;
  }
  demoPerson = await ok<UserJson>('demo-person', { method: 'GET', url: '/me' });
  bankBOfficer = await ok<UserJson>('bank-b-officer', { method: 'GET', url: '/me' });
  person = demoPerson.subject?.id ?? '';
});
afterAll(async () => t.close());

/** Consents granted in this file, checked against the audit trail at the end. */
const grantedIds: string[] = [];
const revokedIds: string[] = [];

describe('the demo person grants bank B their identity for credit assessment', () => {
  let consent: ConsentJson;

  it('before the grant, a bank B officer may not read the person (403 CONSENT_REQUIRED)', async () => {
    await expectConsentRequired(await readPerson('bank-b-officer'));
  });

  it('the grant is recorded as an active consent of the person to bank B', async () => {
    consent = await granted();
    grantedIds.push(consent.id);
    expect(consent).toMatchObject({
      subject: { kind: 'person', id: person },
      granteeOrganisationId: org['bank-b'],
      categories: ['identity'],
      purpose: 'credit_assessment',
      grantedBy: demoPerson.id,
      revokedAt: null,
      status: 'active',
    });
  });

  it('a bank B officer can now read the person, partially masked', async () => {
    const response = await readPerson('bank-b-officer');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<PersonJson>()).toMatchObject({
      id: person,
      idNumber: '110***********1239',
      masking: 'partial',
    });
  });

  it("the consent's events show it granted, then used by the bank B officer", async () => {
    const expected = [
      {
        event: 'granted',
        actorUserId: demoPerson.id,
        category: null,
        purpose: 'credit_assessment',
      },
      {
        event: 'used',
        actorUserId: bankBOfficer.id,
        actorOrganisationId: org['bank-b'],
        category: 'identity',
        purpose: 'credit_assessment',
      },
    ];
    expect(await events('demo-person', consent.id)).toMatchObject(expected);
    expect(await events('bank-b-officer', consent.id)).toMatchObject(expected);
  });

  it('another borrower can neither see nor revoke it (404)', async () => {
    const read = await as('demo-enterprise', { method: 'GET', url: `/consents/${consent.id}` });
    expect(read.statusCode).toBe(404);
    const revoke = await as('demo-enterprise', {
      method: 'POST',
      url: `/consents/${consent.id}/revoke`,
    });
    expect(revoke.statusCode).toBe(404);
  });

  it('revoking takes effect at once: the very next read is refused', async () => {
    const revoked = await ok<ConsentJson>('demo-person', {
      method: 'POST',
      url: `/consents/${consent.id}/revoke`,
    });
    revokedIds.push(consent.id);
    expect(revoked.status).toBe('revoked');
    expect(revoked.revokedAt).not.toBeNull();
    await expectConsentRequired(await readPerson('bank-b-officer'));
    expect((await events('demo-person', consent.id)).map((e) => e.event)).toEqual([
      'granted',
      'used',
      'revoked',
    ]);
  });

  it('revoking again is refused (409 CONSENT_NOT_ACTIVE)', async () => {
    const response = await as('demo-person', {
      method: 'POST',
      url: `/consents/${consent.id}/revoke`,
    });
    expect(response.statusCode).toBe(409);
    expect(errorOf(response).code).toBe('CONSENT_NOT_ACTIVE');
  });
});

describe('a consent covers only its purpose and its categories', () => {
  it("bank A's consent for credit_assessment does not cover a read for loan_application", async () => {
    await expectConsentRequired(await readPerson('bank-a-officer', '?purpose=loan_application'));
    expect((await readPerson('bank-a-officer', '?purpose=credit_assessment')).statusCode).toBe(200);
  });

  it('a consent for loan_application covers that purpose and no other', async () => {
    const consent = await granted({ purpose: 'loan_application' });
    grantedIds.push(consent.id);
    await expectConsentRequired(await readPerson('bank-b-officer'));
    await expectConsentRequired(
      await readPerson('bank-b-officer', '?purpose=post_loan_management'),
    );
    expect((await readPerson('bank-b-officer', '?purpose=loan_application')).statusCode).toBe(200);
  });

  it('a consent to tax records does not cover reading the identity', async () => {
    const consent = await granted({ categories: ['tax'] });
    grantedIds.push(consent.id);
    await expectConsentRequired(await readPerson('bank-b-officer'));
  });
});

describe('an expired consent does not count', () => {
  it('is honoured until expiresAt and refused once the clock passes it', async () => {
    const consent = await granted({ expiresAt: fromNow(HOUR) });
    grantedIds.push(consent.id);
    expect((await readPerson('bank-b-officer')).statusCode).toBe(200);

    t.advance(HOUR + 60_000);

    await expectConsentRequired(await readPerson('bank-b-officer'));
    const now = await ok<ConsentJson>('demo-person', {
      method: 'GET',
      url: `/consents/${consent.id}`,
    });
    expect(now.status).toBe('expired');
    const revoke = await as('demo-person', {
      method: 'POST',
      url: `/consents/${consent.id}/revoke`,
    });
    expect(revoke.statusCode).toBe(409);
    expect(errorOf(revoke).code).toBe('CONSENT_NOT_ACTIVE');
  });
});

describe('a grant is checked', () => {
  async function expectFieldProblem(response: LightMyRequestResponse, path: string, code: string) {
    expect(response.statusCode, response.body).toBe(400);
    expect(errorOf(response)).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path, code }],
    });
  }

  it('expiresAt in the past is refused (400 expiresAt in_the_past)', async () => {
    await expectFieldProblem(
      await grant('demo-person', { expiresAt: fromNow(-60_000) }),
      'expiresAt',
      'in_the_past',
    );
  });

  it('expiresAt more than 3 years ahead is refused (400 expiresAt too_far_ahead)', async () => {
    for (const expiresAt of [
      threeYearsFromNow(60_000),
      threeYearsFromNow(DAY),
      threeYearsFromNow(366 * DAY),
    ]) {
      await expectFieldProblem(
        await grant('demo-person', { expiresAt }),
        'expiresAt',
        'too_far_ahead',
      );
    }
  });

  it('expiresAt just under 3 years ahead is accepted', async () => {
    const consent = await granted({
      expiresAt: threeYearsFromNow(-DAY),
      purpose: 'post_loan_management',
    });
    grantedIds.push(consent.id);
  });

  it('the grantee must be a lender or the platform (400 organisation_kind)', async () => {
    for (const code of ['tax-bureau', 'regulator']) {
      await expectFieldProblem(
        await grant('demo-person', { granteeOrganisationId: org[code] }),
        'granteeOrganisationId',
        'organisation_kind',
      );
    }
    const platform = await granted({
      granteeOrganisationId: org.platform,
      purpose: 'credit_repair',
    });
    grantedIds.push(platform.id);
    expect(platform.granteeOrganisationId).toBe(org.platform);
  });

  it('the grantee must exist (400 unknown_organisation)', async () => {
    await expectFieldProblem(
      await grant('demo-person', { granteeOrganisationId: '00000000-0000-4000-8000-000000000000' }),
      'granteeOrganisationId',
      'unknown_organisation',
    );
  });
});

describe('only borrowers grant and revoke', () => {
  it('an officer, the operator or the regulator may not grant (403 FORBIDDEN)', async () => {
    for (const login of ['bank-b-officer', 'bank-b-admin', 'operator', 'regulator']) {
      const response = await grant(login);
      expect(response.statusCode, login).toBe(403);
      expect(errorOf(response).code, login).toBe('FORBIDDEN');
    }
  });

  it("the grantee's officer may not revoke a consent it can see (403 FORBIDDEN)", async () => {
    const consent = await granted({ purpose: 'loan_application' });
    grantedIds.push(consent.id);
    for (const login of ['bank-b-officer', 'bank-b-admin', 'operator']) {
      const response = await as(login, { method: 'POST', url: `/consents/${consent.id}/revoke` });
      expect(response.statusCode, login).toBe(403);
      expect(errorOf(response).code, login).toBe('FORBIDDEN');
    }
    const still = await ok<ConsentJson>('bank-b-officer', {
      method: 'GET',
      url: `/consents/${consent.id}`,
    });
    expect(still.status).toBe('active');
  });

  it('nobody grants without logging in (401)', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/consents',
      payload: {
        granteeOrganisationId: org['bank-b'],
        categories: ['identity'],
        purpose: 'credit_assessment',
        expiresAt: fromNow(DAY),
      },
    });
    expect(response.statusCode).toBe(401);
  });
});

describe('the audit trail', () => {
  const audit = (action: string) =>
    ok<AuditEventJson[]>('regulator', {
      method: 'GET',
      url: `/audit-events?action=${action}&subjectKind=person&subjectId=${person}&limit=200`,
    });

  it('has a consent.granted event for every grant, by the borrower', async () => {
    const events = await audit('consent.granted');
    for (const id of grantedIds) {
      const event = events.find((e) => e.detail.consentId === id);
      expect(event, id).toMatchObject({ actorId: demoPerson.id, actorRole: 'borrower' });
    }
    expect(events.find((e) => e.detail.consentId === grantedIds[0])?.detail).toMatchObject({
      grantee: org['bank-b'],
      categories: ['identity'],
      purpose: 'credit_assessment',
    });
  });

  it('has a consent.revoked event for every revocation, by the borrower', async () => {
    const events = await audit('consent.revoked');
    expect(revokedIds).toHaveLength(1);
    expect(events.map((e) => e.detail.consentId)).toEqual(revokedIds);
    expect(events[0]).toMatchObject({ actorId: demoPerson.id, actorRole: 'borrower' });
  });
});
