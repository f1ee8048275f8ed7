/**
 * Housing provident fund: whether the person has an account, whether it is still open, and how
 * many of the last twelve months were actually paid in.
 */
import { monthText } from '../profile/calendar.js';
import type {
  CheckInput,
  CheckProblem,
  CheckResult,
  CheckSources,
  SourceRecord,
} from './checks.js';
import { buildProblem, conclude, sourceData, unavailableProblem } from './problems.js';
import {
  evidenceOf,
  fenField,
  monthsText,
  monthWindow,
  recordsAbout,
  recordsByMonth,
  textField,
} from './records.js';
import { resolveThresholds } from './thresholds.js';

const SOURCE_FIELD = 'source:housing_fund';
const LOOK_BACK_MONTHS = 12;

const paidIn = (record: SourceRecord) => (fenField(record, 'paid') ?? 0n) > 0n;

/** A deposit was due (active account, a base) and nothing came: the employer owes it. */
const owed = (record: SourceRecord) =>
  textField(record, 'account_status') === 'active' &&
  (fenField(record, 'deposit_base') ?? 0n) > 0n &&
  fenField(record, 'paid') === 0n;

function accountProblems(latest: readonly SourceRecord[], asOf: string, month: number) {
  const statuses = new Set(latest.map((record) => textField(record, 'account_status')));
  if (statuses.has('active')) return [];
  const params = { asOf, latestMonth: monthText(month) };
  if (statuses.has('closed')) return [buildProblem('HF_ACCOUNT_CLOSED', SOURCE_FIELD, params)];
  if (statuses.has('sealed')) return [buildProblem('HF_ACCOUNT_SEALED', SOURCE_FIELD, params)];
  return [];
}

export function checkHousingFund(
  input: CheckInput,
  sources: CheckSources,
  _today: string,
): CheckResult {
  const data = sourceData(sources.housing_fund);
  if (data.status === 'unavailable') {
    const waiting = unavailableProblem('HF_SOURCE_UNAVAILABLE', 'housing_fund', data);
    return conclude('housing_fund', 'housing_fund', null, [waiting], []);
  }
  const { asOf } = data;
  const byMonth = recordsByMonth(
    recordsAbout(data, 'housing_fund', 'resident_id', input.subjectId),
  );
  const latestMonth = Math.max(...byMonth.keys());
  const latest = byMonth.get(latestMonth);
  if (latest === undefined) {
    const none = buildProblem('HF_NO_ACCOUNT', SOURCE_FIELD, { asOf });
    return conclude('housing_fund', 'housing_fund', asOf, [none], []);
  }
  const window = monthWindow(asOf, LOOK_BACK_MONTHS);
  const paid = window.months.filter((month) => (byMonth.get(month) ?? []).some(paidIn));
  const unpaid = window.months.filter((month) => !paid.includes(month));
  const arrears = unpaid.filter((month) => (byMonth.get(month) ?? []).some(owed));
  const required = resolveThresholds(input).housingFundMonthsIn12;
  const problems: CheckProblem[] = accountProblems(latest, asOf, latestMonth);
  if (paid.length < required) {
    problems.push(
      buildProblem('HF_TOO_FEW_MONTHS', SOURCE_FIELD, {
        asOf,
        paidMonths: paid.length,
        requiredMonths: required,
        fromMonth: window.from,
        toMonth: window.to,
        unpaidMonths: monthsText(unpaid),
      }),
    );
  }
  if (arrears.length > 0) {
    problems.push(buildProblem('HF_ARREARS', SOURCE_FIELD, { asOf, months: monthsText(arrears) }));
  }
  const used = new Set([...window.months, latestMonth]);
  const evidence = evidenceOf(
    [...byMonth].flatMap(([month, list]) => (used.has(month) ? list : [])),
  );
  return conclude('housing_fund', 'housing_fund', asOf, problems, evidence);
}
