import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/demo/seed.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  consentToBankA,
  grantDemoProvider,
  publishProduct,
  registerEnterprise,
} from '../helpers/lending.js';

/**
 * What the borrower portal reads beyond the lending flow: its own score history for the
 * chart, and the audit event of each decision, whose ledger receipt the borrower downloads.
 */

interface HistoryJson {
  subject: { kind: string; id: string };
  scores: {
    score: number;
    grade: string;
    probabilityOfDefault: number;
    model: { id: string; segment: string; version: number };
    trigger: string;
    computedAt: string;
  }[];
}

interface ApplicationJson {
  id: string;
  status: string;
  decisions: { id: string; outcome: string; auditEventId: string | null; reasons: string[] }[];
}

let t: TestApp;
const tokens: Record<string, string> = {};
const USCC = buildUscc('9', '1', '440305', 'MA5PT1A1');
const OTHER_USCC = buildUscc('9', '1', '440305', 'MA5PT1A2');

const get = (login: string, url: string) => t.as(tokens[login] ?? '', { method: 'GET', url });

// Receipts carry a signed checkpoint: this node signs with a key of its own.
const SIGNING_KEY = generateKeyPairSync('ed25519')
  .privateKey.export({ format: 'der', type: 'pkcs8' })
  .toString('base64');

beforeAll(async () => {
  t = await startTestApp({ env: { XINYI_SIGNING_KEY: SIGNING_KEY } });
  for (const login of ['operator', 'bank-a-admin', 'bank-a-officer']) {
    tokens[login] = await t.login(login);
  }
  tokens.history = await registerEnterprise(t, 'portal-history', {
    uscc: USCC,
    name: '深圳门户历史科技有限公司',
    industry: 'technology',
  });
  tokens.other = await registerEnterprise(t, 'portal-other', {
    uscc: OTHER_USCC,
    name: '深圳门户其他科技有限公司',
    industry: 'technology',
  });
}, 120_000);
afterAll(async () => t.close());

/** A scorecard version and scores of one enterprise, as the scoring worker stores them. */
async function storeScores(uscc: string, scores: { score: number; grade: string; at: string }[]) {
  const modelId = randomUUID();
  await t.ctx.db
    .insertInto('scorecard_models')
    .values({
      id: modelId,
      subject_kind: 'enterprise',
      segment: 'general',
      version: 7,
      // Retired: the change worker of later tests must not score with this empty scorecard.
      status: 'retired',
      training_data_hash: 'a'.repeat(64),
      parameters: '{}',
      metrics: '{}',
      scorecard: '{}',
      training_scores: '[]',
      created_by: 'system',
      created_at: new Date('2026-01-01T00:00:00Z'),
      activated_at: new Date('2026-01-01T00:00:00Z'),
      retired_at: new Date('2026-07-01T00:00:00Z'),
    })
    .execute();
  for (const [index, entry] of scores.entries()) {
    await t.ctx.db
      .insertInto('scores')
      .values({
        subject_kind: 'enterprise',
        subject_ref: uscc,
        model_id: modelId,
        score: entry.score,
        grade: entry.grade,
        probability_of_default: 0.01 * (index + 1),
        reasons: '[]',
        reasons_encrypted: null,
        features_hash: `${index}`.padStart(64, '0'),
        trigger: index === 0 ? 'model_activated' : 'record_change',
        computed_at: new Date(entry.at),
      })
      .execute();
  }
  return modelId;
}

describe('a borrower’s score history', () => {
  it('lists the borrower’s own scores newest first with their model, and nobody else’s', async () => {
    expect((await get('history', '/me/score/history')).json<HistoryJson>().scores).toEqual([]);
    const modelId = await storeScores(USCC, [
      { score: 610, grade: 'B', at: '2026-03-01T00:00:00Z' },
      { score: 642, grade: 'A', at: '2026-06-01T00:00:00Z' },
    ]);
    const response = await get('history', '/me/score/history');
    expect(response.statusCode, response.body).toBe(200);
    const history = response.json<HistoryJson>();
    expect(history.subject.kind).toBe('enterprise');
    expect(history.scores.map((s) => [s.score, s.grade, s.trigger])).toEqual([
      [642, 'A', 'record_change'],
      [610, 'B', 'model_activated'],
    ]);
    expect(history.scores[0]?.model).toEqual({ id: modelId, segment: 'general', version: 7 });
    expect(history.scores[0]?.computedAt).toBe('2026-06-01T00:00:00.000Z');
    // The other borrower has no score; the latest score is the history's first entry.
    expect((await get('other', '/me/score/history')).json<HistoryJson>().scores).toEqual([]);
    expect((await get('history', '/me/score')).json<{ score: number }>().score).toBe(642);
  });

  it('is for borrowers with a subject only, and every read is audited', async () => {
    expect((await get('bank-a-officer', '/me/score/history')).statusCode).toBe(404);
    expect((await t.app.inject({ method: 'GET', url: '/me/score/history' })).statusCode).toBe(401);
    const audits = await t.ctx.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'score.history_read')
      .execute();
    expect(audits.length).toBeGreaterThanOrEqual(3);
  });
});

