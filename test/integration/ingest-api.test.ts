import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildResidentId, buildUscc } from '../../src/demo/seed.js';
import { readMigrations } from '../../src/platform/migrations.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let key: string;
const USCC_A = buildUscc('9', '1', '110108', 'MA01AB2C');
const USCC_B = buildUscc('9', '1', '330106', 'MA2CD3E4');

interface Report {
  id: string;
  status: string;
  read: number;
  accepted: number;
  newVersions: number;
  unchanged: number;
  quarantined: number;
  quarantinedByReason: Record<string, number>;
}

const taxRecord = (uscc: string, period: string, taxPaid: string) => ({
  uscc,
  period,
  taxable_revenue: '1,250,000.00',
  tax_paid: taxPaid,
  invoice_count: 120,
  credit_rating: 'B',
});

async function push(category: string, records: unknown[], apiKey = key) {
  return t.app.inject({
    method: 'POST',
    url: `/ingest/${category}`,
    headers: { 'x-api-key': apiKey },
    payload: { records },
  });
}

beforeAll(async () => {
  t = await startTestApp();
  key = t.providerApiKey ?? '';
  // The tax bureau speaks 元 with its own column names for two fields.
  const mapping = await t.app.inject({
    method: 'PUT',
    url: '/ingest/mappings/tax',
    headers: { 'x-api-key': key },
    payload: {
      fields: { 纳税人识别号: 'uscc', 所属期: 'period' },
      moneyUnit: 'yuan',
      valueMaps: {},
    },
  });
  expect(mapping.statusCode).toBe(200);
});
afterAll(async () => t.close());

