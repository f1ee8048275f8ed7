import { createHash } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResidentId, buildUscc, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';

/**
 * The registry: enterprises by USCC, persons by resident ID (encrypted at rest, masked by
 * role, every read audited) and borrower self-registration.
 */

interface EnterpriseJson {
  id: string;
  uscc: string;
  name: string;
  registrationAuthority: string;
  entityType: string;
  regionCode: string;
  regionName: string | null;
  industry: string | null;
}
interface PersonJson {
  id: string;
  idNumber: string;
  name: string;
  phone: string | null;
  masking: 'none' | 'partial' | 'strong';
}
interface UserJson {
  id: string;
  login: string;
  role: string;
  organisationId: string | null;
  subject: { kind: 'enterprise' | 'person'; id: string } | null;
}
interface AuditEventJson {
  id: string;
  actorKind: string;
  actorId: string | null;
  actorRole: string | null;
  actorOrganisationId: string | null;
  action: string;
  subjectKind: string | null;
  subjectId: string | null;
  detail: Record<string, unknown>;
}

/** The demo person (src/demo/seed.ts), who has an account and consented to bank A. */
const DEMO_PERSON = {
  idNumber: buildResidentId('110105', '19900307', '123'),
  name: '王小明',
  phone: '13800138000',
};
/** The first demo enterprise, claimed by the demo-enterprise borrower. */
const DEMO_ENTERPRISE = {
  uscc: buildUscc('9', '1', '110108', 'MA01AB2C'),
  name: '北京智造精密机械有限公司',
};
/** A seeded enterprise no borrower has claimed yet. */
const UNCLAIMED_ENTERPRISE = {
  uscc: buildUscc('9', '1', '330106', 'MA2CD3E4'),
  name: '杭州云栖数据科技有限公司',
};

/** The test app's session tokens by login, so each user logs in once per app. */
function sessions(app: () => TestApp) {
  const tokens = new Map<string, string>();
  return async (login: string, options: InjectOptions): Promise<LightMyRequestResponse> => {
    let token = tokens.get(login);
    if (token === undefined) {
      token = await app().login(login);
      tokens.set(login, token);
    }
    return app().as(token, options);
  };
}

/** Full-width form of an ASCII identifier (`9` → `９`, `A` → `Ａ`). */
const fullWidth = (text: string) =>
  [...text].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');

/** Every `size`-character run of `text`. */
function runs(text: string, size: number): string[] {
  const chars = [...text];
  const result: string[] = [];
  for (let i = 0; i + size <= chars.length; i += 1) result.push(chars.slice(i, i + size).join(''));
  return result;
}

const ENCRYPTED =
  /^v1:([A-Z0-9-]+):([A-Za-z0-9_-]{1,32}):([A-Za-z0-9_-]+):([A-Za-z0-9_-]+):([A-Za-z0-9_-]+)$/;

/**
 * Asserts that a raw `persons` row holds nothing of the person in clear: neither the values
 * nor their birth date, any 6-character run of the ID or phone, any character of the name, nor
 * their base64 or hex encodings in the text; nor, in the decoded ciphertext bytes, any 4-byte run
 * of their UTF-8. (Runs of 4 characters are checked in the bytes, not in the text: base64 and
 * hex text contain a given 4-digit run by chance in about one run in a few thousand.)
 */
