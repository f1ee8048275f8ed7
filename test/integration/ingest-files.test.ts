import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildUscc } from '../../src/demo/seed.js';
import { errorOf, startTestApp, type TestApp } from '../helpers/app.js';

let t: TestApp;
let key: string;
const uscc = (i: number) => buildUscc('9', '1', '110108', `MA${String(i).padStart(6, '0')}`);

async function upload(category: string, fileName: string, content: Buffer | string, query = '') {
  const form = new FormData();
  form.append('file', new Blob([content]), fileName);
  const encoded = new Response(form);
  return t.app.inject({
    method: 'POST',
    url: `/ingest/${category}/files${query}`,
    headers: { 'x-api-key': key, 'content-type': encoded.headers.get('content-type') ?? '' },
    payload: Buffer.from(await encoded.arrayBuffer()),
  });
}

interface Report {
  status: string;
  read: number;
  accepted: number;
  unchanged: number;
  quarantined: number;
  quarantinedByReason: Record<string, number>;
}

beforeAll(async () => {
  t = await startTestApp();
  key = t.providerApiKey ?? '';
});
afterAll(async () => t.close());

describe('file uploads', () => {
  it('streams a CSV file with provider column names after a mapping is set', async () => {
    await t.app.inject({
      method: 'PUT',
      url: '/ingest/mappings/tax',
      headers: { 'x-api-key': key },
      payload: {
        fields: {
          统一社会信用代码: 'uscc',
          所属期: 'period',
          应税收入: 'taxable_revenue',
          实缴税额: 'tax_paid',
          纳税信用等级: 'credit_rating',
        },
        moneyUnit: 'yuan',
        valueMaps: {},
      },
    });
    const rows = ['统一社会信用代码,所属期,应税收入,实缴税额,纳税信用等级'];
    for (let i = 0; i < 300; i += 1)
      rows.push(`${uscc(i)},2026年${(i % 9) + 1}月,"1,000.50",12.5万,B`);
    rows.push(`${uscc(1)},2026-13,1,1,B`);
    const response = await upload('tax', 'tax-2026.csv', rows.join('\r\n'));
    expect(response.statusCode).toBe(201);
    expect(response.json<Report>()).toMatchObject({
      status: 'completed',
      read: 301,
      accepted: 300,
      quarantined: 1,
    });
    expect(response.json<Report>().quarantinedByReason).toEqual({ bad_period: 1 });
    const stored = await t.ctx.db
      .selectFrom('records')
      .select('content')
      .where('category', '=', 'tax')
      .limit(1)
      .executeTakeFirstOrThrow();
    expect(stored.content).toMatchObject({ taxable_revenue: '100050', tax_paid: '12500000' });
  });

  it('reads undeclared GBK the same as UTF-8', async () => {
    const text = `统一社会信用代码,所属期,应税收入,实缴税额,纳税信用等级\n${uscc(500)},2026-01,100,1,A\n`;
    const response = await upload('tax', 'gbk.csv', iconv.encode(text, 'gbk'));
    expect(response.json<Report>()).toMatchObject({ accepted: 1, quarantined: 0 });
  });

  it('reads a CSV with a BOM and a truncated last line', async () => {
    const text = `\uFEFF统一社会信用代码,所属期,应税收入,实缴税额,纳税信用等级\n${uscc(600)},2026-01,100,1,A\n${uscc(601)},2026-01,"100`;
    const response = await upload('tax', 'cut.csv', text);
    expect(response.json<Report>()).toMatchObject({ read: 2, accepted: 1, quarantined: 1 });
    expect(response.json<Report>().quarantinedByReason).toEqual({ truncated: 1 });
  });

  it('refuses a file with the wrong delimiter as a whole, with a clear code', async () => {
    const text = `统一社会信用代码;所属期;应税收入;实缴税额\n${uscc(700)};2026-01;1;1\n`;
    const response = await upload('tax', 'semicolon.csv', text);
    expect(response.statusCode).toBe(422);
    expect(errorOf(response).code).toBe('INGEST_FILE_INVALID');
    expect(errorOf(response).message).toContain('wrong_delimiter');
  });

  it('refuses XML that is not well formed and says where', async () => {
    const text = `<records>\n<record><uscc>${uscc(800)}</uscc><period>2026-01</period>\n</records>`;
    const response = await upload('tax', 'broken.xml', text);
    expect(response.statusCode).toBe(422);
    expect(errorOf(response).message).toContain('xml_not_well_formed');
  });

  it('quarantines a single over-long line and reads on', async () => {
    const long = 'x'.repeat(1_200_000);
    const text = `{"uscc":"${uscc(900)}","period":"2026-01","taxable_revenue":"1","tax_paid":"1"}\n{"uscc":"${long}"}\n{"uscc":"${uscc(901)}","period":"2026-01","taxable_revenue":"1","tax_paid":"1"}\n`;
    await t.app.inject({
      method: 'PUT',
      url: '/ingest/mappings/tax',
      headers: { 'x-api-key': key },
      payload: { fields: {}, moneyUnit: 'yuan', valueMaps: {} },
    });
    const response = await upload('tax', 'long.jsonl', text);
    expect(response.json<Report>()).toMatchObject({ read: 3, accepted: 2, quarantined: 1 });
    expect(response.json<Report>().quarantinedByReason).toEqual({ record_too_large: 1 });
  });
});
