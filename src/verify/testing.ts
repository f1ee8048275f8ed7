/** Realistic applications and source answers for the verification tests. */
import { expect } from 'vitest';
import {
  organisationCodeCheckCharacter,
  residentIdCheckDigit,
  usccCheckCharacter,
} from '../registry/identifiers.js';
import type {
  AvailableSource,
  CheckInput,
  CheckProblem,
  CheckResult,
  RegistryFacts,
  SourceRecord,
  UnavailableSource,
} from './checks.js';

export function makeUscc(authority: string, type: string, region: string, body8: string): string {
  const first17 = `${authority}${type}${region}${body8}${organisationCodeCheckCharacter(body8)}`;
  return `${first17}${usccCheckCharacter(first17)}`;
}

export function makeResidentId(region: string, birth: string, sequence: string): string {
  const first17 = `${region}${birth}${sequence}`;
  return `${first17}${residentIdCheckDigit(first17)}`;
}

/** The application date, and the sources' data complete up to the end of May. */
export const TODAY = '2026-06-15';
export const AS_OF = '2026-05-31';

export const PERSON_ID = makeResidentId('330106', '19900307', '124');
export const PERSON_NAME = '李娜';
export const EMPLOYER = makeUscc('9', '1', '330106', 'MA2CD3E4');
export const EMPLOYER_NAME = '杭州云栖数据科技有限公司';
export const OTHER_EMPLOYER = makeUscc('9', '1', '110108', 'MA01AB2C');
export const OTHER_EMPLOYER_NAME = '北京智造精密机械有限公司';

export function personInput(overrides: Partial<CheckInput> = {}): CheckInput {
  return {
    applicantKind: 'person',
    subjectId: PERSON_ID,
    name: PERSON_NAME,
    employerUscc: EMPLOYER,
    statedMonthlyIncomeFen: 1_200_000n,
    cityRegionCode: '330100',
    requiredContinuousMonths: 6,
    minimumContributionBaseFen: 400_000n,
    ...overrides,
  };
}

export function enterpriseInput(overrides: Partial<CheckInput> = {}): CheckInput {
  return {
    applicantKind: 'enterprise',
    subjectId: EMPLOYER,
    name: EMPLOYER_NAME,
    requiredContinuousMonths: 6,
    ...overrides,
  };
}

export const available = (records: readonly SourceRecord[], asOf = AS_OF): AvailableSource => ({
  status: 'available',
  asOf,
  records,
});

export const DOWN: UnavailableSource = {
  status: 'unavailable',
  reason: 'provider answered HTTP 503',
  retryAfterSeconds: 1800,
};

export const registered = (name: string, asOf = '2026-06-15'): RegistryFacts => ({
  status: 'available',
  asOf,
  registered: true,
  name,
});

let sequence = 0;
const nextId = (prefix: string) => `${prefix}-${(sequence += 1)}`;

export function ssRecord(period: string, content: Record<string, unknown> = {}): SourceRecord {
  return {
    id: nextId(`ss-${period}`),
    category: 'social_security',
    period,
    content: {
      resident_id: PERSON_ID,
      period,
      employer_uscc: EMPLOYER,
      contribution_base: '800000',
      paid: '184000',
      status: 'paid',
      city: '330106',
      ...content,
    },
  };
}

export function hfRecord(period: string, content: Record<string, unknown> = {}): SourceRecord {
  return {
    id: nextId(`hf-${period}`),
    category: 'housing_fund',
    period,
    content: {
      resident_id: PERSON_ID,
      period,
      employer_uscc: EMPLOYER,
      deposit_base: '800000',
      paid: '192000',
      account_status: 'active',
      ...content,
    },
  };
}

/** Months `from`..`to` inclusive, `YYYY-MM`. */
export function months(from: string, to: string): string[] {
  const result: string[] = [];
  let [year, month] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const text = `${year}-${String(month).padStart(2, '0')}`;
    result.push(text);
    if (text >= to) return result;
    month += 1;
    if (month > 12) [year, month] = [year + 1, 1];
  }
}

export function registration(uscc: string, content: Record<string, unknown> = {}): SourceRecord {
  return {
    id: nextId('reg'),
    category: 'business_registration',
    period: null,
    content: {
      uscc,
      name: uscc === EMPLOYER ? EMPLOYER_NAME : OTHER_EMPLOYER_NAME,
      status: 'active',
      established_on: '2019-04-18',
      registered_capital: '500000000',
      industry: 'technology',
      region: uscc.slice(2, 8),
      ...content,
    },
  };
}

export function courtCase(content: Record<string, unknown> = {}): SourceRecord {
  const filedOn = typeof content.filed_on === 'string' ? content.filed_on : '2025-09-12';
  return {
    id: nextId('court'),
    category: 'judicial',
    period: filedOn,
    content: {
      case_number: '(2025)浙0106执1234号',
      subject_id: PERSON_ID,
      role: 'executed_person',
      case_type: 'enforcement',
      filed_on: filedOn,
      amount: '8650000',
      status: 'open',
      ...content,
    },
  };
}

const HAN = /\p{Script=Han}/u;

/**
 * The one problem of `code` in the result, after checking what every problem owes the borrower:
 * words in both languages, no placeholder left unfilled, a fix in both languages.
 */
export function problemOf(result: CheckResult, code: string): CheckProblem {
  const found = result.problems.filter((problem) => problem.code === code);
  expect(found, `${code} in ${result.problems.map((p) => p.code).join(', ')}`).toHaveLength(1);
  const problem = found[0] as CheckProblem;
  for (const text of [
    problem.message,
    problem.fix.message,
    ...(problem.alternatives ?? []).map((f) => f.message),
  ]) {
    expect(text['zh-CN']).toMatch(HAN);
    expect(text.en.trim()).not.toBe('');
    expect(`${text['zh-CN']}${text.en}`).not.toMatch(/[{}]/);
  }
  return problem;
}

export const codesOf = (result: CheckResult) => result.problems.map((problem) => problem.code);