describe('pushing a JSON batch', () => {
  const good = [
    taxRecord(USCC_A, '2026-01', '12,345.67'),
    taxRecord(USCC_A, '2026-02', '11,000'),
    { ...taxRecord(USCC_B, '2026-01', '800.5'), 纳税人识别号: USCC_B, uscc: undefined },
  ].map((r) => JSON.parse(JSON.stringify(r)) as Record<string, unknown>);

  it('stores valid records, money in fen, and reports read = accepted + unchanged + quarantined', async () => {
    const response = await push('tax', good);
    expect(response.statusCode).toBe(201);
    const report = response.json<Report>();
    expect(report).toMatchObject({
      status: 'completed',
      read: 3,
      accepted: 3,
      newVersions: 0,
      unchanged: 0,
      quarantined: 0,
    });
  });

  it('adds no version when the same batch comes again', async () => {
    const report = (await push('tax', good)).json<Report>();
    expect(report).toMatchObject({ read: 3, accepted: 0, unchanged: 3, newVersions: 0 });
  });

  it('adds exactly one version for one changed field and keeps the old one readable with its lineage', async () => {
    const changed = good.map((r, i) => (i === 0 ? { ...r, tax_paid: '12,999.99' } : r));
    const report = (await push('tax', changed)).json<Report>();
    expect(report).toMatchObject({ read: 3, accepted: 1, newVersions: 1, unchanged: 2 });

    const provider = await t.login('tax-provider');
    const stored = await t.ctx.db
      .selectFrom('records')
      .select(['id', 'version'])
      .where('batch_id', '=', report.id)
      .execute();
    expect(stored).toHaveLength(1);
    const versions = await t.as(provider, {
      method: 'GET',
      url: `/records/${stored[0]?.id}/versions`,
    });
    expect(versions.statusCode).toBe(200);
    const list = versions.json<
      {
        version: number;
        current: boolean;
        content: Record<string, unknown>;
        lineage: { batchId: string; line: number };
      }[]
    >();
    expect(list.map((v) => [v.version, v.current, v.content.tax_paid])).toEqual([
      [1, false, '1234567'],
      [2, true, '1299999'],
    ]);
    expect(list[1]?.lineage).toMatchObject({ batchId: report.id, line: 1 });
  });

  it('quarantines bad records with every reason and keeps the good ones', async () => {
    const bad = [
      taxRecord(USCC_A, '2026-03', '100'),
      { ...taxRecord('91110108MA01AB2C3X', '2099-01', '-5'), colour: 'blue' },
      { uscc: USCC_B },
    ];
    const report = (await push('tax', bad)).json<Report>();
    expect(report).toMatchObject({ read: 3, accepted: 1, quarantined: 2 });
    expect(report.quarantinedByReason).toMatchObject({
      USCC_CHECK_CHARACTER: 1,
      period_in_future: 1,
      negative_amount: 1,
      unknown_field: 1,
      required: 3,
    });

    const listed = await t.app.inject({
      method: 'GET',
      url: `/ingest/quarantine?batchId=${report.id}`,
      headers: { 'x-api-key': key, 'accept-language': 'en' },
    });
    const rows =
      listed.json<
        { line: number; raw: string; reasons: { field: string; code: string; message: string }[] }[]
      >();
    expect(rows.map((r) => r.line)).toEqual([2, 3]);
    expect(rows[0]?.reasons.map((r) => r.code).sort()).toEqual(
      ['USCC_CHECK_CHARACTER', 'negative_amount', 'period_in_future', 'unknown_field'].sort(),
    );
    expect(rows[0]?.raw).toContain('blue');
    expect(rows[0]?.reasons.every((r) => r.message.length > 0 && r.message !== r.code)).toBe(true);
  });

  it('lets a provider resubmit a corrected record, which closes the quarantined one', async () => {
    const open = await t.app.inject({
      method: 'GET',
      url: '/ingest/quarantine?status=open',
      headers: { 'x-api-key': key },
    });
    const openBefore = open.json<{ id: string }[]>();
    const first = openBefore[0];
    // Still wrong: refused at its fields, nothing stored, the quarantined record still open.
    const stillBad = await t.app.inject({
      method: 'POST',
      url: `/ingest/quarantine/${first?.id}/resubmit`,
      headers: { 'x-api-key': key, 'accept-language': 'en' },
      payload: { record: taxRecord(USCC_B, '2026-03', '-5') },
    });
    expect(stillBad.statusCode).toBe(400);
    expect(errorOf(stillBad).fields).toEqual([
      expect.objectContaining({ path: 'record.tax_paid', code: 'negative_amount' }),
    ]);
    const openAfter = await t.app.inject({
      method: 'GET',
      url: '/ingest/quarantine?status=open',
      headers: { 'x-api-key': key },
    });
    expect(openAfter.json<{ id: string }[]>().map((r) => r.id)).toEqual(
      openBefore.map((r) => r.id),
    );
    const fixed = await t.app.inject({
      method: 'POST',
      url: `/ingest/quarantine/${first?.id}/resubmit`,
      headers: { 'x-api-key': key },
      payload: { record: taxRecord(USCC_B, '2026-03', '5') },
    });
    expect(fixed.statusCode).toBe(200);
    expect(fixed.json<Report>()).toMatchObject({ accepted: 1, quarantined: 0 });
    const again = await t.app.inject({
      method: 'POST',
      url: `/ingest/quarantine/${first?.id}/resubmit`,
      headers: { 'x-api-key': key },
      payload: { record: taxRecord(USCC_B, '2026-03', '5') },
    });
    expect(again.statusCode).toBe(409);
  });

  it('announces each transaction that stored records with one event naming its subjects', async () => {
    const stored = await t.ctx.db
      .selectFrom('records')
      .select(['batch_id', 'line', 'subject_ref'])
      .orderBy('id')
      .execute();
    const events = await t.ctx.db
      .selectFrom('outbox')
      .select('payload')
      .where('topic', '=', 'record.changed')
      .orderBy('id')
      .execute();
    type Payload = {
      batchId: string;
      lines: [number, number];
      changes: { subjectRef: string }[];
    };
    const payloads = events.map((e) => e.payload as Payload);
    // Every stored record is in the lines of an event of its batch that names its subject.
    for (const record of stored) {
      const announcing = payloads.filter(
        (p) =>
          p.batchId === record.batch_id &&
          p.lines[0] <= record.line &&
          record.line <= p.lines[1] &&
          p.changes.some((c) => c.subjectRef === record.subject_ref),
      );
      expect(announcing, `line ${record.line} of ${record.batch_id}`).toHaveLength(1);
    }
    // And no event names a subject without a record of it in its lines.
    for (const p of payloads) {
      for (const change of p.changes) {
        expect(
          stored.some(
            (r) =>
              r.batch_id === p.batchId &&
              r.subject_ref === change.subjectRef &&
              p.lines[0] <= r.line &&
              r.line <= p.lines[1],
          ),
        ).toBe(true);
      }
    }
    // One event per pushed batch that stored something, not one per record.
    expect(events.length).toBeLessThan(stored.length);
  });
});

