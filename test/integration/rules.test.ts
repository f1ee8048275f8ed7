import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../src/rules/default-policy.js';
import { applicant, editedDefaultPolicy } from '../../src/rules/testing.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';

/**
 * Policy rules as JDM decision tables: uploaded as versions, exported unchanged, published
 * once and never changed, dry-run against cases before publishing.
 */

interface VersionJson {
  id: string;
  name: string;
  version: number;
  status: string;
  jdmHash: string;
}

let t: TestApp;
let admin = '';
let published: VersionJson;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.login('bank-a-admin');
});
afterAll(async () => t.close());

const upload = (jdm: unknown, token = admin) =>
  t.as(token, { method: 'POST', url: '/rules/versions', payload: { name: 'sme-policy', jdm } });

describe('rule versions', () => {
  it('stores an uploaded JDM as a draft and exports it unchanged', async () => {
    const response = await upload(defaultPolicy());
    expect(response.statusCode, response.body).toBe(201);
    published = response.json<VersionJson>();
    expect(published).toMatchObject({ name: 'sme-policy', version: 1, status: 'draft' });
    const exported = await t.as(admin, {
      method: 'GET',
      url: `/rules/versions/${published.id}/jdm`,
    });
    expect(exported.json()).toEqual(defaultPolicy());
  });

  it('refuses a broken JDM with a message per problem, in the caller\u2019s language', async () => {
    const broken = { ...defaultPolicy(), edges: [{ id: 'e', sourceId: 'nowhere', targetId: 'x' }] };
    const response = await t.as(admin, {
      method: 'POST',
      url: '/rules/versions',
      headers: { 'accept-language': 'en' },
      payload: { name: 'sme-policy', jdm: broken },
    });
    expect(response.statusCode).toBe(400);
    const error = errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields.length).toBeGreaterThan(0);
    expect(error.fields[0]?.path).toMatch(/^\/body\/jdm\/edges\/0/);
    expect(error.fields[0]?.message).not.toBe(error.fields[0]?.code);
  });

  it('only a lender admin uploads, and other lenders do not see the rules', async () => {
    const officer = await t.login('bank-a-officer');
    expect((await upload(defaultPolicy(), officer)).statusCode).toBe(403);
    const other = await t.login('bank-b-admin');
    const read = await t.as(other, { method: 'GET', url: `/rules/versions/${published.id}` });
    expect(read.statusCode).toBe(404);
  });

  it('publishes once; a published version never changes, not even in the database', async () => {
    const first = await t.as(admin, {
      method: 'POST',
      url: `/rules/versions/${published.id}/publish`,
    });
    expect(first.statusCode).toBe(200);
    expect(first.json<VersionJson>().status).toBe('published');
    const again = await t.as(admin, {
      method: 'POST',
      url: `/rules/versions/${published.id}/publish`,
    });
    expect(again.statusCode).toBe(409);
    expect(errorOf(again).code).toBe('ALREADY_PUBLISHED');
    await expect(
      sql`update rule_versions set jdm = '{}'::jsonb where id = ${published.id}`.execute(t.ctx.db),
    ).rejects.toThrow(/published and cannot change/);
  });

  it('dry-runs a candidate against the published version, counting what would flip', async () => {
    const candidate = editedDefaultPolicy({
      'approve-enterprise-c': { decision: '"review"', reason: '"SCORE_GRADE_C_REVIEW"' },
    });
    const draft = (await upload(candidate)).json<VersionJson>();
    expect(draft.version).toBe(2);
    const response = await t.as(admin, {
      method: 'POST',
      url: `/rules/versions/${draft.id}/dry-run`,
      payload: {
        cases: [
          { id: 'a', input: applicant() },
          { id: 'c', input: applicant({ grade: 'C' }) },
        ],
      },
    });
    expect(response.statusCode, response.body).toBe(200);
    const report = response.json<{ counts: { flipped: number; transitions: object } }>();
    expect(report.counts.flipped).toBe(1);
    expect(report.counts.transitions).toEqual({ 'approve->review': 1 });
  });
});
