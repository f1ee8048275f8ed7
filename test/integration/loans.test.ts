import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../src/demo/seed-data.js';
import { defaultPolicy } from '../../src/rules/default-policy.js';
import { editedDefaultPolicy } from '../../src/rules/testing.js';
import { parseOutcomes } from '../../src/scoring/outcomes.js';
import { trainFromOutcomes } from '../../src/scoring/training.service.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';

/**
 * A loan application decided in one request: consent used, checks run on the platform's
 * records, score and profile read, the product's published rules evaluated, the decision
 * stored with its snapshot hash and the model, rule and product versions.
 */

interface ApplicationJson {
  id: string;
  status: string;
  timeline: { event: string; from: string | null; to: string }[];
  checks: {
    check: string;
    outcome: string;
    problems: { code: string; fix: { action: string } }[];
  }[];
  decisions: {
    outcome: string;
    limitFen: string | null;
    rateBp: number | null;
    reasons: string[];
    firedRules: unknown[];
    inputHash: string;
    modelId: string | null;
    score: { score: number; grade: string; modelId: string } | null;
    ruleVersionId: string;
    productId: string;
  }[];
}

let t: TestApp;
let productId = '';
let ruleVersionId = '';
const tokens: Record<string, string> = {};

const as = (login: string, options: Parameters<TestApp['as']>[1]) =>
  t.as(tokens[login] ?? '', options);

beforeAll(async () => {
  t = await startTestApp();
  const dir = mkdtempSync(path.join(tmpdir(), 'xinyi-loans-'));
  const data = await seedDemoData(t.ctx, { dir, enterprises: 200, persons: 100, seed: 'loans' });
  await t.drain();
  const outcomes = parseOutcomes(readFileSync(path.join(dir, data.manifest.labels.file), 'utf8'));
  await trainFromOutcomes(t.ctx, 'system', { ...outcomes, persons: [] }, { activate: true });
  await t.drain();
  for (const login of ['bank-a-admin', 'demo-enterprise', 'demo-person', 'operator']) {
    tokens[login] = await t.login(login);
  }
  const rules = await as('bank-a-admin', {
    method: 'POST',
    url: '/rules/versions',
    payload: { name: 'sme-policy', jdm: defaultPolicy() },
  });
  ruleVersionId = rules.json<{ id: string }>().id;
  await as('bank-a-admin', { method: 'POST', url: `/rules/versions/${ruleVersionId}/publish` });
}, 600_000);
afterAll(async () => t.close());

const product = {
  code: 'SME-CREDIT',
  name: '小微信用贷',
  loanType: 'working_capital',
  minAmountFen: '1000000',
  maxAmountFen: '300000000',
  minTermMonths: 3,
  maxTermMonths: 36,
  repaymentMethods: ['equal_instalment', 'interest_first'],
  rateBpByGrade: { A: 380, B: 450, C: 560, D: 720 },
  approveFromScore: 0,
  declineBelowScore: 0,
  requiredCategories: ['business_registration', 'judicial', 'tax'],
  requiredChecks: ['identity', 'business_status', 'court_enforcement'],
  requiredContinuousMonths: 6,
  secondReviewAboveFen: '100000000',
};

describe('loan products', () => {
  it('a lender admin publishes a version on published rules; a borrower lists it', async () => {
    const refused = await as('bank-a-admin', {
      method: 'POST',
      url: '/loans/products',
      payload: { ...product, ruleVersionId, declineBelowScore: 700, approveFromScore: 600 },
    });
    expect(refused.statusCode).toBe(400);
    expect(errorOf(refused).fields[0]?.code).toBe('PRODUCT_CUT_OFFS_CROSSED');
    const response = await as('bank-a-admin', {
      method: 'POST',
      url: '/loans/products',
      payload: { ...product, ruleVersionId },
    });
    expect(response.statusCode, response.body).toBe(201);
    productId = response.json<{ id: string; version: number }>().id;
    const listed = await as('demo-enterprise', { method: 'GET', url: '/loans/products' });
    expect(listed.json<{ id: string }[]>().map((p) => p.id)).toContain(productId);
  });
});

