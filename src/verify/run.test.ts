import { describe, expect, it } from 'vitest';
import type { CheckName, CheckSources } from './checks.js';
import { runChecks, summarise } from './run.js';
import {
  available,
  courtCase,
  DOWN,
  EMPLOYER,
  EMPLOYER_NAME,
  enterpriseInput,
  hfRecord,
  months,
  OTHER_EMPLOYER,
  personInput,
  PERSON_NAME,
  registered,
  registration,
  ssRecord,
  TODAY,
} from './testing.js';

const PERSON_CHECKS: readonly CheckName[] = [
  'identity',
  'social_security',
  'housing_fund',
  'court_enforcement',
  'business_status',
];

/** A borrower whose every source answers and says nothing against them. */
const CLEAN: CheckSources = {
  registry: registered(PERSON_NAME),
  social_security: available(months('2025-06', '2026-05').map((period) => ssRecord(period))),
  housing_fund: available(months('2025-06', '2026-05').map((period) => hfRecord(period))),
  judicial: available([courtCase({ status: 'performed', closed_on: '2025-10-09' })]),
  business_registration: available([registration(EMPLOYER), registration(OTHER_EMPLOYER)]),
};

describe('runChecks', () => {
  it('runs the named checks in the given order, each once', () => {
    const names: CheckName[] = [
      'court_enforcement',
      'identity',
      'court_enforcement',
      'housing_fund',
    ];
    const results = runChecks(names, personInput(), CLEAN, TODAY);
    expect(results.map((result) => [result.check, result.outcome])).toEqual([
      ['court_enforcement', 'pass'],
      ['identity', 'pass'],
      ['housing_fund', 'pass'],
    ]);
  });

  it('pre-checks an enterprise with the checks that apply to it', () => {
    const sources: CheckSources = { ...CLEAN, registry: registered(EMPLOYER_NAME) };
    const names: CheckName[] = ['identity', 'business_status', 'court_enforcement'];
    const results = runChecks(names, enterpriseInput(), sources, TODAY);
    expect(summarise(results).outcome).toBe('pass');
  });

  it('refuses a check that cannot apply, and product limits out of range', () => {
    expect(() => runChecks(['social_security'], enterpriseInput(), CLEAN, TODAY)).toThrow(
      RangeError,
    );
    expect(() =>
      runChecks(['identity'], personInput({ requiredContinuousMonths: 0 }), CLEAN, TODAY),
    ).toThrow(/requiredContinuousMonths/);
    const percent = personInput({ thresholds: { minimumBaseToIncomePercent: 150 } });
    expect(() => runChecks(['identity'], percent, CLEAN, TODAY)).toThrow(RangeError);
    expect(() => runChecks(['identity'], personInput(), CLEAN, '2026-6-15')).toThrow(RangeError);
  });
});

describe('summarise', () => {
  it('passes when every check passes', () => {
    const summary = summarise(runChecks(PERSON_CHECKS, personInput(), CLEAN, TODAY));
    expect(summary).toEqual({ outcome: 'pass', problems: [], retryAfterSeconds: null });
  });

  it('is pending, not failed, while sources are down, with the soonest retry', () => {
    const sources: CheckSources = {
      ...CLEAN,
      social_security: DOWN,
      judicial: { status: 'unavailable', reason: 'timeout', retryAfterSeconds: 600 },
    };
    const summary = summarise(runChecks(PERSON_CHECKS, personInput(), sources, TODAY));
    expect(summary.outcome).toBe('pending');
    expect(summary.retryAfterSeconds).toBe(600);
    expect(summary.problems.map((p) => [p.check, p.code, p.fix.action])).toEqual([
      ['social_security', 'SS_SOURCE_UNAVAILABLE', 'wait_for_source'],
      ['court_enforcement', 'COURT_SOURCE_UNAVAILABLE', 'wait_for_source'],
    ]);
  });

  it('fails when any check fails, listing every problem of every check with its fix', () => {
    const sources: CheckSources = {
      ...CLEAN,
      social_security: available(
        months('2025-06', '2026-05')
          .filter((period) => period !== '2026-03' && period !== '2026-04')
          .map((period) => ssRecord(period)),
      ),
      judicial: available([courtCase({ case_type: 'dishonest_executed' })]),
      housing_fund: DOWN,
    };
    const summary = summarise(
      runChecks(PERSON_CHECKS, personInput({ name: '李那' }), sources, TODAY),
    );
    expect(summary.outcome).toBe('fail');
    expect(summary.retryAfterSeconds).toBe(1800);
    expect(summary.problems.map((p) => [p.check, p.code, p.field, p.fix.action])).toEqual([
      ['identity', 'ID_NAME_MISMATCH', 'name', 'correct_field'],
      ['social_security', 'SS_NOT_CONTINUOUS', 'source:social_security', 'upload_proof'],
      ['housing_fund', 'HF_SOURCE_UNAVAILABLE', 'source:housing_fund', 'wait_for_source'],
      ['court_enforcement', 'COURT_DISHONEST_LISTED', 'source:judicial', 'contact_provider'],
    ]);
    expect(summary.problems[1]?.message['zh-CN']).toContain('2026-03、2026-04 缺缴');
  });
});
