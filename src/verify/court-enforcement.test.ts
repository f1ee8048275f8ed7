import { describe, expect, it } from 'vitest';
import type { SourceRecord } from './checks.js';
import { checkCourtEnforcement } from './court-enforcement.js';
import {
  available,
  codesOf,
  courtCase,
  DOWN,
  EMPLOYER,
  enterpriseInput,
  makeResidentId,
  personInput,
  problemOf,
  TODAY,
} from './testing.js';

const judicial = (records: readonly SourceRecord[]) => ({ judicial: available(records) });

describe('court enforcement', () => {
  it('passes someone the courts have no record of', () => {
    const result = checkCourtEnforcement(personInput(), judicial([]), TODAY);
    expect(result).toMatchObject({
      outcome: 'pass',
      asOf: '2026-05-31',
      source: 'judicial',
      evidence: [],
    });
  });

  it('passes closed enforcement, suits as plaintiff and other people’s cases', () => {
    const records = [
      courtCase({ status: 'closed', closed_on: '2025-12-01' }),
      courtCase({ case_number: '(2026)浙0106民初88号', role: 'plaintiff', case_type: 'civil' }),
      courtCase({ case_number: '(2026)浙0106执9号', role: 'plaintiff' }),
      courtCase({ subject_id: makeResidentId('110105', '19900307', '123') }),
    ];
    const result = checkCourtEnforcement(personInput(), judicial(records), TODAY);
    expect(result.outcome).toBe('pass');
    expect(result.evidence).toHaveLength(3);
  });

  it('reports an open enforcement case with its number, date and amount', () => {
    const open = courtCase();
    const result = checkCourtEnforcement(personInput(), judicial([open]), TODAY);
    expect(result.outcome).toBe('fail');
    expect(result.evidence).toEqual([open.id]);
    const problem = problemOf(result, 'COURT_OPEN_ENFORCEMENT');
    expect([problem.field, problem.fix.action]).toEqual(['source:judicial', 'upload_proof']);
    expect(problem.fix.proofKinds).toEqual(['enforcement_closure', 'settlement_agreement']);
    expect(problem.alternatives?.map((fix) => fix.action)).toEqual(['file_objection']);
    const zh = problem.message['zh-CN'];
    expect(zh).toContain('(2025)浙0106执1234号');
    expect(zh).toContain('立案于 2025年9月12日');
    expect(zh).toContain('执行标的 86,500.00 元');
    expect(zh).toContain('截至 2026年5月31日');
    expect(problem.message.en).toContain('amount CNY 86,500.00');
  });

  it('reports a dishonest-debtor listing with how to be removed or object', () => {
    const listed = courtCase({
      case_number: '(2024)浙0106执567号',
      case_type: 'dishonest_executed',
      filed_on: '2024-08-02',
      amount: '2300000',
    });
    const problem = problemOf(
      checkCourtEnforcement(personInput(), judicial([listed]), TODAY),
      'COURT_DISHONEST_LISTED',
    );
    expect([problem.field, problem.fix.action]).toEqual(['source:judicial', 'contact_provider']);
    expect(problem.fix.proofKinds).toEqual(['court_removal_decision']);
    expect(problem.alternatives?.map((fix) => fix.action)).toEqual(['file_objection']);
    expect(problem.message['zh-CN']).toContain('失信被执行人');
    expect(problem.message['zh-CN']).toContain('(2024)浙0106执567号');
    expect(problem.message['zh-CN']).toContain('23,000.00 元');
    expect(problem.fix.message['zh-CN']).toContain('删除失信信息');
  });

  it('says "not given" for a case without an amount', () => {
    const problem = problemOf(
      checkCourtEnforcement(personInput(), judicial([courtCase({ amount: undefined })]), TODAY),
      'COURT_OPEN_ENFORCEMENT',
    );
    expect(problem.message['zh-CN']).toContain('执行标的 未提供');
    expect(problem.message.en).toContain('amount not given');
  });

  it('reports every open case, one problem each', () => {
    const records = [
      courtCase(),
      courtCase({ case_number: '(2024)浙0106执567号', case_type: 'dishonest_executed' }),
      courtCase({ case_number: '(2026)浙0106执20号', role: 'defendant' }),
    ];
    const result = checkCourtEnforcement(personInput(), judicial(records), TODAY);
    expect(codesOf(result)).toEqual([
      'COURT_OPEN_ENFORCEMENT',
      'COURT_DISHONEST_LISTED',
      'COURT_OPEN_ENFORCEMENT',
    ]);
  });

  it('checks an enterprise by its USCC', () => {
    const records = [courtCase({ subject_id: EMPLOYER, case_type: 'dishonest_executed' })];
    expect(codesOf(checkCourtEnforcement(enterpriseInput(), judicial(records), TODAY))).toEqual([
      'COURT_DISHONEST_LISTED',
    ]);
  });

  it('is unavailable, never failed, while the source is down', () => {
    const result = checkCourtEnforcement(personInput(), { judicial: DOWN }, TODAY);
    expect(result.outcome).toBe('unavailable');
    const problem = problemOf(result, 'COURT_SOURCE_UNAVAILABLE');
    expect(problem.field).toBe('source:judicial');
    expect(problem.fix).toMatchObject({ action: 'wait_for_source', retryAfterSeconds: 1800 });
    expect(problem.message['zh-CN']).toContain('法院执行数据暂时无法查询');
  });
});
