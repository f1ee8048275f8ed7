import { describe, expect, it } from 'vitest';
import { checkBusinessStatus } from './business-status.js';
import type { CheckSources } from './checks.js';
import {
  available,
  codesOf,
  DOWN,
  EMPLOYER,
  enterpriseInput,
  OTHER_EMPLOYER,
  personInput,
  problemOf,
  registration,
  TODAY,
} from './testing.js';

const ACTIVE = registration(EMPLOYER);
const REGISTERED: CheckSources = {
  business_registration: available([ACTIVE, registration(OTHER_EMPLOYER)]),
};
const only = (content: Record<string, unknown>): CheckSources => ({
  business_registration: available([registration(EMPLOYER, content)]),
});

describe('business status', () => {
  it('passes an active enterprise established years ago', () => {
    expect(checkBusinessStatus(enterpriseInput(), REGISTERED, TODAY)).toEqual({
      check: 'business_status',
      outcome: 'pass',
      problems: [],
      asOf: '2026-05-31',
      source: 'business_registration',
      evidence: [ACTIVE.id],
    });
  });

  it("checks a person's stated employer", () => {
    expect(checkBusinessStatus(personInput(), REGISTERED, TODAY).outcome).toBe('pass');
    const revoked = only({ status: 'revoked' });
    expect(codesOf(checkBusinessStatus(personInput(), revoked, TODAY))).toEqual(['BIZ_REVOKED']);
  });

  it('asks a person for the employer it cannot check without', () => {
    const result = checkBusinessStatus(personInput({ employerUscc: undefined }), REGISTERED, TODAY);
    expect(result.outcome).toBe('fail');
    const problem = problemOf(result, 'BIZ_NO_EMPLOYER_STATED');
    expect([problem.field, problem.fix.action]).toEqual(['statedEmployerUscc', 'correct_field']);
    expect(problem.message['zh-CN']).toContain('统一社会信用代码');
  });

  it('refuses an invalid USCC before asking the source', () => {
    const typo = `${EMPLOYER.slice(0, 17)}${EMPLOYER.charAt(17) === '0' ? '1' : '0'}`;
    const result = checkBusinessStatus(
      personInput({ employerUscc: typo }),
      { business_registration: DOWN },
      TODAY,
    );
    expect(result.outcome).toBe('fail');
    const problem = problemOf(result, 'BIZ_USCC_INVALID');
    expect([problem.field, problem.fix.action]).toEqual(['statedEmployerUscc', 'correct_field']);
    expect(problem.message['zh-CN']).toContain(typo);
  });

  it('reports a USCC the registration data do not know', () => {
    const result = checkBusinessStatus(
      enterpriseInput(),
      { business_registration: available([registration(OTHER_EMPLOYER)]) },
      TODAY,
    );
    const problem = problemOf(result, 'BIZ_NOT_REGISTERED');
    expect([problem.field, problem.fix.action]).toEqual(['subjectId', 'correct_field']);
    expect(problem.alternatives?.[0]).toMatchObject({
      action: 'upload_proof',
      proofKinds: ['business_licence'],
    });
    expect(problem.message['zh-CN']).toContain(EMPLOYER);
    expect(problem.message['zh-CN']).toContain('截至 2026年5月31日');
    expect(problem.message.en).toContain('As of 31 May 2026');
    expect(result.evidence).toEqual([]);
  });

  it('reports a revoked licence', () => {
    const problem = problemOf(
      checkBusinessStatus(enterpriseInput(), only({ status: 'revoked' }), TODAY),
      'BIZ_REVOKED',
    );
    expect([problem.field, problem.fix.action]).toEqual([
      'source:business_registration',
      'file_objection',
    ]);
    expect(problem.message['zh-CN']).toContain('“杭州云栖数据科技有限公司”');
    expect(problem.message['zh-CN']).toContain('吊销');
    expect(problem.message.en).toContain('revoked');
  });

  it('reports a deregistered business', () => {
    const problem = problemOf(
      checkBusinessStatus(enterpriseInput(), only({ status: 'cancelled' }), TODAY),
      'BIZ_CANCELLED',
    );
    expect([problem.field, problem.fix.action]).toEqual([
      'source:business_registration',
      'file_objection',
    ]);
    expect(problem.message['zh-CN']).toContain('注销');
    expect(problem.message.en).toContain('deregistered');
  });

  it('reports since when a business is listed as abnormal, and how to be removed', () => {
    const sources = only({ status: 'abnormal', abnormal_since: '2025-11-03' });
    const problem = problemOf(
      checkBusinessStatus(enterpriseInput(), sources, TODAY),
      'BIZ_ABNORMAL',
    );
    expect([problem.field, problem.fix.action]).toEqual([
      'source:business_registration',
      'contact_provider',
    ]);
    expect(problem.fix.proofKinds).toEqual(['abnormal_list_removal']);
    expect(problem.message['zh-CN']).toContain('自 2025年11月3日 起被列入经营异常名录');
    expect(problem.message.en).toContain('since 3 Nov 2025');
  });

  it('says "not given" for an abnormal listing without a date', () => {
    const problem = problemOf(
      checkBusinessStatus(enterpriseInput(), only({ status: 'abnormal' }), TODAY),
      'BIZ_ABNORMAL',
    );
    expect(problem.message['zh-CN']).toContain('自 未提供 起');
  });

  it('tells a young business when it may apply', () => {
    const result = checkBusinessStatus(
      enterpriseInput(),
      only({ established_on: '2025-12-20' }),
      TODAY,
    );
    const problem = problemOf(result, 'BIZ_TOO_YOUNG');
    expect([problem.field, problem.fix.action]).toEqual([
      'source:business_registration',
      'reapply_later',
    ]);
    expect(problem.params).toMatchObject({
      ageMonths: 5,
      minimumMonths: 12,
      eligibleOn: '2026-12-20',
    });
    expect(problem.message['zh-CN']).toContain('成立于 2025年12月20日，至申请日成立 5 个月');
    expect(problem.fix.message['zh-CN']).toContain('2026年12月20日');
    expect(problem.fix.message.en).toContain('20 Dec 2026');
  });

  it("applies the product's own minimum age of business", () => {
    const young = only({ established_on: '2025-12-20' });
    const lenient = enterpriseInput({ thresholds: { minimumBusinessAgeMonths: 3 } });
    expect(checkBusinessStatus(lenient, young, TODAY).outcome).toBe('pass');
    const none = enterpriseInput({ thresholds: { minimumBusinessAgeMonths: 0 } });
    expect(checkBusinessStatus(none, only({ established_on: '2026-06-01' }), TODAY).outcome).toBe(
      'pass',
    );
  });

  it('reports an abnormal listing and a young age together', () => {
    const sources = only({
      status: 'abnormal',
      abnormal_since: '2026-03-01',
      established_on: '2025-12-20',
    });
    expect(codesOf(checkBusinessStatus(enterpriseInput(), sources, TODAY))).toEqual([
      'BIZ_ABNORMAL',
      'BIZ_TOO_YOUNG',
    ]);
  });

  it('is unavailable, never failed, while the source is down', () => {
    const result = checkBusinessStatus(enterpriseInput(), { business_registration: DOWN }, TODAY);
    expect(result.outcome).toBe('unavailable');
    const problem = problemOf(result, 'BIZ_SOURCE_UNAVAILABLE');
    expect(problem.field).toBe('source:business_registration');
    expect(problem.fix).toMatchObject({ action: 'wait_for_source', retryAfterSeconds: 1800 });
    expect(problem.message['zh-CN']).toContain('市场监管登记数据暂时无法查询');
  });
});