function expectNoPlaintext(
  row: Record<string, unknown>,
  person: { idNumber: string; name: string; phone: string },
) {
  const values = [person.idNumber, person.name, person.phone];
  const fragments = new Set([
    ...values,
    person.idNumber.slice(6, 14),
    ...runs(person.idNumber, 6),
    ...runs(person.phone, 6),
    ...[...person.name],
    ...values.flatMap((v) => {
      const bytes = Buffer.from(v, 'utf8');
      return [bytes.toString('base64'), bytes.toString('base64url'), bytes.toString('hex')];
    }),
  ]);
  for (const [column, value] of Object.entries(row)) {
    const text = value instanceof Date ? value.toISOString() : String(value);
    for (const fragment of fragments) {
      expect(text.includes(fragment), `${column} contains "${fragment}"`).toBe(false);
    }
  }
  const byteRuns = values.flatMap((v) => {
    const bytes = Buffer.from(v, 'utf8');
    const result: Buffer[] = [];
    for (let i = 0; i + 4 <= bytes.length; i += 1) result.push(bytes.subarray(i, i + 4));
    return result;
  });
  for (const column of ['id_number_encrypted', 'name_encrypted', 'phone_encrypted']) {
    const parts = String(row[column]).split(':').slice(3);
    expect(parts).toHaveLength(3);
    for (const part of parts) {
      const decoded = Buffer.from(part, 'base64url');
      for (const run of byteRuns) {
        expect(decoded.includes(run), `${column} decodes to bytes of the plaintext`).toBe(false);
      }
    }
  }
}

let t: TestApp;
const as = sessions(() => t);

async function ok<T>(login: string, options: InjectOptions, status = 200): Promise<T> {
  const response = await as(login, options);
  expect(response.statusCode, response.body).toBe(status);
  return response.json<T>();
}

async function userOf(login: string): Promise<UserJson> {
  return ok<UserJson>(login, { method: 'GET', url: '/me' });
}

