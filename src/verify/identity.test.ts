import { describe, expect, it } from 'vitest';
import type { CheckSources } from './checks.js';
import { checkIdentity } from './identity.js';
import {
  codesOf,
  DOWN,
  EMPLOYER,
  EMPLOYER_NAME,
  enterpriseInput,
  makeResidentId,
  PERSON_ID,
  PERSON_NAME,
  personInput,
  problemOf,
  registered,
  TODAY,
} from './testing.js';

const KNOWN: CheckSources = { registry: registered(PERSON_NAME) };

describe('identity of a person', () => {
  it('passes a valid, registered resident ID under its registered name', () => {
    const result = checkIdentity(personInput(), KNOWN, TODAY);
    expect(result).toEqual({
      check: 'identity',
      outcome: 'pass',
      problems: [],
      asOf: '2026-06-15',
      source: 'registry',
      evidence: [],
    });
  });

  it('accepts the ID typed with spaces, full-width digits or a lower-case x', () => {
    const id = makeResidentId('110105', '19851212', '042');
    const typed = `${id.slice(0, 6)} ${id.slice(6, 14)}\u3000${id.slice(14)}`.replace('1', '１');
    const result = checkIdentity(personInput({ subjectId: typed.toLowerCase() }), KNOWN, TODAY);
    expect(result.outcome).toBe('pass');
  });

  it('counts the characters of a too-short ID', () => {
    const result = checkIdentity(personInput({ subjectId: PERSON_ID.slice(0, 17) }), KNOWN, TODAY);
    expect(result.outcome).toBe('fail');
    expect(result.asOf).toBeNull();
    const problem = problemOf(result, 'ID_LENGTH_INVALID');
    expect(problem.field).toBe('subjectId');
    expect(problem.fix.action).toBe('correct_field');
    expect(problem.message['zh-CN']).toContain('您填写的是 17 位');
    expect(problem.message.en).toContain('has 17');
  });

  it('refuses letters other than a final X', () => {
    const result = checkIdentity(
      personInput({ subjectId: `${PERSON_ID.slice(0, 10)}A${PERSON_ID.slice(11)}` }),
      KNOWN,
      TODAY,
    );
    const problem = problemOf(result, 'ID_CHARSET_INVALID');
    expect([problem.field, problem.fix.action]).toEqual(['subjectId', 'correct_field']);
    expect(problem.message['zh-CN']).toContain('X');
  });

  it('names a region code that does not exist', () => {
    const result = checkIdentity(
      personInput({ subjectId: makeResidentId('990101', '19900307', '124') }),
      KNOWN,
      TODAY,
    );
    const problem = problemOf(result, 'ID_REGION_INVALID');
    expect([problem.field, problem.fix.action]).toEqual(['subjectId', 'correct_field']);
    expect(problem.message['zh-CN']).toContain('990101');
    expect(problem.message.en).toContain('990101');
  });

  it('names birth digits that are no date', () => {
    const result = checkIdentity(
      personInput({ subjectId: makeResidentId('330106', '19901345', '124') }),
      KNOWN,
      TODAY,
    );
    const problem = problemOf(result, 'ID_BIRTH_DATE_INVALID');
    expect([problem.field, problem.fix.action]).toEqual(['subjectId', 'correct_field']);
    expect(problem.message['zh-CN']).toContain('19901345');
    expect(problem.message.en).toContain('19901345');
  });

  it('treats a birth date after the application date as no date', () => {
    const result = checkIdentity(
      personInput({ subjectId: makeResidentId('330106', '20260616', '124') }),
      KNOWN,
      TODAY,
    );
    expect(problemOf(result, 'ID_BIRTH_DATE_INVALID').params).toEqual({ birthDigits: '20260616' });
  });

  it('catches a mistyped digit through the check character', () => {
    const typo = `${PERSON_ID.slice(0, 12)}${PERSON_ID.charAt(12) === '1' ? '2' : '1'}${PERSON_ID.slice(13)}`;
    const result = checkIdentity(personInput({ subjectId: typo }), KNOWN, TODAY);
    expect(codesOf(result)).toEqual(['ID_CHECK_DIGIT_INVALID']);
    const problem = problemOf(result, 'ID_CHECK_DIGIT_INVALID');
    expect([problem.field, problem.fix.action]).toEqual(['subjectId', 'correct_field']);
    expect(problem.message['zh-CN']).toContain('校验码');
  });

  it('flags a birth year that makes the applicant over a hundred', () => {
    const result = checkIdentity(
      personInput({ subjectId: makeResidentId('330106', '19200101', '124') }),
      KNOWN,
      TODAY,
    );
    const problem = problemOf(result, 'ID_BIRTH_DATE_IMPLAUSIBLE');
    expect([problem.field, problem.fix.action]).toEqual(['subjectId', 'correct_field']);
    expect(problem.message['zh-CN']).toContain('1920年1月1日');
    expect(problem.message['zh-CN']).toContain('106 周岁');
    expect(problem.message.en).toContain('1 Jan 1920');
  });

  it('tells a 17-year-old the date from which they may apply', () => {
    const result = checkIdentity(
      personInput({ subjectId: makeResidentId('330106', '20080720', '124') }),
      KNOWN,
      TODAY,
    );
    expect(result.outcome).toBe('fail');
    const problem = problemOf(result, 'ID_UNDER_AGE');
    expect([problem.field, problem.fix.action]).toEqual(['subjectId', 'reapply_later']);
    expect(problem.params).toMatchObject({ age: 17, minimumAge: 18, eligibleOn: '2026-07-20' });
    expect(problem.message['zh-CN']).toContain('2008年7月20日');
    expect(problem.message['zh-CN']).toContain('17 周岁');
    expect(problem.fix.message['zh-CN']).toContain('2026年7月20日');
    expect(problem.fix.message.en).toContain('20 Jul 2026');
    expect(problem.alternatives?.map((fix) => fix.action)).toEqual(['correct_field']);
  });

  it('lets someone born on 29 February apply from 1 March in a common year', () => {
    const id = makeResidentId('330106', '20080229', '124');
    const result = checkIdentity(personInput({ subjectId: id }), KNOWN, '2026-02-28');
    expect(problemOf(result, 'ID_UNDER_AGE').params.eligibleOn).toBe('2026-03-01');
    expect(checkIdentity(personInput({ subjectId: id }), KNOWN, '2026-03-01').outcome).toBe('pass');
  });

  it("applies the product's own minimum age", () => {
    const input = personInput({ thresholds: { minimumAge: 40 } });
    const problem = problemOf(checkIdentity(input, KNOWN, TODAY), 'ID_UNDER_AGE');
    expect(problem.params).toMatchObject({ age: 36, minimumAge: 40, eligibleOn: '2030-03-07' });
  });

  it('shows the entered name and only a masked registered name', () => {
    const result = checkIdentity(personInput({ name: ' 李那 ' }), KNOWN, TODAY);
    const problem = problemOf(result, 'ID_NAME_MISMATCH');
    expect([problem.field, problem.fix.action]).toEqual(['name', 'correct_field']);
    expect(problem.message['zh-CN']).toContain('“李那”');
    expect(problem.message['zh-CN']).toContain('（李*）');
    expect(problem.message['zh-CN']).toContain('2026年6月15日');
    expect(`${problem.message['zh-CN']}${problem.message.en}`).not.toContain(PERSON_NAME);
    expect(problem.alternatives?.[0]?.proofKinds).toEqual([
      'name_change_certificate',
      'identity_card',
    ]);
  });

  it('compares names after Unicode normalisation', () => {
    const result = checkIdentity(
      personInput({ name: '阿依古丽·买买提' }),
      { registry: registered('阿依古丽·买买提') },
      TODAY,
    );
    expect(result.outcome).toBe('pass');
  });

  it('sends someone not yet registered to registration', () => {
    const registry = { status: 'available', asOf: '2026-06-14', registered: false } as const;
    const result = checkIdentity(personInput(), { registry }, TODAY);
    expect(result.asOf).toBe('2026-06-14');
    const problem = problemOf(result, 'ID_NOT_REGISTERED');
    expect([problem.field, problem.fix.action]).toEqual(['subjectId', 'register']);
    expect(problem.message['zh-CN']).toContain('2026年6月14日');
    expect(problem.message.en).toContain('14 Jun 2026');
  });

  it('reports under-age and a wrong name together', () => {
    const id = makeResidentId('330106', '20080720', '124');
    const result = checkIdentity(personInput({ subjectId: id, name: '李那' }), KNOWN, TODAY);
    expect(codesOf(result)).toEqual(['ID_UNDER_AGE', 'ID_NAME_MISMATCH']);
  });
});

