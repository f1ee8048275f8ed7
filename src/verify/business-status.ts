/**
 * Business status: is the enterprise (the applicant, or a person's stated employer) registered,
 * still operating, off the list of abnormal operations, and old enough for the product.
 */
import { isDate, wholeMonthsBetween } from '../profile/calendar.js';
import { normaliseIdentifier, parseUscc } from '../registry/identifiers.js';
import type {
  CheckInput,
  CheckProblem,
  CheckResult,
  CheckSources,
  SourceRecord,
} from './checks.js';
import { buildProblem, conclude, sourceData, unavailableProblem } from './problems.js';
import { dateAfterWholeMonths, recordsAbout, textField } from './records.js';
import { resolveThresholds } from './thresholds.js';

const SOURCE_FIELD = 'source:business_registration';

function statusProblems(record: SourceRecord, asOf: string, uscc: string): CheckProblem[] {
  const params = { asOf, uscc, name: textField(record, 'name') ?? uscc };
  const status = textField(record, 'status');
  if (status === 'revoked') return [buildProblem('BIZ_REVOKED', SOURCE_FIELD, params)];
  if (status === 'cancelled') return [buildProblem('BIZ_CANCELLED', SOURCE_FIELD, params)];
  if (status !== 'abnormal') return [];
  const since = textField(record, 'abnormal_since');
  const abnormal = since === undefined ? params : { ...params, abnormalSinceOn: since };
  return [buildProblem('BIZ_ABNORMAL', SOURCE_FIELD, abnormal)];
}

function ageProblems(
  record: SourceRecord,
  input: CheckInput,
  today: string,
  uscc: string,
): CheckProblem[] {
  const establishedOn = textField(record, 'established_on');
  const minimumMonths = resolveThresholds(input).minimumBusinessAgeMonths;
  if (establishedOn === undefined || !isDate(establishedOn) || minimumMonths === 0) return [];
  const ageMonths = Math.max(0, wholeMonthsBetween(establishedOn, today));
  if (ageMonths >= minimumMonths) return [];
  return [
    buildProblem('BIZ_TOO_YOUNG', SOURCE_FIELD, {
      name: textField(record, 'name') ?? uscc,
      establishedOn,
      ageMonths,
      minimumMonths,
      eligibleOn: dateAfterWholeMonths(establishedOn, minimumMonths),
    }),
  ];
}

export function checkBusinessStatus(
  input: CheckInput,
  sources: CheckSources,
  today: string,
): CheckResult {
  const field = input.applicantKind === 'enterprise' ? 'subjectId' : 'statedEmployerUscc';
  const typed = input.applicantKind === 'enterprise' ? input.subjectId : input.employerUscc;
  const alone = (problem: CheckProblem) =>
    conclude('business_status', 'business_registration', null, [problem], []);
  if (typed === undefined || typed.trim() === '') {
    return alone(buildProblem('BIZ_NO_EMPLOYER_STATED', field));
  }
  const uscc = normaliseIdentifier(typed);
  if (!parseUscc(uscc).ok) return alone(buildProblem('BIZ_USCC_INVALID', field, { uscc }));
  const data = sourceData(sources.business_registration);
  if (data.status === 'unavailable') {
    return alone(unavailableProblem('BIZ_SOURCE_UNAVAILABLE', 'business_registration', data));
  }
  const [record] = recordsAbout(data, 'business_registration', 'uscc', uscc);
  if (record === undefined) {
    const unknown = buildProblem('BIZ_NOT_REGISTERED', field, { asOf: data.asOf, uscc });
    return conclude('business_status', 'business_registration', data.asOf, [unknown], []);
  }
  const problems = [
    ...statusProblems(record, data.asOf, uscc),
    ...ageProblems(record, input, today, uscc),
  ];
  return conclude('business_status', 'business_registration', data.asOf, problems, [record.id]);
}