async function auditEvents(query: string): Promise<AuditEventJson[]> {
  return ok<AuditEventJson[]>('regulator', {
    method: 'GET',
    url: `/audit-events?limit=200&${query}`,
  });
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('enterprises', () => {
  const uscc = buildUscc('9', '1', '310115', 'MA7QRT3K');

  it('are registered by the operator with a valid USCC, its parts decoded', async () => {
    const enterprise = await ok<EnterpriseJson>(
      'operator',
      {
        method: 'POST',
        url: '/enterprises',
        payload: { uscc, name: '上海浦江精工有限公司', industry: 'manufacturing' },
      },
      201,
    );
    expect(enterprise).toMatchObject({
      uscc,
      name: '上海浦江精工有限公司',
      registrationAuthority: '9',
      entityType: '1',
      regionCode: '310115',
      regionName: '浦东新区',
      industry: 'manufacturing',
    });
  });

  it('cannot be registered twice, however the USCC is written (409 ENTERPRISE_EXISTS)', async () => {
    for (const written of [uscc, uscc.toLowerCase(), ` ${fullWidth(uscc)} `]) {
      const response = await as('operator', {
        method: 'POST',
        url: '/enterprises',
        payload: { uscc: written, name: '另一家公司' },
      });
      expect(response.statusCode, written).toBe(409);
      expect(errorOf(response).code).toBe('ENTERPRISE_EXISTS');
    }
  });

  it('are registered by the operator only', async () => {
    const response = await as('bank-a-admin', {
      method: 'POST',
      url: '/enterprises',
      payload: { uscc: buildUscc('9', '1', '310115', 'MA7QRT4K'), name: '越权公司' },
    });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('FORBIDDEN');
  });

  it('are read by USCC, also written in lower case or full width', async () => {
    const canonical = await ok<EnterpriseJson>('bank-a-officer', {
      method: 'GET',
      url: `/enterprises/${uscc}`,
    });
    expect(canonical.uscc).toBe(uscc);
    for (const written of [uscc.toLowerCase(), fullWidth(uscc), fullWidth(uscc.toLowerCase())]) {
      const enterprise = await ok<EnterpriseJson>('bank-a-officer', {
        method: 'GET',
        url: `/enterprises/${encodeURIComponent(written)}`,
      });
      expect(enterprise, written).toEqual(canonical);
    }
  });

  it('that are not registered are 404', async () => {
    const response = await as('bank-a-officer', {
      method: 'GET',
      url: `/enterprises/${buildUscc('9', '1', '310115', 'MA7QRT4K')}`,
    });
    expect(response.statusCode).toBe(404);
    expect(errorOf(response).code).toBe('NOT_FOUND');
  });

  it('are not readable without logging in', async () => {
    const response = await t.app.inject({ method: 'GET', url: `/enterprises/${uscc}` });
    expect(response.statusCode).toBe(401);
  });

  const replace = (at: number, char: string) => uscc.slice(0, at) + char + uscc.slice(at + 1);
  const wrongCheck = (char: string) => (char === '0' ? '1' : '0');
  const INVALID_USCCS: readonly { kind: string; code: string; input: string }[] = [
    { kind: 'one character short', code: 'USCC_LENGTH', input: uscc.slice(0, 17) },
    { kind: 'one character long', code: 'USCC_LENGTH', input: `${uscc}1` },
    { kind: 'with an I (not in the alphabet)', code: 'USCC_CHARSET', input: replace(9, 'I') },
    { kind: 'with a Chinese character', code: 'USCC_CHARSET', input: replace(12, '码') },
    {
      kind: 'with an unknown registration authority (B)',
      code: 'USCC_REGISTRATION_AUTHORITY',
      input: replace(0, 'B'),
    },
    {
      kind: 'with entity type 5, which 工商 (9) does not register',
      code: 'USCC_ENTITY_TYPE',
      input: replace(1, '5'),
    },
    {
      kind: 'with the unknown region 999999',
      code: 'USCC_REGION',
      input: `91999999${uscc.slice(8)}`,
    },
    {
      kind: 'with a wrong organisation-code check character',
      code: 'USCC_ORGANISATION_CODE',
      input: replace(16, uscc.charAt(16) === '3' ? '4' : '3'),
    },
    {
      kind: 'with a wrong check character',
      code: 'USCC_CHECK_CHARACTER',
      input: replace(17, wrongCheck(uscc.charAt(17))),
    },
  ];

  for (const { kind, code, input } of INVALID_USCCS) {
    it(`a USCC ${kind} is refused on registration: 400 VALIDATION_FAILED, uscc ${code}`, async () => {
      const response = await as('operator', {
        method: 'POST',
        url: '/enterprises',
        payload: { uscc: input, name: '无效公司' },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(errorOf(response)).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'uscc', code }],
      });
    });

    it(`a USCC ${kind} is refused on lookup: 400 VALIDATION_FAILED, params.uscc ${code}`, async () => {
      const response = await as('operator', {
        method: 'GET',
        url: `/enterprises/${encodeURIComponent(input)}`,
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(errorOf(response)).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'params.uscc', code }],
      });
    });
  }
});

