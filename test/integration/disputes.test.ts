import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-data.js';
import { parseOutcomes } from '../../src/scoring/outcomes.js';
import { trainFromOutcomes } from '../../src/scoring/training.service.js';
import { sweepServicing } from '../../src/api/workers.js';
import { buildUscc, DEMO_PASSWORD } from '../../src/demo/seed.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';
import { consentToBankA, publishProduct, registerEnterprise } from '../helpers/lending.js';

/**
 * The credit-repair workflow through HTTP: a borrower objects to a wrong tax record, the
 * record shows as under objection, the operator asks once for what is missing, finds the
 * error, a second operator approves, the provider's new version corrects it (the original
 * kept), the profile follows, and the lender that used the score hears of it. A true record
 * stays, with both statements. The 20-day deadline warns and counts breaches.
 */

interface Objection {
  id: string;
  status: string;
  recordId: string;
  dueAt: string | null;
  daysLeft: number | null;
  breached: boolean;
  materialNotice: string[] | null;
  borrowerStatement: string | null;
  evidenceRefuted: boolean;
  correctedRecordId: string | null;
  actions: string[];
  timeline: { event: string; from: string | null; to: string }[];
}

interface Profile {
  features: {
    name: string;
    categories: string[];
    sources: string[];
    value: unknown;
    underObjection: boolean;
  }[];
  recordsUnderObjection: string[];
}

const DAY = 86_400_000;
const USCC = buildUscc('9', '1', '310115', 'MA1PBJ7Q');
const OTHER_USCC = buildUscc('9', '1', '310115', 'MA1PBJ8R');
let t: TestApp;
let key = '';
const tokens: Record<string, string> = {};
const as = (login: string, options: Parameters<TestApp['as']>[1]) =>
  t.as(tokens[login] ?? '', options);
const provider = (method: 'GET' | 'POST', url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { 'x-api-key': key },
    ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
  });

const lastMonth = () => {
  const d = new Date(Date.now() - 40 * DAY);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};
const twoMonthsAgo = () => {
  const d = new Date(Date.now() - 70 * DAY);
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
};

const taxRecord = (uscc: string, period: string, arrears: string) => ({
  uscc,
  period,
  taxable_revenue: '120000000',
  tax_paid: '3600000',
  invoice_count: '42',
  invoice_amount: '110000000',
  arrears,
  credit_rating: 'B',
});

async function register(login: string, uscc: string) {
  tokens[login] = await registerEnterprise(t, login, {
    uscc,
    name: `上海${login}贸易有限公司`,
    industry: 'trade',
  });
}

async function profileOf(login: string) {
  const response = await as(login, { method: 'GET', url: '/me/profile' });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Profile>();
}

/** The id of the borrower's tax record of a period, as their profile names its sources. */
async function taxRecordIds(login: string) {
  const profile = await profileOf(login);
  return [
    ...new Set(
      profile.features.filter((f) => f.categories.includes('tax')).flatMap((f) => f.sources),
    ),
  ].sort();
}

const step = (login: string, id: string, name: string, payload: Record<string, unknown> = {}) =>
  as(login, { method: 'POST', url: `/disputes/objections/${id}/${name}`, payload });

