import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sweepServicing } from '../../src/api/workers.js';
import { buildUscc } from '../../src/demo/seed.js';
import { chinaDate } from '../../src/platform/time.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';
import {
  consentToBankA,
  grantDemoProvider,
  publishProduct,
  registerEnterprise,
} from '../helpers/lending.js';

/**
 * A borrower from registration to a closed loan, through HTTP: the records arrive from a
 * provider, the application is decided (a person reviews it: there is no scorecard on this
 * node), offered, accepted, the contract confirmed by its hash, the money paid out, an
 * instalment paid late after an overdue notice, the rest settled early, the loan closed.
 * And the borrower's way back to a person after an automated decline.
 */

interface Application {
  id: string;
  status: string;
  timeline: { event: string; to: string }[];
  decisions: { outcome: string; automated: boolean; reasons: string[] }[];
  offers: { amountFen: string; annualRateBp: number; termMonths: number; expiresAt: string }[];
  contract: { documentId: string; documentSha256: string; confirmedAt: string | null } | null;
  loanId: string | null;
  reviews: { reason: string; status: string; requestNote: string | null; answer: string | null }[];
  documents: { id: string; kind: string; fileName: string }[];
}

interface Loan {
  id: string;
  status: string;
  principalFen: string;
  disbursedOn: string;
  daysPastDue: number;
  bucket: string;
  overdueFen: string;
  outstandingFen: string;
  scheduleVersion: number;
  schedule: {
    number: number;
    dueDate: string;
    principalFen: string;
    interestFen: string;
    totalFen: string;
    outstandingFen: string;
  }[];
  earlierSchedules: {
    version: number;
    instalments: { number: number; dueDate: string; principalFen: string; interestFen: string }[];
  }[];
}

const DAY = 86_400_000;
let t: TestApp;
let productId = '';
let key = '';
const tokens: Record<string, string> = {};
const as = (login: string, options: Parameters<TestApp['as']>[1]) =>
  t.as(tokens[login] ?? '', options);

const GOOD_USCC = buildUscc('9', '1', '440305', 'MA5LC7K1');
const REVOKED_USCC = buildUscc('9', '1', '440305', 'MA5LC7K2');

async function registerWithRecords(login: string, uscc: string, status: string) {
  const name = `深圳${login}科技有限公司`;
  tokens[login] = await registerEnterprise(t, login, { uscc, name, industry: 'technology' });
  const pushed = await t.app.inject({
    method: 'POST',
    url: '/ingest/business_registration',
    headers: { 'x-api-key': key },
    payload: {
      records: [
        {
          uscc,
          name,
          status,
          established_on: '2016-05-10',
          registered_capital: '500000000',
          industry: 'technology',
          region: '440305',
        },
      ],
    },
  });
  expect(pushed.statusCode, pushed.body).toBe(201);
  await t.drain();
  await consentToBankA(t, tokens[login] ?? '', ['business_registration']);
}

const apply = (login: string, idempotencyKey: string) =>
  as(login, {
    method: 'POST',
    url: '/loans/applications',
    headers: { 'idempotency-key': idempotencyKey },
    payload: {
      productId,
      amountFen: '12000000',
      termMonths: 6,
      repaymentMethod: 'equal_instalment',
    },
  });