describe('persons', () => {
  const valid = buildResidentId('330106', '19880808', '456');
  const wrongLast = valid.endsWith('0') ? `${valid.slice(0, 17)}1` : `${valid.slice(0, 17)}0`;
  const INVALID_IDS: readonly { kind: string; code: string; input: string }[] = [
    { kind: 'one digit short', code: 'RESIDENT_ID_LENGTH', input: valid.slice(0, 17) },
    { kind: 'of the old 15-digit kind', code: 'RESIDENT_ID_LENGTH', input: '330106880808456' },
    {
      kind: 'ending in a letter other than X',
      code: 'RESIDENT_ID_CHARSET',
      input: `${valid.slice(0, 17)}A`,
    },
    { kind: 'with an X inside', code: 'RESIDENT_ID_CHARSET', input: `X${valid.slice(1)}` },
    {
      kind: 'from the unknown region 999999',
      code: 'RESIDENT_ID_REGION',
      input: buildResidentId('999999', '19880808', '456'),
    },
    {
      kind: 'born on 30 February',
      code: 'RESIDENT_ID_DATE',
      input: buildResidentId('330106', '19880230', '456'),
    },
    {
      kind: 'born in the future',
      code: 'RESIDENT_ID_DATE',
      input: buildResidentId('330106', '20991231', '456'),
    },
    {
      kind: 'born before 1900',
      code: 'RESIDENT_ID_DATE',
      input: buildResidentId('330106', '18991231', '456'),
    },
    { kind: 'with a wrong check digit', code: 'RESIDENT_ID_CHECK_CHARACTER', input: wrongLast },
  ];

  for (const { kind, code, input } of INVALID_IDS) {
    it(`a resident ID ${kind} is refused: 400 VALIDATION_FAILED, idNumber ${code}`, async () => {
      const response = await as('operator', {
        method: 'POST',
        url: '/persons',
        payload: { idNumber: input, name: '无效' },
      });
      expect(response.statusCode, response.body).toBe(400);
      expect(errorOf(response)).toMatchObject({
        code: 'VALIDATION_FAILED',
        fields: [{ path: 'idNumber', code }],
      });
    });
  }

  it('are registered by the operator, who sees the answer partially masked', async () => {
    const person = await ok<PersonJson>(
      'operator',
      {
        method: 'POST',
        url: '/persons',
        payload: { idNumber: valid, name: '赵敏', phone: '13612345678' },
      },
      201,
    );
    expect(person).toMatchObject({
      idNumber: `330***********${valid.slice(-4)}`,
      name: '赵*',
      phone: '136****5678',
      masking: 'partial',
    });
  });

  it('cannot be registered twice, however the ID is written (409 PERSON_EXISTS)', async () => {
    for (const written of [valid, ` ${fullWidth(valid)} `]) {
      const response = await as('operator', {
        method: 'POST',
        url: '/persons',
        payload: { idNumber: written, name: '赵敏' },
      });
      expect(response.statusCode, written).toBe(409);
      expect(errorOf(response).code).toBe('PERSON_EXISTS');
    }
  });

  it('are registered by the operator only', async () => {
    const response = await as('bank-a-officer', {
      method: 'POST',
      url: '/persons',
      payload: { idNumber: buildResidentId('330106', '19880808', '457'), name: '越权' },
    });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('FORBIDDEN');
  });
});

