/**
 * Identity: is the identifier well formed, is the person old enough, and does the platform
 * registry know this identifier under this name. Wrong IDs are the first cause of failed
 * verifications, so a malformed one is explained precisely (which part is wrong) and stops the
 * check: the registry cannot answer for a number that does not exist.
 */
import { wholeYearsBetween } from '../profile/calendar.js';
import {
  maskName,
  normaliseIdentifier,
  parseResidentId,
  parseUscc,
  type ParsedResidentId,
} from '../registry/identifiers.js';
import { normaliseName } from '../registry/registry.js';
import type { CheckInput, CheckProblem, CheckResult, CheckSources } from './checks.js';
import { buildProblem, conclude, sourceData, unavailableProblem } from './problems.js';
import { dateAfterWholeMonths } from './records.js';
import { MAXIMUM_PLAUSIBLE_AGE, resolveThresholds } from './thresholds.js';

const FIELD = 'subjectId';

interface LocalFindings {
  readonly problems: CheckProblem[];
  /** The identifier is not valid, so nothing else can be asked about it. */
  readonly invalid: boolean;
}

/** Noon in China on `today`, so the parser's China-time "today" is that civil date. */
const noonInChina = (today: string) => new Date(`${today}T12:00:00+08:00`);

function ageProblems(parsed: ParsedResidentId, input: CheckInput, today: string): CheckProblem[] {
  const { minimumAge } = resolveThresholds(input);
  const age = wholeYearsBetween(parsed.birthDate, today);
  const params = { birthOn: parsed.birthDate, age };
  if (age > MAXIMUM_PLAUSIBLE_AGE)
    return [buildProblem('ID_BIRTH_DATE_IMPLAUSIBLE', FIELD, params)];
  if (age >= minimumAge) return [];
  const eligibleOn = dateAfterWholeMonths(parsed.birthDate, minimumAge * 12);
  return [buildProblem('ID_UNDER_AGE', FIELD, { ...params, minimumAge, eligibleOn })];
}

function personFindings(input: CheckInput, today: string): LocalFindings {
  const parsed = parseResidentId(input.subjectId, noonInChina(today));
  if (parsed.ok) return { problems: ageProblems(parsed, input, today), invalid: false };
  const value = normaliseIdentifier(input.subjectId);
  const problem = ((): CheckProblem => {
    switch (parsed.problem) {
      case 'length':
        return buildProblem('ID_LENGTH_INVALID', FIELD, { length: Array.from(value).length });
      case 'charset':
        return buildProblem('ID_CHARSET_INVALID', FIELD);
      case 'region':
        return buildProblem('ID_REGION_INVALID', FIELD, { regionCode: value.slice(0, 6) });
      case 'date':
        return buildProblem('ID_BIRTH_DATE_INVALID', FIELD, { birthDigits: value.slice(6, 14) });
      case 'check_character':
        return buildProblem('ID_CHECK_DIGIT_INVALID', FIELD);
    }
  })();
  return { problems: [problem], invalid: true };
}

function enterpriseFindings(input: CheckInput): LocalFindings {
  const parsed = parseUscc(input.subjectId);
  if (parsed.ok) return { problems: [], invalid: false };
  const position = parsed.position ?? 0;
  const problem =
    parsed.problem === 'length'
      ? buildProblem('ID_USCC_LENGTH_INVALID', FIELD, {
          length: Array.from(normaliseIdentifier(input.subjectId)).length,
        })
      : parsed.problem === 'check_character' || parsed.problem === 'organisation_code'
        ? buildProblem('ID_USCC_CHECK_INVALID', FIELD, { position })
        : buildProblem('ID_USCC_CHARACTER_INVALID', FIELD, { position });
  return { problems: [problem], invalid: true };
}

export function checkIdentity(
  input: CheckInput,
  sources: CheckSources,
  today: string,
): CheckResult {
  const person = input.applicantKind === 'person';
  const local = person ? personFindings(input, today) : enterpriseFindings(input);
  if (local.invalid) return conclude('identity', 'registry', null, local.problems, []);
  const registry = sourceData(sources.registry);
  if (registry.status === 'unavailable') {
    const waiting = unavailableProblem('ID_SOURCE_UNAVAILABLE', 'registry', registry);
    return conclude('identity', 'registry', null, [...local.problems, waiting], []);
  }
  const problems = [...local.problems];
  const asOf = registry.asOf;
  if (!registry.registered) {
    problems.push(buildProblem('ID_NOT_REGISTERED', FIELD, { asOf }));
  } else if (
    registry.name !== undefined &&
    normaliseName(registry.name) !== normaliseName(input.name)
  ) {
    // A person's registered name is masked: whoever typed a stranger's ID learns nothing new.
    const registeredName = person ? maskName(registry.name) : registry.name;
    const code = person ? 'ID_NAME_MISMATCH' : 'ID_ENTERPRISE_NAME_MISMATCH';
    problems.push(
      buildProblem(code, 'name', { enteredName: normaliseName(input.name), registeredName, asOf }),
    );
  }
  return conclude('identity', 'registry', asOf, problems, []);
}
