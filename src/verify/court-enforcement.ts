/**
 * Court enforcement: open enforcement cases against the applicant and listings as a dishonest
 * judgment debtor (失信被执行人), one problem per case so each can be settled or objected to on
 * its own. No court record at all is the ordinary case and passes.
 */
import type {
  CheckInput,
  CheckProblem,
  CheckResult,
  CheckSources,
  SourceRecord,
} from './checks.js';
import { buildProblem, conclude, sourceData, unavailableProblem } from './problems.js';
import { evidenceOf, fenField, recordsAbout, textField } from './records.js';

const SOURCE_FIELD = 'source:judicial';
const LIABLE_ROLES = new Set(['defendant', 'executed_person']);

function caseProblem(record: SourceRecord, asOf: string): CheckProblem | undefined {
  if (textField(record, 'status') !== 'open') return undefined;
  const amount = fenField(record, 'amount');
  const params = {
    asOf,
    caseNumber: textField(record, 'case_number') ?? record.id,
    filedOn: textField(record, 'filed_on') ?? record.period ?? '',
    ...(amount === undefined ? {} : { amountFen: `${amount}` }),
  };
  const caseType = textField(record, 'case_type');
  if (caseType === 'dishonest_executed') {
    return buildProblem('COURT_DISHONEST_LISTED', SOURCE_FIELD, params);
  }
  const liable = LIABLE_ROLES.has(textField(record, 'role') ?? '');
  return caseType === 'enforcement' && liable
    ? buildProblem('COURT_OPEN_ENFORCEMENT', SOURCE_FIELD, params)
    : undefined;
}

export function checkCourtEnforcement(
  input: CheckInput,
  sources: CheckSources,
  _today: string,
): CheckResult {
  const data = sourceData(sources.judicial);
  if (data.status === 'unavailable') {
    const waiting = unavailableProblem('COURT_SOURCE_UNAVAILABLE', 'judicial', data);
    return conclude('court_enforcement', 'judicial', null, [waiting], []);
  }
  const records = recordsAbout(data, 'judicial', 'subject_id', input.subjectId);
  const problems = records.flatMap((record) => caseProblem(record, data.asOf) ?? []);
  return conclude('court_enforcement', 'judicial', data.asOf, problems, evidenceOf(records));
}