describe('encrypted columns hold no plaintext (the test reads the raw row)', () => {
  async function rawPerson(app: TestApp, id: string) {
    return app.ctx.db
      .selectFrom('persons')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
  }

  it('with AES-256-GCM: no column holds the ID, birth date, name or phone', async () => {
    const person = {
      idNumber: buildResidentId('440305', '19790412', '318'),
      name: '欧阳明月',
      phone: '15912345678',
    };
    const created = await ok<PersonJson>(
      'operator',
      { method: 'POST', url: '/persons', payload: person },
      201,
    );
    const row = await rawPerson(t, created.id);
    expectNoPlaintext(row, person);

    const keyIds = new Set<string>();
    for (const column of ['id_number_encrypted', 'name_encrypted', 'phone_encrypted'] as const) {
      const match = ENCRYPTED.exec(row[column] ?? '');
      expect(match, column).not.toBeNull();
      expect(match?.[1], column).toBe('A256GCM');
      keyIds.add(match?.[2] ?? '');
    }
    expect(keyIds.size).toBe(1);

    // The blind index is a keyed HMAC, not a bare hash anyone could brute-force.
    expect(row.id_number_index).toMatch(/^sha256:[0-9a-f]{64}$/);
    const bare = createHash('sha256').update(person.idNumber).digest('hex');
    expect(row.id_number_index).not.toBe(`sha256:${bare}`);
  });

  it('with AES-256-GCM: the same name encrypts differently each time', async () => {
    const first = await ok<PersonJson>(
      'operator',
      {
        method: 'POST',
        url: '/persons',
        payload: { idNumber: buildResidentId('440305', '19790412', '326'), name: '李雷' },
      },
      201,
    );
    const second = await ok<PersonJson>(
      'operator',
      {
        method: 'POST',
        url: '/persons',
        payload: { idNumber: buildResidentId('440305', '19790412', '334'), name: '李雷' },
      },
      201,
    );
    const [a, b] = [await rawPerson(t, first.id), await rawPerson(t, second.id)];
    expect(a.name_encrypted).not.toBe(b.name_encrypted);
    expect(a.phone_encrypted).toBeNull();
  });

  describe('with SM4 (XINYI_FIELD_CIPHER=sm4)', () => {
    let sm4: TestApp;
    const asSm4 = sessions(() => sm4);
    beforeAll(async () => {
      sm4 = await startTestApp({ env: { XINYI_FIELD_CIPHER: 'sm4' } });
    });
    afterAll(async () => sm4.close());

    const person = {
      idNumber: buildResidentId('510104', '19660101', '275'),
      name: '司马光',
      phone: '18612345678',
    };
    let id = '';

    it('stores v1:SM4CTR-HSM3 values and an SM3 blind index, no plaintext', async () => {
      const response = await asSm4('operator', {
        method: 'POST',
        url: '/persons',
        payload: person,
      });
      expect(response.statusCode, response.body).toBe(201);
      id = response.json<PersonJson>().id;
      const row = await rawPerson(sm4, id);
      expectNoPlaintext(row, person);
      for (const column of ['id_number_encrypted', 'name_encrypted', 'phone_encrypted'] as const) {
        expect(row[column], column).toMatch(/^v1:SM4CTR-HSM3:/);
        expect(ENCRYPTED.test(row[column] ?? ''), column).toBe(true);
      }
      expect(row.id_number_index).toMatch(/^sm3:[0-9a-f]{64}$/);
    });

    it('still decrypts on read and finds the person by ID', async () => {
      const read = await asSm4('operator', { method: 'GET', url: `/persons/${id}` });
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json<PersonJson>()).toMatchObject({
        idNumber: `510***********${person.idNumber.slice(-4)}`,
        name: '司**',
        phone: '186****5678',
      });
      const found = await asSm4('operator', {
        method: 'POST',
        url: '/persons/lookup',
        payload: { idNumber: person.idNumber },
      });
      expect(found.statusCode, found.body).toBe(200);
      expect(found.json<PersonJson>().id).toBe(id);
    });

    it('decrypts the seeded demo person for the person themself', async () => {
      const me = await asSm4('demo-person', { method: 'GET', url: '/me' });
      const personId = me.json<UserJson>().subject?.id ?? '';
      const read = await asSm4('demo-person', { method: 'GET', url: `/persons/${personId}` });
      expect(read.statusCode, read.body).toBe(200);
      expect(read.json<PersonJson>()).toMatchObject({ ...DEMO_PERSON, masking: 'none' });
    });
  });
});

describe('masking differs by role', () => {
  let personId = '';
  beforeAll(async () => {
    personId = (await userOf('demo-person')).subject?.id ?? '';
  });
  const read = (login: string) =>
    ok<PersonJson>(login, { method: 'GET', url: `/persons/${personId}` });

  it('the person themself sees everything (masking none)', async () => {
    expect(await read('demo-person')).toEqual(
      expect.objectContaining({ id: personId, ...DEMO_PERSON, masking: 'none' }),
    );
  });

  it('the operator sees a partial mask: first 3 and last 4 of the ID, the surname', async () => {
    expect(await read('operator')).toMatchObject({
      idNumber: '110***********1239',
      name: '王**',
      phone: '138****8000',
      masking: 'partial',
    });
  });

  it('a bank A officer, under the consent to bank A, sees the same partial mask', async () => {
    expect(await read('bank-a-officer')).toMatchObject({
      idNumber: '110***********1239',
      name: '王**',
      phone: '138****8000',
      masking: 'partial',
    });
  });

  it('the regulator sees a strong mask: the province only', async () => {
    expect(await read('regulator')).toMatchObject({
      idNumber: '11****************',
      name: '***',
      phone: '***********',
      masking: 'strong',
    });
  });

  it('the three levels all differ', async () => {
    const views = await Promise.all(['demo-person', 'operator', 'regulator'].map(read));
    const shapes = new Set(views.map((v) => JSON.stringify([v.idNumber, v.name, v.phone])));
    expect(shapes.size).toBe(3);
  });
});

