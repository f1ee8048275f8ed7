import { describe, expect, it } from 'vitest';
import type { CheckSources, SourceRecord } from './checks.js';
import { checkSocialSecurity } from './social-security.js';
import {
  available,
  codesOf,
  DOWN,
  EMPLOYER,
  makeResidentId,
  months,
  OTHER_EMPLOYER,
  personInput,
  problemOf,
  registration,
  ssRecord,
  TODAY,
} from './testing.js';

const paidMonths = (from: string, to: string, content: Record<string, unknown> = {}) =>
  months(from, to).map((period) => ssRecord(period, content));

const sources = (records: readonly SourceRecord[], extra: CheckSources = {}): CheckSources => ({
  social_security: available(records),
  ...extra,
});

/** Two years of unbroken contributions by the stated employer, in Hangzhou. */
const STEADY = paidMonths('2024-06', '2026-05');

describe('social security', () => {
  it('passes two years of contributions by the stated employer in the stated city', () => {
    const result = checkSocialSecurity(personInput(), sources(STEADY), TODAY);
    expect(result.outcome).toBe('pass');
    expect(result.problems).toEqual([]);
    expect(result.asOf).toBe('2026-05-31');
    expect(result.source).toBe('social_security');
    // The six months of the window are the evidence, oldest first.
    expect(result.evidence).toEqual(STEADY.slice(-6).map((record) => record.id));
  });

  it('finds no account when the source holds nobody under this ID', () => {
    const stranger = ssRecord('2026-05', {
      resident_id: makeResidentId('110105', '19900307', '123'),
    });
    const result = checkSocialSecurity(personInput(), sources([stranger]), TODAY);
    expect(result.outcome).toBe('fail');
    expect(codesOf(result)).toEqual(['SS_NO_ACCOUNT']);
    const problem = problemOf(result, 'SS_NO_ACCOUNT');
    expect([problem.field, problem.fix.action]).toEqual(['source:social_security', 'upload_proof']);
    expect(problem.fix.proofKinds).toContain('labour_contract');
    expect(problem.message['zh-CN']).toContain('截至 2026年5月31日');
    expect(problem.message.en).toContain('As of 31 May 2026');
  });

  it('names the missing months of the last N', () => {
    const records = STEADY.filter((r) => r.period !== '2026-03' && r.period !== '2026-04');
    const result = checkSocialSecurity(personInput(), sources(records), TODAY);
    expect(result.outcome).toBe('fail');
    const problem = problemOf(result, 'SS_NOT_CONTINUOUS');
    expect([problem.field, problem.fix.action]).toEqual(['source:social_security', 'upload_proof']);
    expect(problem.params).toMatchObject({
      requiredMonths: 6,
      fromMonth: '2025-12',
      toMonth: '2026-05',
      missingMonths: ['2026-03', '2026-04'],
    });
    expect(problem.message['zh-CN']).toContain('2026-03、2026-04 缺缴');
    expect(problem.message['zh-CN']).toContain('近 6 个月（2025-12 至 2026-05）');
    expect(problem.message['zh-CN']).toContain('2026年5月31日');
    expect(problem.message.en).toContain('2026-03, 2026-04');
    expect(problem.alternatives?.[0]?.message['zh-CN']).toContain('2026-03、2026-04');
  });

  it('counts N months back from the last month the source has complete', () => {
    // Data as of 10 June: June is still being paid in and is no gap.
    const data = { social_security: available(STEADY, '2026-06-10') };
    expect(checkSocialSecurity(personInput(), data, TODAY).outcome).toBe('pass');
    const twelve = personInput({ requiredContinuousMonths: 12 });
    const recent = STEADY.filter((r) => (r.period ?? '') >= '2025-09');
    const problem = problemOf(
      checkSocialSecurity(twelve, sources(recent), TODAY),
      'SS_NOT_CONTINUOUS',
    );
    expect(problem.params.missingMonths).toEqual(['2025-06', '2025-07', '2025-08']);
  });

  it('names both employers, masked, when someone else pays now', () => {
    const records = [
      ...paidMonths('2025-06', '2026-02'),
      ...paidMonths('2026-03', '2026-05', { employer_uscc: OTHER_EMPLOYER, city: '330108' }),
    ];
    const names = {
      business_registration: available([registration(EMPLOYER), registration(OTHER_EMPLOYER)]),
    };
    const result = checkSocialSecurity(personInput(), sources(records, names), TODAY);
    const problem = problemOf(result, 'SS_EMPLOYER_MISMATCH');
    expect([problem.field, problem.fix.action]).toEqual(['statedEmployerUscc', 'correct_field']);
    expect(problem.alternatives?.[0]).toMatchObject({
      action: 'upload_proof',
      proofKinds: ['labour_contract', 'income_statement'],
    });
    const zh = problem.message['zh-CN'];
    expect(zh).toContain('“北京智造****有限公司 (9111**********');
    expect(zh).toContain('“杭州云栖****有限公司 (9133**********');
    expect(zh).toContain('（2026-05）');
    expect(zh).not.toContain('北京智造精密机械');
    expect(zh).not.toContain(EMPLOYER);
    expect(problem.message.en).toContain('paid by "北京智造****有限公司');
  });

  it('masks the codes alone when no registration data named the employers', () => {
    const records = paidMonths('2025-06', '2026-05', { employer_uscc: OTHER_EMPLOYER });
    const problem = problemOf(
      checkSocialSecurity(personInput(), sources(records), TODAY),
      'SS_EMPLOYER_MISMATCH',
    );
    expect(problem.params.currentEmployer).toEqual([
      `${OTHER_EMPLOYER.slice(0, 4)}**********${OTHER_EMPLOYER.slice(-4)}`,
    ]);
  });

  it('accepts the stated employer among two paying in the latest month', () => {
    const records = [
      ...STEADY,
      ssRecord('2026-05', { employer_uscc: OTHER_EMPLOYER, contribution_base: '300000' }),
    ];
    expect(checkSocialSecurity(personInput(), sources(records), TODAY).outcome).toBe('pass');
  });

  it('compares the latest contribution base with the product minimum', () => {
    const records = paidMonths('2025-06', '2026-05', { contribution_base: '450000' });
    const input = personInput({
      minimumContributionBaseFen: 500_000n,
      statedMonthlyIncomeFen: 800_000n,
    });
    const result = checkSocialSecurity(input, sources(records), TODAY);
    expect(codesOf(result)).toEqual(['SS_BASE_BELOW_MINIMUM']);
    const problem = problemOf(result, 'SS_BASE_BELOW_MINIMUM');
    expect([problem.field, problem.fix.action]).toEqual(['source:social_security', 'upload_proof']);
    expect(problem.params).toMatchObject({
      baseFen: '450000',
      minimumFen: '500000',
      latestMonth: '2026-05',
    });
    expect(problem.message['zh-CN']).toContain('4,500.00 元');
    expect(problem.message['zh-CN']).toContain('5,000.00 元');
    expect(problem.message.en).toContain('CNY 4,500.00');
    expect(problem.message.en).toContain('CNY 5,000.00');
  });

  it('compares the contribution base with the stated income', () => {
    const records = paidMonths('2025-06', '2026-05', { contribution_base: '450000' });
    const result = checkSocialSecurity(
      personInput({ statedMonthlyIncomeFen: 1_200_000n }),
      sources(records),
      TODAY,
    );
    const problem = problemOf(result, 'SS_BASE_BELOW_INCOME');
    expect([problem.field, problem.fix.action]).toEqual(['statedMonthlyIncomeFen', 'upload_proof']);
    expect(problem.fix.proofKinds).toEqual(['income_statement', 'bank_statement']);
    expect(problem.message['zh-CN']).toContain(
      '4,500.00 元，不到您填写的月收入 12,000.00 元的 50%',
    );
    expect(problem.message.en).toContain(
      'less than 50% of the monthly income you stated, CNY 12,000.00',
    );
  });

  it('lets a base of exactly the required share of the income pass', () => {
    const records = paidMonths('2025-06', '2026-05', { contribution_base: '600000' });
    const result = checkSocialSecurity(
      personInput({ statedMonthlyIncomeFen: 1_200_000n }),
      sources(records),
      TODAY,
    );
    expect(result.outcome).toBe('pass');
    const stricter = personInput({
      statedMonthlyIncomeFen: 1_200_000n,
      thresholds: { minimumBaseToIncomePercent: 60 },
    });
    expect(codesOf(checkSocialSecurity(stricter, sources(records), TODAY))).toEqual([
      'SS_BASE_BELOW_INCOME',
    ]);
  });

  it('explains records kept in another city', () => {
    const records = paidMonths('2025-06', '2026-05', { city: '110105' });
    const result = checkSocialSecurity(
      personInput({ cityRegionCode: '330100' }),
      sources(records),
      TODAY,
    );
    const problem = problemOf(result, 'SS_OTHER_CITY');
    expect([problem.field, problem.fix.action]).toEqual(['statedCity', 'upload_proof']);
    expect(problem.fix.proofKinds).toContain('social_security_transfer');
    expect(problem.message['zh-CN']).toContain('只在 北京市 缴纳');
    expect(problem.message['zh-CN']).toContain('杭州市');
    expect(problem.fix.message['zh-CN']).toContain('转移');
  });

  it('treats a district as its city, and a municipality as one city', () => {
    const hangzhou = paidMonths('2025-06', '2026-05', { city: '330108' });
    expect(
      checkSocialSecurity(personInput({ cityRegionCode: '330100' }), sources(hangzhou), TODAY)
        .outcome,
    ).toBe('pass');
    const chongqing = paidMonths('2025-06', '2026-05', { city: '500235' });
    expect(
      checkSocialSecurity(personInput({ cityRegionCode: '500103' }), sources(chongqing), TODAY)
        .outcome,
    ).toBe('pass');
  });

  it('reports months in arrears, not as missing', () => {
    const records = STEADY.map((r) =>
      r.period === '2026-04' ? ssRecord('2026-04', { status: 'arrears', paid: '0' }) : r,
    );
    const result = checkSocialSecurity(personInput(), sources(records), TODAY);
    expect(codesOf(result)).toEqual(['SS_ARREARS']);
    const problem = problemOf(result, 'SS_ARREARS');
    expect([problem.field, problem.fix.action]).toEqual([
      'source:social_security',
      'contact_provider',
    ]);
    expect(problem.message['zh-CN']).toContain('2026-04 处于欠缴状态');
    expect(problem.message.en).toContain('arrears for 2026-04');
  });

  it('reports suspended months', () => {
    const records = STEADY.map((r) =>
      (r.period ?? '') >= '2026-04'
        ? ssRecord(r.period ?? '', { status: 'suspended', paid: '0' })
        : r,
    );
    const problem = problemOf(
      checkSocialSecurity(personInput(), sources(records), TODAY),
      'SS_SUSPENDED',
    );
    expect([problem.field, problem.fix.action]).toEqual(['source:social_security', 'upload_proof']);
    expect(problem.message['zh-CN']).toContain('2026-04、2026-05 处于暂停参保');
    expect(problem.message['zh-CN']).toContain('2026年5月31日');
  });

  it('tells everything wrong at once', () => {
    const records = [
      ...paidMonths('2025-06', '2026-01', { city: '110105', employer_uscc: OTHER_EMPLOYER }),
      ssRecord('2026-02', {
        city: '110105',
        employer_uscc: OTHER_EMPLOYER,
        status: 'arrears',
        paid: '0',
      }),
      ...paidMonths('2026-05', '2026-05', {
        city: '110105',
        employer_uscc: OTHER_EMPLOYER,
        contribution_base: '350000',
      }),
    ];
    const result = checkSocialSecurity(personInput(), sources(records), TODAY);
    expect(result.outcome).toBe('fail');
    expect(codesOf(result)).toEqual([
      'SS_NOT_CONTINUOUS',
      'SS_ARREARS',
      'SS_EMPLOYER_MISMATCH',
      'SS_BASE_BELOW_MINIMUM',
      'SS_BASE_BELOW_INCOME',
      'SS_OTHER_CITY',
    ]);
    expect(problemOf(result, 'SS_NOT_CONTINUOUS').params.missingMonths).toEqual([
      '2026-03',
      '2026-04',
    ]);
  });

  it('is unavailable, never failed, while the source is down', () => {
    const result = checkSocialSecurity(personInput(), { social_security: DOWN }, TODAY);
    expect(result.outcome).toBe('unavailable');
    expect(result.asOf).toBeNull();
    expect(result.evidence).toEqual([]);
    const problem = problemOf(result, 'SS_SOURCE_UNAVAILABLE');
    expect(problem.field).toBe('source:social_security');
    expect(problem.fix).toMatchObject({ action: 'wait_for_source', retryAfterSeconds: 1800 });
    expect(problem.message['zh-CN']).toContain('社保数据暂时无法查询');
    expect(problem.message.en).toContain('30 minutes');
  });
});