const application = async (login: string, id: string) => {
  const response = await as(login, { method: 'GET', url: `/loans/applications/${id}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<Application>();
};

async function decideTask(applicationId: string, body: Record<string, unknown>) {
  const queue = await as('bank-a-officer', { method: 'GET', url: '/loans/reviews' });
  const task = queue
    .json<{ id: string; applicationId: string; reason: string }[]>()
    .find((x) => x.applicationId === applicationId);
  expect(task).toBeDefined();
  const claimed = await as('bank-a-officer', {
    method: 'POST',
    url: `/loans/reviews/${task?.id}/claim`,
  });
  expect(claimed.statusCode, claimed.body).toBe(200);
  const url = `/loans/reviews/${task?.id}/${'answer' in body ? 'explain' : 'decide'}`;
  const decided = await as('bank-a-officer', { method: 'POST', url, payload: body });
  expect(decided.statusCode, decided.body).toBe(200);
  return task;
}

/** Moves the clock; sessions age with it, so everyone logs in again. */
async function advance(ms: number) {
  t.advance(ms);
  for (const login of Object.keys(tokens)) tokens[login] = await t.login(login);
}

const templatesOf = async (login: string) => {
  await t.drain();
  const inbox = await as(login, { method: 'GET', url: '/me/notifications' });
  return inbox.json<{ template: string }[]>().map((n) => n.template);
};

beforeAll(async () => {
  // Moving the clock means logging everyone in again, more often than the login limit allows.
  t = await startTestApp({ env: { LOGIN_RATE_LIMIT_PER_MINUTE: '1000' } });
  key = t.providerApiKey ?? '';
  for (const login of ['bank-a-admin', 'bank-a-officer', 'operator']) {
    tokens[login] = await t.login(login);
  }
  // The market regulator's and the courts' records come through the demo provider here.
  await grantDemoProvider(t, tokens.operator ?? '', ['tax', 'business_registration', 'judicial']);
  productId = await publishProduct(t, tokens['bank-a-admin'] ?? '', {
    code: 'LIFECYCLE',
    requiredCategories: ['business_registration'],
    requiredChecks: ['identity', 'business_status'],
  });
  await registerWithRecords('lifecycle-co', GOOD_USCC, 'active');
  await registerWithRecords('revoked-co', REVOKED_USCC, 'revoked');
}, 120_000);
afterAll(async () => t.close());

describe('from registration to a closed loan', () => {
  let id = '';
  let loanId = '';

  it('applies; without a score a person decides, and the approval becomes an offer', async () => {
    const response = await apply('lifecycle-co', 'walk');
    expect(response.statusCode, response.body).toBe(201);
    id = response.json<Application>().id;
    expect(response.json<Application>()).toMatchObject({ status: 'decided', offers: [] });
    await decideTask(id, { outcome: 'approve', reason: '登记正常，经营年限较长', rateBp: 520 });
    const offered = await application('lifecycle-co', id);
    expect(offered.status).toBe('offered');
    expect(offered.offers).toEqual([
      expect.objectContaining({ amountFen: '12000000', annualRateBp: 520, termMonths: 6 }),
    ]);
    expect(new Date(offered.offers[0]?.expiresAt ?? 0).getTime()).toBeGreaterThan(Date.now());
  });

  it('accepts the offer: the contract is archived and confirmed by its SHA-256 only', async () => {
    const accepted = await as('lifecycle-co', {
      method: 'POST',
      url: `/loans/applications/${id}/accept`,
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const contract = accepted.json<{ documentId: string; documentSha256: string }>();
    const content = await as('lifecycle-co', {
      method: 'GET',
      url: `/archive/documents/${contract.documentId}/content`,
    });
    expect(content.statusCode).toBe(200);
    const text = content.rawPayload.toString('utf8');
    expect(text).toContain('借款合同');
    expect(text).toContain('120,000.00');
    expect(text).toContain('5.20%');
    const digest = createHash('sha256').update(content.rawPayload).digest('hex');
    expect(digest).toBe(contract.documentSha256);
    const confirm = (sha: string) =>
      as('lifecycle-co', {
        method: 'POST',
        url: `/loans/applications/${id}/contract/confirm`,
        payload: { documentSha256: sha },
      });
    const wrong = await confirm('0'.repeat(64));
    expect(wrong.statusCode).toBe(400);
    expect(errorOf(wrong).fields[0]).toMatchObject({
      path: '/body/documentSha256',
      code: 'CONTRACT_HASH_MISMATCH',
    });
    expect((await application('lifecycle-co', id)).status).toBe('accepted');
    const confirmed = await confirm(digest);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const contracted = await application('lifecycle-co', id);
    expect(contracted.status).toBe('contracted');
    expect(contracted.contract?.confirmedAt).not.toBeNull();
    // Someone else's application cannot be accepted or confirmed.
    const stranger = await as('revoked-co', {
      method: 'POST',
      url: `/loans/applications/${id}/contract/confirm`,
      payload: { documentSha256: digest },
    });
    expect(stranger.statusCode).toBe(404);
  });

  it('is paid out by the lender: the schedule adds up to the principal, in fen', async () => {
    const byBorrower = await as('lifecycle-co', {
      method: 'POST',
      url: `/loans/applications/${id}/disbursement`,
      headers: { 'idempotency-key': 'pay-out-borrower' },
      payload: { reference: 'BANK-PAYOUT-1' },
    });
    expect(byBorrower.statusCode).toBe(403);
    const response = await as('bank-a-officer', {
      method: 'POST',
      url: `/loans/applications/${id}/disbursement`,
      headers: { 'idempotency-key': 'pay-out' },
      payload: { reference: 'BANK-PAYOUT-1' },
    });
    expect(response.statusCode, response.body).toBe(201);
    const loan = response.json<Loan>();
    loanId = loan.id;
    expect(loan).toMatchObject({ status: 'active', principalFen: '12000000', bucket: 'current' });
    expect(loan.schedule).toHaveLength(6);
    const principal = loan.schedule.reduce((sum, row) => sum + BigInt(row.principalFen), 0n);
    expect(principal).toBe(12_000_000n);
    expect((await application('lifecycle-co', id)).loanId).toBe(loanId);
    const twice = await as('bank-a-officer', {
      method: 'POST',
      url: `/loans/applications/${id}/disbursement`,
      headers: { 'idempotency-key': 'pay-out-again' },
      payload: { reference: 'BANK-PAYOUT-2' },
    });
    expect(twice.statusCode).toBe(409);
  });

  it('warns the lender of a new adverse record before any payment is missed', async () => {
    const pushed = await t.app.inject({
      method: 'POST',
      url: '/ingest/judicial',
      headers: { 'x-api-key': key },
      payload: {
        records: [
          {
            case_number: '(2026)粤0305执1234号',
            subject_id: GOOD_USCC,
            role: 'executed_person',
            case_type: 'enforcement',
            filed_on: chinaDate(t.ctx.now()),
            amount: '8000000',
            status: 'open',
          },
        ],
      },
    });
    expect(pushed.statusCode, pushed.body).toBe(201);
    await t.drain();
    const listed = await as('bank-a-officer', {
      method: 'GET',
      url: '/monitor/warnings?open=true',
    });
    expect(listed.statusCode, listed.body).toBe(200);
    const warnings = listed.json<{ id: string; loanId: string; category: string }[]>();
    expect(warnings).toEqual([expect.objectContaining({ loanId, category: 'judicial' })]);
    expect(await templatesOf('bank-a-officer')).toContain('monitor.post_loan_warning');
    expect((await as('lifecycle-co', { method: 'GET', url: '/monitor/warnings' })).statusCode).toBe(
      403,
    );
    const ack = (login: string) =>
      as(login, { method: 'POST', url: `/monitor/warnings/${warnings[0]?.id}/acknowledge` });
    expect((await ack('bank-a-officer')).statusCode).toBe(200);
    expect(errorOf(await ack('bank-a-officer')).code).toBe('WARNING_ACKNOWLEDGED');
    // Pushed again unchanged, the record warns nobody twice.
    await t.drain();
    const after = await as('bank-a-officer', { method: 'GET', url: '/monitor/warnings' });
    expect(after.json<unknown[]>()).toHaveLength(1);
  });

  it('an instalment unpaid after its due day is overdue: bucket, notice once', async () => {
    const loan = (
      await as('lifecycle-co', { method: 'GET', url: `/loans/${loanId}` })
    ).json<Loan>();
    const firstDue = new Date(`${loan.schedule[0]?.dueDate}T12:00:00+08:00`).getTime();
    // Reminded before the due day…
    await advance(firstDue - 2 * DAY - t.ctx.now().getTime());
    await sweepServicing(t.ctx);
    // …and told when it is late, once however often the sweep runs.
    await advance(5 * DAY);
    await sweepServicing(t.ctx);
    await sweepServicing(t.ctx);
    const late = (
      await as('bank-a-officer', { method: 'GET', url: `/loans/${loanId}` })
    ).json<Loan>();
    expect(late).toMatchObject({
      daysPastDue: 3,
      bucket: 'M1',
      overdueFen: loan.schedule[0]?.totalFen,
    });
    const book = await as('bank-a-officer', { method: 'GET', url: '/loans?bucket=M1' });
    expect(book.json<Loan[]>().map((l) => l.id)).toEqual([loanId]);
    const templates = await templatesOf('lifecycle-co');
    expect(templates.filter((x) => x === 'loans.instalment_due')).toHaveLength(1);
    expect(templates.filter((x) => x === 'loans.instalment_overdue')).toHaveLength(1);
  });

  it('records a repayment once per bank reference, and refuses more than is owed', async () => {
    const loan = (
      await as('bank-a-officer', { method: 'GET', url: `/loans/${loanId}` })
    ).json<Loan>();
    const pay = (amountFen: string, reference: string) =>
      as('bank-a-officer', {
        method: 'POST',
        url: `/loans/${loanId}/repayments`,
        payload: { amountFen, reference },
      });
    const tooMuch = await pay('99999999', 'BANK-IN-X');
    expect(tooMuch.statusCode).toBe(400);
    expect(errorOf(tooMuch).fields[0]?.code).toBe('REPAYMENT_EXCEEDS_OUTSTANDING');
    const first = await pay(loan.schedule[0]?.totalFen ?? '', 'BANK-IN-1');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json<Loan>()).toMatchObject({
      daysPastDue: 0,
      bucket: 'current',
      overdueFen: '0',
    });
    const again = await pay(loan.schedule[0]?.totalFen ?? '', 'BANK-IN-1');
    expect(again.json<Loan>().outstandingFen).toBe(first.json<Loan>().outstandingFen);
    expect(errorOf(await pay('100', 'BANK-IN-1')).code).toBe('REPAYMENT_REFERENCE_REUSED');
    expect((await application('lifecycle-co', id)).status).toBe('repaying');
  });

  it('settles early for exactly the quote of the day, and the loan and application close', async () => {
    await advance(10 * DAY);
    const quote = await as('lifecycle-co', {
      method: 'GET',
      url: `/loans/${loanId}/early-settlement`,
    });
    expect(quote.statusCode, quote.body).toBe(200);
    const { amountDueFen, principalFen, accruedInterestFen, accrualDays } = quote.json<{
      amountDueFen: string;
      principalFen: string;
      accruedInterestFen: string;
      accrualDays: number;
    }>();
    const loan = (
      await as('bank-a-officer', { method: 'GET', url: `/loans/${loanId}` })
    ).json<Loan>();
    expect(principalFen).toBe(String(12_000_000n - BigInt(loan.schedule[0]?.principalFen ?? '0')));
    expect(accrualDays).toBeGreaterThan(0);
    expect(BigInt(accruedInterestFen)).toBeGreaterThan(0n);
    const settle = (amountFen: string) =>
      as('bank-a-officer', {
        method: 'POST',
        url: `/loans/${loanId}/early-settlement`,
        payload: { amountFen, reference: 'BANK-SETTLE' },
      });
    const short = await settle(String(BigInt(amountDueFen) - 1n));
    expect(errorOf(short).fields[0]).toMatchObject({ code: 'SETTLEMENT_AMOUNT_MISMATCH' });
    const settled = await settle(amountDueFen);
    expect(settled.statusCode, settled.body).toBe(200);
    expect(settled.json<Loan>()).toMatchObject({
      status: 'closed',
      outstandingFen: '0',
      scheduleVersion: 2,
    });
    // The schedule the settlement replaced is kept as it was, and readable.
    expect(settled.json<Loan>().earlierSchedules).toEqual([
      {
        version: 1,
        instalments: loan.schedule.map(({ number, dueDate, principalFen, interestFen }) => ({
          number,
          dueDate,
          principalFen,
          interestFen,
        })),
      },
    ]);
    expect(loan.earlierSchedules).toEqual([]);
    const closed = await application('lifecycle-co', id);
    expect(closed.status).toBe('closed');
    expect(closed.timeline.map((e) => e.event)).toEqual([
      'submit',
      'start_verification',
      'decide_review',
      'review_approve',
      'offer',
      'accept',
      'sign_contract',
      'disburse',
      'start_repaying',
      'close',
    ]);
    // The contract is kept ten years from the end of the loan.
    const contract = await t.ctx.db
      .selectFrom('archive_documents')
      .select('retain_until')
      .where('application_id', '=', id)
      .executeTakeFirstOrThrow();
    const closedOn = settled.json<Loan & { closedOn: string }>().closedOn;
    expect(String(contract.retain_until)).toBe(
      `${Number(closedOn.slice(0, 4)) + 10}${closedOn.slice(4)}`,
    );
    const afterClose = await as('bank-a-officer', {
      method: 'POST',
      url: `/loans/${loanId}/repayments`,
      payload: { amountFen: '100', reference: 'LATE' },
    });
    expect(errorOf(afterClose).code).toBe('LOAN_CLOSED');
  });

  it('told the borrower at every milestone, each once', async () => {
    const templates = await templatesOf('lifecycle-co');
    for (const milestone of ['submit', 'offer', 'accept', 'sign_contract', 'disburse', 'close']) {
      expect(
        templates.filter((x) => x === `loans.${milestone}`),
        milestone,
      ).toHaveLength(1);
    }
  });
});

describe('the right to a person (PIPL art. 24)', () => {
  let id = '';

  it('a machine decline can be refused: a person decides again', async () => {
    const response = await apply('revoked-co', 'revoked');
    expect(response.statusCode, response.body).toBe(201);
    const declined = response.json<Application>();
    id = declined.id;
    expect(declined.status).toBe('declined');
    expect(declined.decisions[0]).toMatchObject({ outcome: 'decline', automated: true });
    const asked = await as('revoked-co', {
      method: 'POST',
      url: `/loans/applications/${id}/human-review`,
      payload: { note: '吊销已撤销，请人工复核' },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const explanationMeanwhile = await as('revoked-co', {
      method: 'POST',
      url: `/loans/applications/${id}/explanation`,
      payload: {},
    });
    expect(errorOf(explanationMeanwhile).code).toBe('REVIEW_ALREADY_OPEN');
    const queue = await as('bank-a-officer', { method: 'GET', url: '/loans/reviews' });
    expect(
      queue.json<{ applicationId: string; reason: string; requestNote: string }[]>(),
    ).toContainEqual(
      expect.objectContaining({
        applicationId: id,
        reason: 'human_requested',
        requestNote: '吊销已撤销，请人工复核',
      }),
    );
    // The borrower backs the request with a document; the officer reads what was uploaded.
    const form = new FormData();
    form.append('kind', 'alternative_proof');
    form.append('applicationId', id);
    form.append('file', new Blob(['撤销吊销决定书'], { type: 'text/plain' }), '撤销决定书.txt');
    const encoded = new Response(form);
    const uploaded = await as('revoked-co', {
      method: 'POST',
      url: '/archive/documents',
      headers: { 'content-type': encoded.headers.get('content-type') ?? '' },
      payload: Buffer.from(await encoded.arrayBuffer()),
    });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    const [proof] = (await application('revoked-co', id)).documents;
    expect(proof).toMatchObject({ kind: 'alternative_proof', fileName: '撤销决定书.txt' });
    const read = await as('bank-a-officer', {
      method: 'GET',
      url: `/archive/documents/${proof?.id}/content`,
    });
    expect(read.statusCode, read.body).toBe(200);
    expect(read.body).toBe('撤销吊销决定书');
    await decideTask(id, { outcome: 'decline', reason: '登记机关记录仍为吊销状态' });
    const after = await application('revoked-co', id);
    expect(after.status).toBe('declined');
    expect(after.decisions.at(-1)).toMatchObject({ outcome: 'decline', automated: false });
  });

  it("a person's decision is not sent back again, but can be explained in writing", async () => {
    const again = await as('revoked-co', {
      method: 'POST',
      url: `/loans/applications/${id}/human-review`,
      payload: {},
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('HUMAN_REVIEW_ALREADY_HUMAN');
    const asked = await as('revoked-co', {
      method: 'POST',
      url: `/loans/applications/${id}/explanation`,
      payload: { note: '请说明具体原因' },
    });
    expect(asked.statusCode, asked.body).toBe(202);
    const task = await decideTask(id, {
      answer: '市场监管部门登记状态为吊销，按产品政策不能放款；状态更正后可重新申请。',
    });
    const wrongKind = await as('bank-a-officer', {
      method: 'POST',
      url: `/loans/reviews/${task?.id}/decide`,
      payload: { outcome: 'approve', reason: 'x' },
    });
    expect(wrongKind.statusCode).toBe(409);
    const explained = await application('revoked-co', id);
    expect(explained.status).toBe('declined');
    expect(explained.reviews.at(-1)).toMatchObject({
      reason: 'explanation_requested',
      status: 'done',
      requestNote: '请说明具体原因',
    });
    expect(explained.reviews.at(-1)?.answer).toContain('吊销');
    const templates = await templatesOf('revoked-co');
    expect(templates).toContain('loans.explanation_answered');
    expect(templates).toContain('loans.request_human_review');
  });

  it('shows the lender which records the checks read are under objection', async () => {
    const read = await as('bank-a-officer', { method: 'GET', url: `/loans/applications/${id}` });
    const before = read.json<{
      recordsUnderObjection: string[];
      checks: { check: string; evidence: string[] }[];
    }>();
    expect(before.recordsUnderObjection).toEqual([]);
    const [registration] = before.checks.find((c) => c.check === 'business_status')?.evidence ?? [];
    const filed = await as('revoked-co', {
      method: 'POST',
      url: '/disputes/objections',
      payload: { recordId: registration, reason: '吊销决定已被撤销' },
    });
    expect(filed.statusCode, filed.body).toBe(201);
    const after = await as('bank-a-officer', { method: 'GET', url: `/loans/applications/${id}` });
    expect(after.json<{ recordsUnderObjection: string[] }>().recordsUnderObjection).toEqual([
      registration,
    ]);
    // A new application's answer names it too, as its page does.
    const again = await apply('revoked-co', 'after-objection');
    expect(again.statusCode, again.body).toBe(201);
    const answer = again.json<{ id: string; recordsUnderObjection: string[] }>();
    expect(answer.recordsUnderObjection).toEqual([registration]);
    expect(await application('revoked-co', answer.id)).toEqual(answer);
  });

  it('a stranger cannot ask on somebody else’s application', async () => {
    const response = await as('lifecycle-co', {
      method: 'POST',
      url: `/loans/applications/${id}/explanation`,
      payload: {},
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('a data source that is down', () => {
  const declare = (apiKey: string, category: string) =>
    t.app.inject({
      method: 'POST',
      url: '/ingest/outages',
      headers: { 'x-api-key': apiKey },
      payload: { category, reason: '工商接口维护' },
    });

  it('is declared by its provider only, one open outage at a time', async () => {
    const notMine = await declare(key, 'customs');
    expect(notMine.statusCode).toBe(403);
    expect(errorOf(notMine).code).toBe('CATEGORY_NOT_GRANTED');
    const declared = await declare(key, 'business_registration');
    expect(declared.statusCode, declared.body).toBe(201);
    expect(errorOf(await declare(key, 'business_registration')).code).toBe('OUTAGE_ALREADY_OPEN');
  });

  it('never declines: the application waits, the borrower is told, and it is retried', async () => {
    const response = await apply('lifecycle-co', 'during-outage');
    expect(response.statusCode, response.body).toBe(201);
    const waiting = response.json<
      Application & {
        retryVerificationAt: string | null;
        checks: { check: string; outcome: string; problems: { fix: { action: string } }[] }[];
      }
    >();
    expect(waiting.status).toBe('verifying');
    expect(waiting.decisions[0]?.outcome).toBe('pending');
    const business = waiting.checks.find((c) => c.check === 'business_status');
    expect(business?.outcome).toBe('unavailable');
    expect(business?.problems[0]?.fix.action).toBe('wait_for_source');
    expect(waiting.retryVerificationAt).not.toBeNull();
    expect(await application('lifecycle-co', waiting.id)).toEqual(waiting);
    // Still down at the retry: it waits again, on its timeline.
    await advance(16 * 60_000);
    await sweepServicing(t.ctx);
    const still = await application('lifecycle-co', waiting.id);
    expect(still.status).toBe('verifying');
    expect(still.timeline.map((e) => e.event)).toContain('retry_verification');
    expect(await templatesOf('lifecycle-co')).toContain('loans.verification_waiting');
    // The provider ends the outage; the next sweep decides.
    const outages = await t.app.inject({
      method: 'GET',
      url: '/ingest/outages',
      headers: { 'x-api-key': key },
    });
    const [open] = outages.json<{ id: string; endedAt: string | null }[]>();
    expect(open?.endedAt).toBeNull();
    const ended = await t.app.inject({
      method: 'POST',
      url: `/ingest/outages/${open?.id}/end`,
      headers: { 'x-api-key': key },
    });
    expect(ended.statusCode, ended.body).toBe(200);
    await advance(16 * 60_000);
    expect((await sweepServicing(t.ctx)).reverified).toBe(1);
    const decided = await application('lifecycle-co', waiting.id);
    expect(decided.status).toBe('decided');
    expect(decided.decisions.map((d) => d.outcome)).toEqual(['pending', 'pending', 'review']);
  });
});