describe('lookup by resident ID (blind index)', () => {
  it('finds a person for the operator, however the ID is written', async () => {
    const personId = (await userOf('demo-person')).subject?.id ?? '';
    for (const written of [DEMO_PERSON.idNumber, fullWidth(DEMO_PERSON.idNumber)]) {
      const found = await ok<PersonJson>('operator', {
        method: 'POST',
        url: '/persons/lookup',
        payload: { idNumber: written },
      });
      expect(found).toMatchObject({ id: personId, idNumber: '110***********1239' });
    }
    const events = await auditEvents(`action=person.read&subjectId=${personId}`);
    expect(events.filter((e) => e.detail.via === 'lookup').length).toBeGreaterThanOrEqual(2);
  });

  it('is 404 for a valid ID nobody registered', async () => {
    const response = await as('operator', {
      method: 'POST',
      url: '/persons/lookup',
      payload: { idNumber: buildResidentId('110105', '19900307', '125') },
    });
    expect(response.statusCode).toBe(404);
  });

  it('is refused (403) to everyone but the operator', async () => {
    for (const login of ['regulator', 'bank-a-admin', 'bank-a-officer', 'demo-person']) {
      const response = await as(login, {
        method: 'POST',
        url: '/persons/lookup',
        payload: { idNumber: DEMO_PERSON.idNumber },
      });
      expect(response.statusCode, login).toBe(403);
      expect(errorOf(response).code, login).toBe('FORBIDDEN');
    }
  });
});

describe('every person read is audited', () => {
  let personId = '';
  beforeAll(async () => {
    personId = (await userOf('demo-person')).subject?.id ?? '';
  });

  it('writes person.read with the reader and the masking, and the consent a lender used', async () => {
    const before = await auditEvents(`action=person.read&subjectId=${personId}`);
    const lastId = Math.max(0, ...before.map((e) => Number(e.id)));
    const readers = ['demo-person', 'operator', 'bank-a-officer', 'regulator'];
    for (const login of readers) await ok(login, { method: 'GET', url: `/persons/${personId}` });

    const after = await auditEvents(`action=person.read&subjectId=${personId}`);
    const fresh = after.filter((e) => Number(e.id) > lastId).reverse();
    const users = await Promise.all(readers.map(userOf));
    expect(fresh.map((e) => [e.actorId, e.actorRole, e.detail.masking])).toEqual([
      [users[0]?.id, 'borrower', 'none'],
      [users[1]?.id, 'operator', 'partial'],
      [users[2]?.id, 'lender_officer', 'partial'],
      [users[3]?.id, 'regulator', 'strong'],
    ]);
    expect(fresh[2]?.detail).toMatchObject({
      consentId: expect.any(String) as unknown,
      purpose: 'credit_assessment',
    });
    for (const event of fresh) expect(event.subjectKind).toBe('person');
  });

  it('writes person.read_refused, and no person.read, when a lender has no consent', async () => {
    const reads = await auditEvents(`action=person.read&subjectId=${personId}`);
    const response = await as('bank-b-officer', { method: 'GET', url: `/persons/${personId}` });
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('CONSENT_REQUIRED');

    const officer = await userOf('bank-b-officer');
    const refused = await auditEvents(`action=person.read_refused&subjectId=${personId}`);
    expect(refused[0]).toMatchObject({
      actorId: officer.id,
      actorRole: 'lender_officer',
      actorOrganisationId: officer.organisationId,
      detail: { reason: 'CONSENT_REQUIRED', purpose: 'credit_assessment' },
    });
    expect(await auditEvents(`action=person.read&subjectId=${personId}`)).toEqual(reads);
  });

  it('also writes person.read_refused when a borrower probes someone else', async () => {
    const response = await as('demo-enterprise', { method: 'GET', url: `/persons/${personId}` });
    expect(response.statusCode).toBe(404);
    const borrower = await userOf('demo-enterprise');
    const refused = await auditEvents(`action=person.read_refused&subjectId=${personId}`);
    expect(refused[0]).toMatchObject({ actorId: borrower.id, detail: { reason: 'NOT_FOUND' } });
  });

  it('lets nobody but the regulator and the operator read the audit trail', async () => {
    for (const login of ['bank-a-admin', 'demo-person']) {
      const response = await as(login, { method: 'GET', url: '/audit-events' });
      expect(response.statusCode, login).toBe(403);
    }
  });
});