describe('category schemas', () => {
  it("names each canonical field with its label in the reader's language and its type", async () => {
    const borrower = await t.login('demo-enterprise');
    const response = await t.as(borrower, {
      method: 'GET',
      url: '/ingest/schemas/tax',
      headers: { 'accept-language': 'en' },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json<{ fields: unknown[] }>().fields).toContainEqual({
      name: 'tax_paid',
      label: 'Tax paid',
      type: 'money',
      required: true,
    });
    const anonymous = await t.app.inject({ method: 'GET', url: '/ingest/schemas/tax' });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe('provider boundaries', () => {
  it('refuses a category the provider is not registered for', async () => {
    const response = await push('social_security', [
      { resident_id: buildResidentId('110105', '19900307', '123') },
    ]);
    expect(response.statusCode).toBe(403);
    expect(errorOf(response).code).toBe('CATEGORY_NOT_GRANTED');
  });

  it("does not show one provider another provider's batches", async () => {
    const operator = await t.login('operator');
    const created = await t.as(operator, {
      method: 'POST',
      url: '/organisations',
      payload: { kind: 'provider', code: 'customs', name: '示范海关' },
    });
    const customsId = created.json<{ id: string }>().id;
    const granted = await t.as(operator, {
      method: 'POST',
      url: `/organisations/${customsId}/categories`,
      payload: { categories: ['customs'] },
    });
    expect(granted.statusCode).toBe(200);
    const keyResponse = await t.as(operator, {
      method: 'POST',
      url: `/organisations/${customsId}/api-keys`,
      payload: { name: 'customs' },
    });
    const customsKey = keyResponse.json<{ key: string }>().key;

    const taxBatches = await t.app.inject({
      method: 'GET',
      url: '/ingest/batches',
      headers: { 'x-api-key': key },
    });
    const taxBatchId = taxBatches.json<{ id: string }[]>()[0]?.id;
    const peek = await t.app.inject({
      method: 'GET',
      url: `/ingest/batches/${taxBatchId}`,
      headers: { 'x-api-key': customsKey },
    });
    expect(peek.statusCode).toBe(404);
    const list = await t.app.inject({
      method: 'GET',
      url: '/ingest/batches',
      headers: { 'x-api-key': customsKey },
    });
    expect(list.json<unknown[]>()).toEqual([]);
    const push2 = await push('tax', [taxRecord(USCC_A, '2026-01', '1')], customsKey);
    expect(push2.statusCode).toBe(403);
  });

  it('lets the regulator read batch reports but not quarantined raw data', async () => {
    const regulator = await t.login('regulator');
    expect((await t.as(regulator, { method: 'GET', url: '/ingest/batches' })).statusCode).toBe(200);
    expect((await t.as(regulator, { method: 'GET', url: '/ingest/quarantine' })).statusCode).toBe(
      403,
    );
  });
});

describe('data quality', () => {
  it('reports completeness, validity, duplicates and timeliness per provider, category and month', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/ingest/quality?category=tax',
      headers: { 'x-api-key': key },
    });
    expect(response.statusCode).toBe(200);
    const rows = response.json<
      {
        read: number;
        validity: number;
        duplicates: number;
        completeness: number;
        timelinessMedianDays: number;
      }[]
    >();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    const batches = await t.ctx.db
      .selectFrom('ingest_batches')
      .selectAll()
      .where('category', '=', 'tax')
      .execute();
    const read = batches.reduce((sum, b) => sum + b.read_count, 0);
    const passed = batches.reduce((sum, b) => sum + b.accepted + b.unchanged, 0);
    const unchanged = batches.reduce((sum, b) => sum + b.unchanged, 0);
    expect(row?.read).toBe(read);
    expect(row?.validity).toBeCloseTo(passed / read, 3);
    expect(row?.duplicates).toBeCloseTo(unchanged / read, 3);
    // Tax records fill invoice_count and credit_rating of four optional fields (no amount, no arrears).
    expect(row?.completeness).toBeCloseTo(0.5, 3);
    expect(row?.timelinessMedianDays).toBeGreaterThan(0);
  });

  it('shows the regulator every provider and refuses lenders', async () => {
    const regulator = await t.login('regulator');
    expect(
      (await t.as(regulator, { method: 'GET', url: '/ingest/quality' })).json<unknown[]>().length,
    ).toBeGreaterThan(0);
    const officer = await t.login('bank-a-officer');
    expect((await t.as(officer, { method: 'GET', url: '/ingest/quality' })).statusCode).toBe(403);
  });
});

describe('records whose enterprise key was stored hashed (before migration 0020)', () => {
  const USCC_C = buildUscc('9', '1', '510104', 'MA3EF4G5');

  it('are found again under the key in clear the migration gave them', async () => {
    expect((await push('tax', [taxRecord(USCC_C, '2026-01', '10')])).statusCode).toBe(201);
    const naturalKey = `${USCC_C}\u001f2026-01`;
    await t.ctx.db
      .updateTable('records')
      .set({ natural_key_index: t.ctx.crypto.blindIndex(naturalKey, 'records.tax.key') })
      .where('subject_ref', '=', USCC_C)
      .execute();
    const rekey = readMigrations().find((m) => m.name === 'enterprise_record_keys');
    await sql.raw(rekey?.script ?? 'select missing_migration').execute(t.ctx.db);
    const stored = await t.ctx.db
      .selectFrom('records')
      .select('natural_key_index')
      .where('subject_ref', '=', USCC_C)
      .execute();
    expect(stored).toEqual([{ natural_key_index: `key:${naturalKey}` }]);

    const again = (await push('tax', [taxRecord(USCC_C, '2026-01', '10')])).json<Report>();
    expect(again).toMatchObject({ unchanged: 1, newVersions: 0 });
    const changed = (await push('tax', [taxRecord(USCC_C, '2026-01', '11')])).json<Report>();
    expect(changed).toMatchObject({ accepted: 1, newVersions: 1 });
  });
});