describe('identity of an enterprise', () => {
  const KNOWN_ENTERPRISE: CheckSources = { registry: registered(EMPLOYER_NAME) };

  it('passes a valid, registered USCC under its registered name', () => {
    expect(checkIdentity(enterpriseInput(), KNOWN_ENTERPRISE, TODAY).outcome).toBe('pass');
  });

  it('counts the characters of a short USCC', () => {
    const result = checkIdentity(
      enterpriseInput({ subjectId: EMPLOYER.slice(0, 16) }),
      KNOWN_ENTERPRISE,
      TODAY,
    );
    const problem = problemOf(result, 'ID_USCC_LENGTH_INVALID');
    expect([problem.field, problem.fix.action]).toEqual(['subjectId', 'correct_field']);
    expect(problem.message['zh-CN']).toContain('您填写的是 16 位');
  });

  it('names the position of a letter a USCC never uses', () => {
    const result = checkIdentity(
      enterpriseInput({ subjectId: `${EMPLOYER.slice(0, 9)}I${EMPLOYER.slice(10)}` }),
      KNOWN_ENTERPRISE,
      TODAY,
    );
    const problem = problemOf(result, 'ID_USCC_CHARACTER_INVALID');
    expect(problem.params).toEqual({ position: 10 });
    expect(problem.message['zh-CN']).toContain('第 10 位');
    expect(problem.message.en).toContain('Character 10');
  });

  it('catches a mistyped character through the check character', () => {
    const last = EMPLOYER.charAt(17) === '0' ? '1' : '0';
    const result = checkIdentity(
      enterpriseInput({ subjectId: `${EMPLOYER.slice(0, 17)}${last}` }),
      KNOWN_ENTERPRISE,
      TODAY,
    );
    const problem = problemOf(result, 'ID_USCC_CHECK_INVALID');
    expect([problem.field, problem.fix.action]).toEqual(['subjectId', 'correct_field']);
    expect(problem.message['zh-CN']).toContain('第 18 位');
  });

  it('shows the full registered name of an enterprise, which is public', () => {
    const result = checkIdentity(
      enterpriseInput({ name: '杭州云栖科技有限公司' }),
      KNOWN_ENTERPRISE,
      TODAY,
    );
    const problem = problemOf(result, 'ID_ENTERPRISE_NAME_MISMATCH');
    expect([problem.field, problem.fix.action]).toEqual(['name', 'correct_field']);
    expect(problem.message['zh-CN']).toContain(`“${EMPLOYER_NAME}”`);
    expect(problem.message['zh-CN']).toContain('“杭州云栖科技有限公司”');
  });
});

