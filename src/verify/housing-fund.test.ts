import { describe, expect, it } from 'vitest';
import type { SourceRecord } from './checks.js';
import { checkHousingFund } from './housing-fund.js';
import {
  available,
  codesOf,
  DOWN,
  hfRecord,
  makeResidentId,
  months,
  personInput,
  problemOf,
  TODAY,
} from './testing.js';

const deposits = (from: string, to: string, content: Record<string, unknown> = {}) =>
  months(from, to).map((period) => hfRecord(period, content));
const fund = (records: readonly SourceRecord[]) => ({ housing_fund: available(records) });

describe('housing fund', () => {
  it('passes twelve months of deposits into an active account', () => {
    const records = deposits('2025-06', '2026-05');
    const result = checkHousingFund(personInput(), fund(records), TODAY);
    expect(result).toMatchObject({
      outcome: 'pass',
      problems: [],
      asOf: '2026-05-31',
      source: 'housing_fund',
    });
    expect(result.evidence).toEqual(records.map((record) => record.id));
  });

  it('finds no account when the source holds nobody under this ID', () => {
    const stranger = hfRecord('2026-05', {
      resident_id: makeResidentId('110105', '19900307', '123'),
    });
    const result = checkHousingFund(personInput(), fund([stranger]), TODAY);
    expect(codesOf(result)).toEqual(['HF_NO_ACCOUNT']);
    const problem = problemOf(result, 'HF_NO_ACCOUNT');
    expect([problem.field, problem.fix.action]).toEqual(['source:housing_fund', 'upload_proof']);
    expect(problem.fix.proofKinds).toContain('housing_fund_certificate');
    expect(problem.message['zh-CN']).toContain('截至 2026年5月31日');
  });

  it('reports a sealed account with its last month', () => {
    const records = [
      ...deposits('2025-06', '2026-01'),
      hfRecord('2026-02', { account_status: 'sealed', paid: '0' }),
    ];
    const result = checkHousingFund(personInput(), fund(records), TODAY);
    expect(codesOf(result)).toEqual(['HF_ACCOUNT_SEALED']);
    const problem = problemOf(result, 'HF_ACCOUNT_SEALED');
    expect([problem.field, problem.fix.action]).toEqual(['source:housing_fund', 'upload_proof']);
    expect(problem.message['zh-CN']).toContain('封存状态（最近记录为 2026-02）');
    expect(problem.message.en).toContain('sealed (latest record 2026-02)');
  });

  it('reports a closed account', () => {
    const records = [
      ...deposits('2025-06', '2026-02'),
      hfRecord('2026-03', { account_status: 'closed', paid: '0' }),
    ];
    const problem = problemOf(
      checkHousingFund(personInput(), fund(records), TODAY),
      'HF_ACCOUNT_CLOSED',
    );
    expect([problem.field, problem.fix.action]).toEqual(['source:housing_fund', 'upload_proof']);
    expect(problem.message['zh-CN']).toContain('已销户（最近记录为 2026-03）');
  });

  it('counts the paid months of the last twelve and names the others', () => {
    const records = deposits('2026-02', '2026-05');
    const result = checkHousingFund(personInput(), fund(records), TODAY);
    const problem = problemOf(result, 'HF_TOO_FEW_MONTHS');
    expect([problem.field, problem.fix.action]).toEqual(['source:housing_fund', 'upload_proof']);
    expect(problem.params).toMatchObject({
      paidMonths: 4,
      requiredMonths: 6,
      fromMonth: '2025-06',
      toMonth: '2026-05',
    });
    expect(problem.params.unpaidMonths).toEqual(months('2025-06', '2026-01'));
    expect(problem.message['zh-CN']).toContain('您有 4 个月缴存公积金，本产品要求至少 6 个月');
    expect(problem.message['zh-CN']).toContain('2025-06、2025-07、2025-08');
    expect(problem.message.en).toContain('in 4 of the last 12 months');
  });

  it("applies the product's own number of months", () => {
    const records = deposits('2026-02', '2026-05');
    const lenient = personInput({ thresholds: { housingFundMonthsIn12: 4 } });
    expect(checkHousingFund(lenient, fund(records), TODAY).outcome).toBe('pass');
    const strict = personInput({ requiredContinuousMonths: 24 });
    const all = deposits('2025-07', '2026-05');
    expect(
      problemOf(checkHousingFund(strict, fund(all), TODAY), 'HF_TOO_FEW_MONTHS').params
        .requiredMonths,
    ).toBe(12);
  });

  it('reports months the employer owes', () => {
    const records = deposits('2025-06', '2026-05').map((r) =>
      r.period === '2026-04' ? hfRecord('2026-04', { paid: '0' }) : r,
    );
    const result = checkHousingFund(personInput(), fund(records), TODAY);
    expect(codesOf(result)).toEqual(['HF_ARREARS']);
    const problem = problemOf(result, 'HF_ARREARS');
    expect([problem.field, problem.fix.action]).toEqual([
      'source:housing_fund',
      'contact_provider',
    ]);
    expect(problem.message['zh-CN']).toContain('在 2026-04 有缴存基数但实缴金额为 0');
    expect(problem.fix.message['zh-CN']).toContain('为 2026-04 补缴');
  });

  it('reports a sealed account, too few months and arrears together', () => {
    const records = [
      ...deposits('2025-10', '2026-01'),
      hfRecord('2026-02', { paid: '0' }),
      hfRecord('2026-03', { account_status: 'sealed', paid: '0' }),
    ];
    const result = checkHousingFund(personInput(), fund(records), TODAY);
    expect(codesOf(result)).toEqual(['HF_ACCOUNT_SEALED', 'HF_TOO_FEW_MONTHS', 'HF_ARREARS']);
    expect(problemOf(result, 'HF_ARREARS').params.months).toEqual(['2026-02']);
  });

  it('is unavailable, never failed, while the source is down', () => {
    const result = checkHousingFund(personInput(), { housing_fund: DOWN }, TODAY);
    expect(result.outcome).toBe('unavailable');
    const problem = problemOf(result, 'HF_SOURCE_UNAVAILABLE');
    expect(problem.field).toBe('source:housing_fund');
    expect(problem.fix).toMatchObject({ action: 'wait_for_source', retryAfterSeconds: 1800 });
    expect(problem.message['zh-CN']).toContain('住房公积金数据暂时无法查询');
  });
});