describe('a pre-check before applying', () => {
  interface Precheck {
    outcome: string;
    checks: {
      check: string;
      outcome: string;
      problems: {
        code: string;
        field: string | null;
        message: Record<string, string>;
        fix: { action: string; message: Record<string, string> };
      }[];
    }[];
  }
  const precheck = (body: Record<string, unknown>) =>
    as('demo-person', { method: 'POST', url: '/loans/prechecks', payload: { productId, ...body } });
  const problem = (result: Precheck, code: string) =>
    result.checks.flatMap((c) => c.problems).find((p) => p.code === code);

  it('tells a borrower who states no employer which field to fill in, in both languages', async () => {
    const response = await precheck({});
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json<Precheck>();
    expect(result.outcome).toBe('fail');
    expect(result.checks.find((c) => c.check === 'identity')?.outcome).toBe('pass');
    const missing = problem(result, 'BIZ_NO_EMPLOYER_STATED');
    expect(missing?.field).toBe('statedEmployerUscc');
    expect(missing?.fix.action).toBe('correct_field');
    expect(missing?.message['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    expect(missing?.message.en).toMatch(/employer/i);
  });

  it('names a mistyped employer code as such, not as a refusal', async () => {
    const result = (await precheck({ statedEmployerUscc: '91110108MA01AB2C0Y' })).json<Precheck>();
    const wrong = problem(result, 'BIZ_USCC_INVALID');
    expect(wrong?.field).toBe('statedEmployerUscc');
    expect(wrong?.fix.action).toBe('correct_field');
  });

  it('stores no application', async () => {
    const rows = await t.ctx.db.selectFrom('loan_applications').select('id').execute();
    expect(rows).toHaveLength(0);
  });
});

describe('an application', () => {
  const apply = (login: string, key: string) =>
    as(login, {
      method: 'POST',
      url: '/loans/applications',
      headers: { 'idempotency-key': key },
      payload: {
        productId,
        amountFen: '50000000',
        termMonths: 12,
        repaymentMethod: 'equal_instalment',
      },
    });

  it('needs the borrower\u2019s consent to the lender for the data the product reads', async () => {
    const response = await apply('demo-enterprise', 'no-consent');
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('CONSENT_REQUIRED');
  });

  it('is checked, scored and decided at once, every step on its timeline', async () => {
    const organisations = await t.ctx.db
      .selectFrom('organisations')
      .select(['id', 'code'])
      .execute();
    const bankA = organisations.find((o) => o.code === 'bank-a')?.id;
    const consent = await as('demo-enterprise', {
      method: 'POST',
      url: '/consents',
      payload: {
        granteeOrganisationId: bankA,
        categories: ['business_registration', 'judicial', 'tax', 'credit_profile'],
        purpose: 'loan_application',
        expiresAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      },
    });
    expect(consent.statusCode, consent.body).toBe(201);
    const response = await apply('demo-enterprise', 'first');
    expect(response.statusCode, response.body).toBe(201);
    const application = response.json<ApplicationJson>();
    // The answer, made from what the submission wrote, is the page a later read gives.
    const read = await as('demo-enterprise', {
      method: 'GET',
      url: `/loans/applications/${application.id}`,
    });
    expect(read.json()).toEqual(response.json());
    expect(['decided', 'declined']).toContain(application.status);
    expect(application.timeline.map((e) => e.event)).toEqual([
      'submit',
      'start_verification',
      expect.stringMatching(/^decide_(approve|review|decline)$/),
    ]);
    expect(application.checks.map((c) => c.check)).toEqual([
      'identity',
      'business_status',
      'court_enforcement',
    ]);
    const [decision] = application.decisions;
    expect(decision?.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(decision?.modelId).not.toBeNull();
    // The lender sees the score the machine decided on.
    expect(decision?.score?.modelId).toBe(decision?.modelId);
    expect(decision?.score?.grade).toMatch(/^[A-E]$/);
    expect(decision?.ruleVersionId).toBe(ruleVersionId);
    expect(decision?.productId).toBe(productId);
    expect(decision?.firedRules.length).toBeGreaterThan(0);
    if (decision?.outcome === 'approve') {
      expect(BigInt(decision.limitFen ?? '0')).toBeGreaterThan(0n);
      expect(decision.rateBp).toBeGreaterThan(0);
    } else {
      expect(decision?.reasons.length).toBeGreaterThan(0);
    }
  });

  it('keeps a refusal with its key, and refuses the key for another request', async () => {
    const refused = () =>
      as('demo-enterprise', {
        method: 'POST',
        url: '/loans/applications',
        headers: { 'idempotency-key': 'refused' },
        payload: { productId, amountFen: '50000000', termMonths: 12, repaymentMethod: 'bullet' },
      });
    const first = await refused();
    expect(first.statusCode, first.body).toBe(400);
    const again = await refused();
    expect(again.statusCode).toBe(400);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json()).toEqual(first.json());
    const other = await apply('demo-enterprise', 'refused');
    expect(errorOf(other).code).toBe('IDEMPOTENCY_KEY_REUSED');
  });

  it('exists once however often the same Idempotency-Key is sent', async () => {
    const again = await apply('demo-enterprise', 'first');
    const first = await apply('demo-enterprise', 'first');
    expect(again.json<ApplicationJson>().id).toBe(first.json<ApplicationJson>().id);
    const rows = await t.ctx.db.selectFrom('loan_applications').select('id').execute();
    expect(rows).toHaveLength(1);
  });

  it('gives its policy input to a dry-run of a rule version on past applications', async () => {
    const listed = await as('bank-a-admin', {
      method: 'GET',
      url: '/loans/decision-inputs?productCode=SME-CREDIT',
    });
    expect(listed.statusCode, listed.body).toBe(200);
    const cases = listed.json<{ id: string; applicationId: string; input: object }[]>();
    expect(cases).toHaveLength(1);
    expect(cases[0]?.input).toMatchObject({ applicantKind: 'enterprise' });
    const draft = await as('bank-a-admin', {
      method: 'POST',
      url: '/rules/versions',
      payload: { name: 'sme-policy', jdm: defaultPolicy() },
    });
    const report = await as('bank-a-admin', {
      method: 'POST',
      url: `/rules/versions/${draft.json<{ id: string }>().id}/dry-run`,
      payload: { cases: cases.map((c) => ({ id: c.applicationId, input: c.input })) },
    });
    expect(report.statusCode, report.body).toBe(200);
    expect(report.json<{ counts: object }>().counts).toMatchObject({ total: 1, unchanged: 1 });
    const borrower = await as('demo-enterprise', { method: 'GET', url: '/loans/decision-inputs' });
    expect(borrower.statusCode).toBe(403);
  });

  it('replays to the same result after the model and the rules changed', async () => {
    const [decision] = await t.ctx.db
      .selectFrom('loan_decisions')
      .select(['id', 'model_id'])
      .execute();
    // A new scorecard version is activated and a stricter rule version published.
    const outcomes = await t.ctx.db.selectFrom('scorecard_models').select('id').execute();
    expect(outcomes.length).toBeGreaterThanOrEqual(1);
    const candidate = editedDefaultPolicy({
      'approve-enterprise-a': { decision: '"decline"', reason: '"CHANGED"' },
      'approve-enterprise-b': { decision: '"decline"', reason: '"CHANGED"' },
      'approve-enterprise-c': { decision: '"decline"', reason: '"CHANGED"' },
    });
    const v2 = await as('bank-a-admin', {
      method: 'POST',
      url: '/rules/versions',
      payload: { name: 'sme-policy', jdm: candidate },
    });
    const v2Id = v2.json<{ id: string }>().id;
    await as('bank-a-admin', { method: 'POST', url: `/rules/versions/${v2Id}/publish` });
    await as('bank-a-admin', {
      method: 'POST',
      url: '/loans/products',
      payload: { ...product, ruleVersionId: v2Id },
    });
    await t.ctx.db
      .updateTable('scorecard_models')
      .set({ status: 'retired' })
      .where('id', '=', decision?.model_id ?? '')
      .execute();
    const replay = await as('operator', {
      method: 'GET',
      url: `/loans/decisions/${decision?.id}/replay`,
    });
    expect(replay.statusCode, replay.body).toBe(200);
    const report = replay.json<{
      identical: boolean;
      parts: Record<string, boolean | null>;
      original: unknown;
      replayed: unknown;
    }>();
    expect(report.parts).toEqual({ snapshotHash: true, score: true, policy: true, decision: true });
    expect(report.identical).toBe(true);
    expect(report.replayed).toEqual(report.original);
    // Tampering with the stored snapshot is found.
    await t.ctx.db
      .updateTable('loan_decisions')
      .set({ input_hash: '0'.repeat(64) })
      .where('id', '=', decision?.id ?? '')
      .execute();
    const tampered = await as('operator', {
      method: 'GET',
      url: `/loans/decisions/${decision?.id}/replay`,
    });
    expect(tampered.json<{ identical: boolean }>().identical).toBe(false);
  });

  it('is visible to its borrower and the lender, not to another borrower', async () => {
    const [row] = await t.ctx.db.selectFrom('loan_applications').select('id').execute();
    expect(
      (await as('demo-enterprise', { method: 'GET', url: `/loans/applications/${row?.id}` }))
        .statusCode,
    ).toBe(200);
    expect(
      (await as('bank-a-admin', { method: 'GET', url: `/loans/applications/${row?.id}` }))
        .statusCode,
    ).toBe(200);
    expect(
      (await as('demo-person', { method: 'GET', url: `/loans/applications/${row?.id}` }))
        .statusCode,
    ).toBe(404);
  });
});

describe('the manual-review queue', () => {
  let reviewProduct = '';
  let applicationId = '';

  it('takes an application the cut-offs send to a person, with its waiting time', async () => {
    const response = await as('bank-a-admin', {
      method: 'POST',
      url: '/loans/products',
      payload: {
        ...product,
        code: 'SME-REVIEWED',
        approveFromScore: 2000,
        secondReviewAboveFen: '1000000',
        ruleVersionId,
      },
    });
    reviewProduct = response.json<{ id: string }>().id;
    const applied = await as('demo-enterprise', {
      method: 'POST',
      url: '/loans/applications',
      headers: { 'idempotency-key': 'reviewed' },
      payload: {
        productId: reviewProduct,
        amountFen: '50000000',
        termMonths: 12,
        repaymentMethod: 'equal_instalment',
      },
    });
    const application = applied.json<ApplicationJson>();
    applicationId = application.id;
    const read = await as('demo-enterprise', {
      method: 'GET',
      url: `/loans/applications/${applicationId}`,
    });
    expect(read.json()).toEqual(applied.json());
    expect(application.decisions[0]?.reasons).toContain('SCORE_IN_REVIEW_BAND');
    const queue = await as('bank-a-admin', { method: 'GET', url: '/loans/reviews' });
    const tasks =
      queue.json<{ id: string; applicationId: string; status: string; waitingSeconds: number }[]>();
    expect(tasks.find((task) => task.applicationId === applicationId)).toMatchObject({
      status: 'open',
    });
  });

  it('an approval above the threshold needs a second, different officer', async () => {
    tokens['bank-a-officer'] = await t.login('bank-a-officer');
    const tasks = (await as('bank-a-officer', { method: 'GET', url: '/loans/reviews' })).json<
      { id: string; applicationId: string }[]
    >();
    const task = tasks.find((x) => x.applicationId === applicationId);
    const decideAs = (login: string) =>
      as(login, {
        method: 'POST',
        url: `/loans/reviews/${task?.id}/decide`,
        payload: { outcome: 'approve', reason: '经营稳定，纳税正常', rateBp: 450 },
      });
    expect(errorOf(await decideAs('bank-a-officer')).code).toBe('REVIEW_NOT_CLAIMED');
    await as('bank-a-officer', { method: 'POST', url: `/loans/reviews/${task?.id}/claim` });
    const claimedElsewhere = await as('bank-a-admin', {
      method: 'POST',
      url: `/loans/reviews/${task?.id}/claim`,
    });
    expect(errorOf(claimedElsewhere).code).toBe('REVIEW_CLAIMED');
    expect((await decideAs('bank-a-officer')).json()).toEqual({ status: 'awaiting_second' });
    const waiting = (await as('bank-a-admin', { method: 'GET', url: '/loans/reviews' }))
      .json<{ id: string; firstApproval: unknown }[]>()
      .find((x) => x.id === task?.id);
    expect(waiting?.firstApproval).toMatchObject({ limitFen: '50000000', rateBp: 450 });
    // The first approver can neither take it again nor decide it a second time.
    const reclaimed = await as('bank-a-officer', {
      method: 'POST',
      url: `/loans/reviews/${task?.id}/claim`,
    });
    expect(errorOf(reclaimed).code).toBe('SECOND_REVIEWER_REQUIRED');
    expect(errorOf(await decideAs('bank-a-officer')).code).toBe('REVIEW_NOT_CLAIMED');
    await as('bank-a-admin', { method: 'POST', url: `/loans/reviews/${task?.id}/claim` });
    expect((await decideAs('bank-a-admin')).json()).toEqual({ status: 'done' });
    const application = (
      await as('demo-enterprise', { method: 'GET', url: `/loans/applications/${applicationId}` })
    ).json<ApplicationJson & { decisions: { automated: boolean }[] }>();
    expect(application.timeline.slice(-2).map((e) => e.event)).toEqual(['review_approve', 'offer']);
    expect(application.status).toBe('offered');
    expect(application.decisions.at(-1)).toMatchObject({
      outcome: 'approve',
      automated: false,
      limitFen: '50000000',
      rateBp: 450,
    });
  });
});

describe('a decline by the score', () => {
  it('tells the borrower the nearest change of their data that would flip it', async () => {
    const mine = await as('demo-enterprise', { method: 'GET', url: '/me/score' });
    expect(mine.statusCode, mine.body).toBe(200);
    const { score } = mine.json<{ score: number }>();
    const strict = await as('bank-a-admin', {
      method: 'POST',
      url: '/loans/products',
      payload: {
        ...product,
        code: 'SME-STRICT',
        declineBelowScore: score + 5,
        approveFromScore: score + 5,
        ruleVersionId,
      },
    });
    expect(strict.statusCode, strict.body).toBe(201);
    const applied = await as('demo-enterprise', {
      method: 'POST',
      url: '/loans/applications',
      headers: { 'idempotency-key': 'strict' },
      payload: {
        productId: strict.json<{ id: string }>().id,
        amountFen: '50000000',
        termMonths: 12,
        repaymentMethod: 'equal_instalment',
      },
    });
    const application = applied.json<ApplicationJson>();
    expect(application.status).toBe('declined');
    expect(application.decisions[0]?.reasons).toContain('SCORE_BELOW_CUT_OFF');
    const hint = await as('demo-enterprise', {
      method: 'GET',
      url: `/loans/applications/${application.id}/nearest-flip`,
    });
    expect(hint.statusCode, hint.body).toBe(200);
    const { flip } = hint.json<{
      flip: {
        feature: string;
        outcome: string;
        score: number;
        message: Record<string, string>;
      } | null;
    }>();
    expect(flip).not.toBeNull();
    expect(['approve', 'review']).toContain(flip?.outcome);
    expect(flip?.score).toBeGreaterThanOrEqual(score + 5);
    expect(flip?.message['zh-CN']).toMatch(/若「.+」/);
    expect(flip?.message.en).toMatch(/^With "/);
    // Not declined: nothing to flip. Somebody else's: not found.
    const [approved] = await t.ctx.db
      .selectFrom('loan_decisions')
      .select('application_id')
      .where('outcome', '!=', 'decline')
      .execute();
    const none = await as('demo-enterprise', {
      method: 'GET',
      url: `/loans/applications/${approved?.application_id}/nearest-flip`,
    });
    expect(none.json<{ flip: unknown }>().flip).toBeNull();
    const stranger = await as('demo-person', {
      method: 'GET',
      url: `/loans/applications/${application.id}/nearest-flip`,
    });
    expect(stranger.statusCode).toBe(404);
  });
});

describe('many borrowers at once', () => {
  it('1 000 concurrent submissions with repeated keys: each application once, each notification once', async () => {
    const before = await t.ctx.db.selectFrom('loan_applications').select('id').execute();
    const keys = Array.from({ length: 50 }, (_, i) => `burst-${i}`);
    const responses = await Promise.all(
      Array.from({ length: 1000 }, (_, i) =>
        as('demo-enterprise', {
          method: 'POST',
          url: '/loans/applications',
          headers: { 'idempotency-key': keys[i % keys.length] ?? '' },
          payload: {
            productId,
            amountFen: '50000000',
            termMonths: 12,
            repaymentMethod: 'equal_instalment',
          },
        }),
      ),
    );
    // The key is kept with the answer in the submission's transaction: a repeat arriving
    // while its first is still running waits for it and gives its answer again.
    const idsByKey = new Map<string, Set<string>>();
    responses.forEach((response, i) => {
      expect(response.statusCode, response.body).toBe(201);
      const key = keys[i % keys.length] ?? '';
      idsByKey.set(key, (idsByKey.get(key) ?? new Set()).add(response.json<{ id: string }>().id));
    });
    expect([...idsByKey.values()].every((ids) => ids.size === 1)).toBe(true);
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(
      responses.length - keys.length,
    );
    const after = await t.ctx.db.selectFrom('loan_applications').select('id').execute();
    expect(after.length - before.length).toBe(keys.length);
    await t.drain();
    await t.drain();
    const sent = await t.ctx.db
      .selectFrom('notifications')
      .select(['subject_id', 'template', 'channel'])
      .where('template', '=', 'loans.submit')
      .execute();
    const perApplication = new Map<string, number>();
    for (const row of sent)
      perApplication.set(
        `${row.subject_id}/${row.channel}`,
        (perApplication.get(`${row.subject_id}/${row.channel}`) ?? 0) + 1,
      );
    expect(perApplication.size).toBe(after.length * 3);
    expect([...perApplication.values()].every((n) => n === 1)).toBe(true);
    const inbox = await as('demo-enterprise', {
      method: 'GET',
      url: '/me/notifications',
      headers: { 'accept-language': 'en' },
    });
    const messages = inbox.json<{ template: string; text: string }[]>();
    expect(messages.filter((m) => m.template === 'loans.submit')).toHaveLength(after.length);
    expect(messages[0]?.text).toMatch(/application/);
  });
});

describe('the regulator’s statistics', () => {
  interface Rates {
    group: string;
    applications: number;
    decided: number;
    approvalRate: number | null;
  }
  it('count every application by industry, region and segment, with speed and automation', async () => {
    tokens.regulator = await t.login('regulator');
    const response = await as('regulator', { method: 'GET', url: '/monitor/statistics' });
    expect(response.statusCode, response.body).toBe(200);
    const stats = response.json<{
      coverage: { enterprises: number; enterprisesWithRecords: number };
      decisions: {
        applications: number;
        decided: number;
        approvalRate: number | null;
        automationRate: number | null;
        decisionMs: { p50: number | null; p95: number | null };
      };
      byIndustry: Rates[];
      byRegion: Rates[];
      bySegment: Rates[];
      fairness: { byIndustry: unknown[] };
    }>();
    const applications = await t.ctx.db.selectFrom('loan_applications').select('id').execute();
    expect(stats.decisions.applications).toBe(applications.length);
    expect(stats.coverage.enterprisesWithRecords).toBeGreaterThanOrEqual(200);
    for (const grouping of [stats.byIndustry, stats.byRegion, stats.bySegment]) {
      expect(grouping.reduce((sum, g) => sum + g.applications, 0)).toBe(applications.length);
    }
    expect(stats.byRegion.every((g) => /^\d{2}0000$|^person$/.test(g.group))).toBe(true);
    expect(stats.bySegment.map((g) => g.group)).not.toContain('unknown');
    expect(stats.decisions.decided).toBeGreaterThan(0);
    expect(stats.decisions.automationRate).toBeGreaterThan(0);
    expect(stats.decisions.decisionMs.p50).toBeGreaterThanOrEqual(0);
    expect(Array.isArray(stats.fairness.byIndustry)).toBe(true);
    const borrower = await as('demo-enterprise', { method: 'GET', url: '/monitor/statistics' });
    expect(borrower.statusCode).toBe(403);
  });
});

describe('a repeat of a submission that would now be refused', () => {
  it('replays the answer kept for its key, and a new key is refused', async () => {
    const request = (key: string, repaymentMethod = 'equal_instalment') =>
      as('demo-enterprise', {
        method: 'POST',
        url: '/loans/applications',
        headers: { 'idempotency-key': key },
        payload: { productId, amountFen: '50000000', termMonths: 12, repaymentMethod },
      });
    const first = await request('before-revoking');
    expect(first.statusCode, first.body).toBe(201);
    const consents = await as('demo-enterprise', { method: 'GET', url: '/consents' });
    for (const consent of consents.json<{ id: string; status: string }[]>()) {
      if (consent.status !== 'active') continue;
      const revoked = await as('demo-enterprise', {
        method: 'POST',
        url: `/consents/${consent.id}/revoke`,
      });
      expect(revoked.statusCode, revoked.body).toBe(200);
    }
    const repeat = await request('before-revoking');
    expect(repeat.statusCode, repeat.body).toBe(201);
    expect(repeat.headers['idempotent-replayed']).toBe('true');
    expect(repeat.json()).toEqual(first.json());
    const fresh = await request('after-revoking');
    expect(errorOf(fresh).code).toBe('CONSENT_REQUIRED');
    // A key kept for another request leaves a failure as it is.
    expect((await request('before-revoking', 'bullet')).statusCode).toBe(400);
  });
});