describe('identity when the registry is down', () => {
  it('is unavailable with a scheduled retry, not failed', () => {
    const result = checkIdentity(personInput(), { registry: DOWN }, TODAY);
    expect(result.outcome).toBe('unavailable');
    expect(result.asOf).toBeNull();
    const problem = problemOf(result, 'ID_SOURCE_UNAVAILABLE');
    expect(problem.field).toBe('source:registry');
    expect(problem.fix).toMatchObject({ action: 'wait_for_source', retryAfterSeconds: 1800 });
    expect(problem.message['zh-CN']).toContain('30 分钟');
    expect(problem.message['zh-CN']).toContain('不代表核验未通过');
    expect(problem.message.en).toContain('30 minutes');
  });

  it('waits too when the caller supplied no registry answer', () => {
    expect(checkIdentity(personInput(), {}, TODAY).outcome).toBe('unavailable');
  });

  it('still fails what it can tell without the registry, and says the rest is pending', () => {
    const id = makeResidentId('330106', '20080720', '124');
    const result = checkIdentity(personInput({ subjectId: id }), { registry: DOWN }, TODAY);
    expect(result.outcome).toBe('fail');
    expect(codesOf(result)).toEqual(['ID_UNDER_AGE', 'ID_SOURCE_UNAVAILABLE']);
  });

  it('fails a malformed ID without asking the registry', () => {
    const result = checkIdentity(
      personInput({ subjectId: '33010619900307' }),
      { registry: DOWN },
      TODAY,
    );
    expect(result.outcome).toBe('fail');
    expect(codesOf(result)).toEqual(['ID_LENGTH_INVALID']);
  });
});