describe('the receipt of a decision', () => {
  it('names each decision’s audit event, whose receipt the borrower downloads', async () => {
    const key = t.providerApiKey ?? '';
    await grantDemoProvider(t, tokens.operator ?? '', ['business_registration']);
    const pushed = await t.app.inject({
      method: 'POST',
      url: '/ingest/business_registration',
      headers: { 'x-api-key': key },
      payload: {
        records: [
          {
            uscc: OTHER_USCC,
            name: '深圳门户其他科技有限公司',
            status: 'active',
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
    await consentToBankA(t, tokens.other ?? '', ['business_registration']);
    const productId = await publishProduct(t, tokens['bank-a-admin'] ?? '', {
      code: 'PORTAL-RECEIPT',
      requiredCategories: ['business_registration'],
      requiredChecks: ['business_status'],
    });
    const applied = await t.as(tokens.other ?? '', {
      method: 'POST',
      url: '/loans/applications',
      headers: { 'idempotency-key': randomUUID() },
      payload: {
        productId,
        amountFen: '12000000',
        termMonths: 6,
        repaymentMethod: 'equal_instalment',
      },
    });
    expect(applied.statusCode, applied.body).toBe(201);
    const application = applied.json<ApplicationJson>();
    // No scorecard on this node: the machine sends it to a person.
    expect(application.decisions.map((d) => d.outcome)).toEqual(['review']);
    expect(application.decisions[0]?.reasons).toEqual(['SCORE_UNAVAILABLE']);
    const first = application.decisions[0]?.auditEventId ?? '';
    expect(first).toMatch(/^\d+$/);

    const queue = await get('bank-a-officer', '/loans/reviews');
    const task = queue
      .json<{ id: string; applicationId: string }[]>()
      .find((x) => x.applicationId === application.id);
    await t.as(tokens['bank-a-officer'] ?? '', {
      method: 'POST',
      url: `/loans/reviews/${task?.id}/claim`,
    });
    const decided = await t.as(tokens['bank-a-officer'] ?? '', {
      method: 'POST',
      url: `/loans/reviews/${task?.id}/decide`,
      payload: { outcome: 'approve', reason: '经营稳定' },
    });
    expect(decided.statusCode, decided.body).toBe(200);

    const after = (
      await get('other', `/loans/applications/${application.id}`)
    ).json<ApplicationJson>();
    expect(after.decisions.map((d) => d.outcome)).toEqual(['review', 'approve']);
    const ids = after.decisions.map((d) => d.auditEventId);
    expect(ids[0]).toBe(first);
    expect(ids[1]).toMatch(/^\d+$/);
    expect(ids[1]).not.toBe(first);
    const events = await t.ctx.db
      .selectFrom('audit_events')
      .select(['id', 'action', 'detail'])
      .where(
        'id',
        'in',
        ids.map((id) => BigInt(id ?? '0')),
      )
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['loans.decided', 'loans.review_decided']);
    // Each event names the decision it recorded: paired by id, not by order.
    expect(events.map((e) => e.detail.decisionId)).toEqual(after.decisions.map((d) => d.id));

    for (const id of ids) {
      const receipt = await get('other', `/ledger/receipts/${id}`);
      expect(receipt.statusCode, receipt.body).toBe(200);
      expect(receipt.json<{ auditEventId: string }>().auditEventId).toBe(id);
    }
    expect((await get('history', `/ledger/receipts/${ids[1]}`)).statusCode).toBe(404);
  });
});