const objection = async (login: string, id: string) => {
  const response = await as(login, { method: 'GET', url: `/disputes/objections/${id}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Objection>();
};

const templates = async (login: string) => {
  await t.drain();
  const inbox = await as(login, { method: 'GET', url: '/me/notifications' });
  return inbox.json<{ template: string }[]>().map((n) => n.template);
};

beforeAll(async () => {
  t = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
  key = t.providerApiKey ?? '';
  // A scorecard is active, so that a correction is followed by a new score.
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-disputes-'));
  const data = await seedDemoData(t.ctx, { dir, enterprises: 200, persons: 10, seed: 'disputes' });
  await t.drain();
  const outcomes = parseOutcomes(readFileSync(path.join(dir, data.manifest.labels.file), 'utf8'));
  await trainFromOutcomes(t.ctx, 'system', { ...outcomes, persons: [] }, { activate: true });
  await t.drain();
  for (const login of [
    'operator',
    'regulator',
    'bank-a-admin',
    'bank-a-officer',
    'bank-b-officer',
  ]) {
    tokens[login] = await t.login(login);
  }
  const reviewer = await as('operator', {
    method: 'POST',
    url: '/users',
    payload: {
      login: 'operator-2',
      password: DEMO_PASSWORD,
      displayName: '复核员',
      role: 'operator',
    },
  });
  expect(reviewer.statusCode, reviewer.body).toBe(201);
  tokens['operator-2'] = await t.login('operator-2');
  await register('objector', USCC);
  await register('bystander', OTHER_USCC);
  const pushed = await provider('POST', '/ingest/tax', {
    records: [
      taxRecord(USCC, lastMonth(), '5000000'),
      taxRecord(USCC, twoMonthsAgo(), '0'),
      taxRecord(OTHER_USCC, lastMonth(), '0'),
    ],
  });
  expect(pushed.statusCode, pushed.body).toBe(201);
  await t.drain();
  await applyToBankA('objector');
}, 120_000);
afterAll(async () => t.close());

/** The borrower applies to bank A, whose decision reads the tax record objected to later. */
async function applyToBankA(login: string) {
  const productId = await publishProduct(t, tokens['bank-a-admin'] ?? '', {
    code: 'TAX-LOAN',
    name: '税易贷',
    loanType: 'tax_based',
    requiredCategories: ['tax'],
    requiredChecks: ['identity'],
  });
  await consentToBankA(t, tokens[login] ?? '', ['tax']);
  const applied = await as(login, {
    method: 'POST',
    url: '/loans/applications',
    headers: { 'idempotency-key': `disputes-${login}` },
    payload: {
      productId,
      amountFen: '5000000',
      termMonths: 12,
      repaymentMethod: 'equal_instalment',
    },
  });
  expect(applied.statusCode, applied.body).toBe(201);
}

describe('an objection that is upheld', () => {
  let id = '';
  let recordId = '';

  it('is filed by the borrower on their own record, which shows as under objection', async () => {
    const [other] = await taxRecordIds('bystander');
    const notMine = await as('objector', {
      method: 'POST',
      url: '/disputes/objections',
      payload: { recordId: other, reason: '不是我的记录' },
    });
    expect(notMine.statusCode).toBe(400);
    expect(errorOf(notMine).fields[0]?.code).toBe('OBJECTION_NOT_YOUR_RECORD');
    const versions = await Promise.all(
      (await taxRecordIds('objector')).map(async (candidate) =>
        (await provider('GET', `/records/${candidate}`)).json<{ id: string; period: string }>(),
      ),
    );
    recordId = versions.find((v) => v.period === lastMonth())?.id ?? '';
    const filed = await as('objector', {
      method: 'POST',
      url: '/disputes/objections',
      payload: {
        recordId,
        reason: '该月税款已按期缴纳，不存在欠税',
        feature: 'tax_arrears_months_12m',
      },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const created = filed.json<Objection>();
    id = created.id;
    expect(created).toMatchObject({ status: 'submitted', daysLeft: 20, breached: false });
    expect(created.actions).toEqual(['withdraw']);
    const again = await as('objector', {
      method: 'POST',
      url: '/disputes/objections',
      payload: { recordId, reason: '重复' },
    });
    expect(errorOf(again).code).toBe('OBJECTION_ALREADY_OPEN');
    const profile = await profileOf('objector');
    expect(profile.recordsUnderObjection).toEqual([recordId]);
    expect(profile.features.filter((f) => f.underObjection).length).toBeGreaterThan(0);
    expect(
      profile.features.filter((f) => f.sources.includes(recordId)).every((f) => f.underObjection),
    ).toBe(true);
    // Nobody else sees it; the borrower cannot judge it themselves.
    expect(
      (await as('bystander', { method: 'GET', url: `/disputes/objections/${id}` })).statusCode,
    ).toBe(404);
    expect((await step('objector', id, 'accept')).statusCode).toBe(403);
  });

  it('shows the operator the lineage and that the source’s later month has no arrears', async () => {
    const triage = await as('operator', {
      method: 'GET',
      url: `/disputes/objections/${id}/triage`,
    });
    expect(triage.statusCode, triage.body).toBe(200);
    const body = triage.json<{
      versions: { id: string; lineage: { batchId: string } }[];
      otherRecords: { id: string; period: string }[];
      contradictions: { field: string }[];
    }>();
    expect(body.versions.map((v) => v.id)).toEqual([recordId]);
    expect(body.versions[0]?.lineage.batchId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.otherRecords.map((r) => r.period)).toEqual([twoMonthsAgo()]);
    // The later month is the objected one here: no contradiction to point to.
    expect(body.contradictions).toEqual([]);
    expect(
      (await as('objector', { method: 'GET', url: `/disputes/objections/${id}/triage` }))
        .statusCode,
    ).toBe(403);
  });

  it('gets one notice listing everything missing; the clock waits for it', async () => {
    const asked = await step('operator', id, 'request-material', {
      missingItems: ['完税证明', '银行缴款回单'],
    });
    expect(asked.statusCode, asked.body).toBe(200);
    expect(asked.json<Objection>()).toMatchObject({
      status: 'awaiting_material',
      materialNotice: ['完税证明', '银行缴款回单'],
      dueAt: null,
    });
    const second = await step('operator', id, 'request-material', { missingItems: ['其他'] });
    expect(second.statusCode).toBe(409);
    const supplied = await step('objector', id, 'supply-material', {
      evidenceDocumentIds: [],
      note: '已补充完税证明和回单',
    });
    expect(supplied.json<Objection>()).toMatchObject({ status: 'investigating', daysLeft: 20 });
    expect(
      (await step('operator', id, 'request-material', { missingItems: ['x'] })).statusCode,
    ).toBe(409);
  });

  it('is found an error by one operator and approved by another', async () => {
    const found = await step('operator', id, 'find-error', {
      explanation: '税务机关回单显示税款已缴',
      correction: { arrears: '0' },
    });
    expect(found.json<Objection>().status).toBe('awaiting_second_review');
    const self = await step('operator', id, 'approve-correction');
    expect(errorOf(self).code).toBe('SECOND_REVIEWER_REQUIRED');
    const approved = await step('operator-2', id, 'approve-correction');
    expect(approved.json<Objection>().status).toBe('correcting');
  });

  it('is corrected by the source’s new version, the original kept, and the lender told', async () => {
    const pushed = await provider('POST', '/ingest/tax', {
      records: [taxRecord(USCC, lastMonth(), '0')],
    });
    expect(pushed.json<{ newVersions: number }>().newVersions).toBe(1);
    const versions = (await provider('GET', `/records/${recordId}/versions`)).json<
      { id: string; version: number; current: boolean }[]
    >();
    expect(versions.map((v) => [v.version, v.current])).toEqual([
      [1, false],
      [2, true],
    ]);
    const scoresOf = () =>
      t.ctx.db
        .selectFrom('scores')
        .select(['id', 'trigger'])
        .where('subject_ref', '=', USCC)
        .orderBy('id')
        .execute();
    const scoredBefore = await scoresOf();
    expect(scoredBefore.length).toBeGreaterThan(0);
    const wrong = await step('operator', id, 'confirm-correction', { correctedRecordId: recordId });
    expect(errorOf(wrong).fields[0]?.code).toBe('OBJECTION_NOT_A_CORRECTION');
    const confirmed = await provider('POST', `/disputes/objections/${id}/confirm-correction`, {
      correctedRecordId: versions[1]?.id,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json<Objection>()).toMatchObject({
      status: 'corrected',
      correctedRecordId: versions[1]?.id,
    });
    await t.drain();
    // Rescored from the corrected record.
    const scoredAfter = await scoresOf();
    expect(scoredAfter.length).toBe(scoredBefore.length + 1);
    expect(scoredAfter.at(-1)?.trigger).toBe('record_change');
    // The borrower reads the original beside the corrected version; nobody else's borrower can.
    const own = await as('objector', { method: 'GET', url: `/me/records/${recordId}` });
    expect(own.statusCode, own.body).toBe(200);
    expect(
      own
        .json<{ id: string; current: boolean; content: { arrears: string } }[]>()
        .map((v) => [v.id, v.current, v.content.arrears]),
    ).toEqual([
      [recordId, false, '500000000'],
      [versions[1]?.id, true, '0'],
    ]);
    expect(
      (await as('bystander', { method: 'GET', url: `/me/records/${recordId}` })).statusCode,
    ).toBe(404);
    // The correction is a leaf of the audit ledger: the borrower downloads its receipt.
    const audit = await t.ctx.db
      .selectFrom('audit_events')
      .select('id')
      .where('action', '=', 'disputes.confirm_correction')
      .where('subject_id', '=', id)
      .executeTakeFirstOrThrow();
    const receipt = await as('objector', { method: 'GET', url: `/ledger/receipts/${audit.id}` });
    expect(receipt.statusCode, receipt.body).toBe(200);
    expect(receipt.json<{ inclusionProof: string[]; checkpoint: string }>().checkpoint).toContain(
      'xinyi.local/ledger',
    );
    const profile = await profileOf('objector');
    expect(profile.recordsUnderObjection).toEqual([]);
    expect(profile.features.flatMap((f) => f.sources)).toContain(versions[1]?.id);
    expect(profile.features.flatMap((f) => f.sources)).not.toContain(recordId);
    const steps = (await objection('objector', id)).timeline.map((e) => e.event);
    expect(steps).toEqual([
      'submit',
      'request_material',
      'supply_material',
      'find_error',
      'approve_correction',
      'confirm_correction',
    ]);
    const told = await templates('objector');
    for (const event of ['submit', 'request_material', 'confirm_correction']) {
      expect(
        told.filter((x) => x === `disputes.${event}.borrower`),
        event,
      ).toHaveLength(1);
    }
  });
});

describe('an objection to a true record', () => {
  it('is not corrected: the explanation, the other routes and both statements are kept', async () => {
    const [recordId] = await taxRecordIds('bystander');
    const filed = await as('bystander', {
      method: 'POST',
      url: '/disputes/objections',
      payload: { recordId, reason: '希望删除该记录' },
    });
    const id = filed.json<Objection>().id;
    await step('operator', id, 'accept');
    const found = await step('operator', id, 'find-no-error', {
      explanation: '经税务机关核实，记录真实准确',
      otherRoutes: '可向中国人民银行分支机构投诉或依法提起诉讼',
      evidenceRefuted: true,
    });
    expect(found.json<Objection>()).toMatchObject({
      status: 'not_corrected',
      evidenceRefuted: true,
    });
    const statement = await step('bystander', id, 'add-statement', {
      statement: '本企业对该记录有不同意见',
    });
    expect(statement.json<Objection>()).toMatchObject({
      status: 'not_corrected',
      borrowerStatement: '本企业对该记录有不同意见',
    });
    expect((await step('bystander', id, 'withdraw')).statusCode).toBe(409);
    const list = await as('regulator', {
      method: 'GET',
      url: '/disputes/objections?open=false',
    }).catch(() => null);
    expect(list).not.toBeNull();
  });
});

describe('the 20-day deadline', () => {
  it('counts down, warns the operators 5 days and 1 day before, and counts a breach', async () => {
    await register('late', buildUscc('9', '1', '310115', 'MA1PBJ9T'));
    await provider('POST', '/ingest/tax', {
      records: [taxRecord(buildUscc('9', '1', '310115', 'MA1PBJ9T'), lastMonth(), '0')],
    });
    await t.drain();
    const [recordId] = await taxRecordIds('late');
    const filed = await as('late', {
      method: 'POST',
      url: '/disputes/objections',
      payload: { recordId, reason: '金额有误' },
    });
    const id = filed.json<Objection>().id;
    const move = async (days: number) => {
      t.advance(days * DAY);
      for (const login of Object.keys(tokens)) tokens[login] = await t.login(login);
      await sweepServicing(t.ctx);
    };
    await move(15.5);
    expect((await objection('operator', id)).daysLeft).toBe(5);
    await move(4);
    await move(0.1);
    expect(await templates('operator')).toEqual(
      expect.arrayContaining(['disputes.warning_5d.operators', 'disputes.warning_1d.operators']),
    );
    await move(1);
    const late = await objection('operator', id);
    expect(late).toMatchObject({ breached: true, daysLeft: 0 });
    const told = await templates('operator-2');
    for (const notice of ['warning_5d', 'warning_1d', 'breach']) {
      expect(
        told.filter((x) => x === `disputes.${notice}.operators`),
        notice,
      ).toHaveLength(1);
    }
    const stats = await as('regulator', { method: 'GET', url: '/disputes/statistics' });
    expect(stats.json()).toMatchObject({
      total: 3,
      open: 1,
      byStatus: { corrected: 1, not_corrected: 1, submitted: 1 },
      upheldShare: 0.5,
      evidenceRefuted: 1,
      breaches: 1,
      openBreaches: 1,
    });
    expect((await as('late', { method: 'GET', url: '/disputes/statistics' })).statusCode).toBe(403);
  });
});