describe('borrower self-registration (POST /auth/register)', () => {
  const register = (payload: Record<string, unknown>) =>
    t.app.inject({
      method: 'POST',
      url: '/auth/register',
      payload: { password: DEMO_PASSWORD, ...payload },
    });

  it('registers a new enterprise, and the borrower logs in and sees it on /me', async () => {
    const uscc = buildUscc('9', '1', '440305', 'MA5XY6W7');
    const response = await register({
      login: 'new-enterprise',
      subjectKind: 'enterprise',
      uscc,
      name: '深圳新创科技有限公司',
      industry: 'technology',
    });
    expect(response.statusCode, response.body).toBe(201);
    const user = response.json<UserJson>();
    expect(user).toMatchObject({ role: 'borrower', organisationId: null });
    const enterprise = await ok<EnterpriseJson>('operator', {
      method: 'GET',
      url: `/enterprises/${uscc}`,
    });
    expect(enterprise).toMatchObject({ name: '深圳新创科技有限公司', industry: 'technology' });
    expect(user.subject).toEqual({ kind: 'enterprise', id: enterprise.id });

    const me = await userOf('new-enterprise');
    expect(me).toMatchObject({ id: user.id, subject: { kind: 'enterprise', id: enterprise.id } });
  });

  it('registers a new person, who logs in and reads their own record unmasked', async () => {
    const person = {
      idNumber: buildResidentId('440305', '19950101', '222'),
      name: '陈新',
      phone: '13512345678',
    };
    const response = await register({ login: 'new-person', subjectKind: 'person', ...person });
    expect(response.statusCode, response.body).toBe(201);
    const me = await userOf('new-person');
    expect(me.subject?.kind).toBe('person');
    const own = await ok<PersonJson>('new-person', {
      method: 'GET',
      url: `/persons/${me.subject?.id ?? ''}`,
    });
    expect(own).toMatchObject({ ...person, masking: 'none' });
  });

  it('links an existing unclaimed person when the name matches', async () => {
    const idNumber = buildResidentId('320102', '19800520', '015');
    const existing = await ok<PersonJson>(
      'operator',
      { method: 'POST', url: '/persons', payload: { idNumber, name: '刘备' } },
      201,
    );
    const response = await register({
      login: 'liu-bei',
      subjectKind: 'person',
      idNumber: ` ${fullWidth(idNumber)} `,
      name: ' 刘备 ',
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<UserJson>().subject).toEqual({ kind: 'person', id: existing.id });
    expect((await userOf('liu-bei')).subject).toEqual({ kind: 'person', id: existing.id });
  });

  it('links an existing unclaimed enterprise when the name matches', async () => {
    const enterprise = await ok<EnterpriseJson>('operator', {
      method: 'GET',
      url: `/enterprises/${UNCLAIMED_ENTERPRISE.uscc}`,
    });
    const response = await register({
      login: 'yunqi',
      subjectKind: 'enterprise',
      uscc: UNCLAIMED_ENTERPRISE.uscc.toLowerCase(),
      name: UNCLAIMED_ENTERPRISE.name,
    });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json<UserJson>().subject).toEqual({ kind: 'enterprise', id: enterprise.id });
  });

  it('refuses a name that does not match the registry (422 IDENTITY_MISMATCH)', async () => {
    const idNumber = buildResidentId('320102', '19810721', '023');
    await ok(
      'operator',
      { method: 'POST', url: '/persons', payload: { idNumber, name: '关羽' } },
      201,
    );
    const person = await register({
      login: 'impostor',
      subjectKind: 'person',
      idNumber,
      name: '张飞',
    });
    expect(person.statusCode, person.body).toBe(422);
    expect(errorOf(person).code).toBe('IDENTITY_MISMATCH');

    const enterprise = await register({
      login: 'impostor',
      subjectKind: 'enterprise',
      uscc: buildUscc('9', '1', '510104', 'MA6FG7H8'),
      name: '冒名餐饮有限公司',
    });
    expect(enterprise.statusCode, enterprise.body).toBe(422);
    expect(errorOf(enterprise).code).toBe('IDENTITY_MISMATCH');

    // The refusal created no login: the rightful person can still register.
    const rightful = await register({
      login: 'impostor',
      subjectKind: 'person',
      idNumber,
      name: '关羽',
    });
    expect(rightful.statusCode, rightful.body).toBe(201);
  });

  it('refuses a subject that already has a borrower (409 SUBJECT_ALREADY_CLAIMED)', async () => {
    const person = await register({
      login: 'second-claim',
      subjectKind: 'person',
      idNumber: DEMO_PERSON.idNumber,
      name: DEMO_PERSON.name,
    });
    expect(person.statusCode, person.body).toBe(409);
    expect(errorOf(person).code).toBe('SUBJECT_ALREADY_CLAIMED');
    const enterprise = await register({
      login: 'second-claim',
      subjectKind: 'enterprise',
      uscc: DEMO_ENTERPRISE.uscc,
      name: DEMO_ENTERPRISE.name,
    });
    expect(enterprise.statusCode, enterprise.body).toBe(409);
    expect(errorOf(enterprise).code).toBe('SUBJECT_ALREADY_CLAIMED');
  });

  it('needs the uscc of an enterprise and the idNumber of a person (400 required)', async () => {
    const enterprise = await register({
      login: 'no-uscc',
      subjectKind: 'enterprise',
      name: '无码公司',
    });
    expect(enterprise.statusCode, enterprise.body).toBe(400);
    expect(errorOf(enterprise)).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'uscc', code: 'required' }],
    });
    const person = await register({ login: 'no-id', subjectKind: 'person', name: '无证' });
    expect(person.statusCode, person.body).toBe(400);
    expect(errorOf(person)).toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: [{ path: 'idNumber', code: 'required' }],
    });
  });

  it('refuses an invalid identifier by the part that is wrong', async () => {
    const uscc = buildUscc('9', '1', '440305', 'MA5XY6W8');
    const response = await register({
      login: 'bad-uscc',
      subjectKind: 'enterprise',
      uscc: uscc.slice(0, 17) + (uscc.endsWith('0') ? '1' : '0'),
      name: '错码公司',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response).fields).toMatchObject([
      { path: 'uscc', code: 'USCC_CHECK_CHARACTER' },
    ]);
  });

  it('is all or nothing: a taken login leaves no new person behind', async () => {
    const idNumber = buildResidentId('320102', '19820303', '047');
    const response = await register({
      login: 'operator',
      subjectKind: 'person',
      idNumber,
      name: '孙权',
    });
    expect(response.statusCode, response.body).toBe(409);
    expect(errorOf(response).code).toBe('LOGIN_TAKEN');
    const lookup = await as('operator', {
      method: 'POST',
      url: '/persons/lookup',
      payload: { idNumber },
    });
    expect(lookup.statusCode).toBe(404);
  });
});
