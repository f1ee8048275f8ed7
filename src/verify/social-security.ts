/**
 * Social security: the person's own contribution records. Everything wrong is reported at once:
 * which months of the last N are missing or in arrears, who pays now against who the applicant
 * says employs them, how the contribution base compares with the product minimum and the stated
 * income, and where the contributions are paid.
 */
import { monthText } from '../profile/calendar.js';
import { normaliseIdentifier } from '../registry/identifiers.js';
import type {
  AvailableSource,
  CheckInput,
  CheckProblem,
  CheckResult,
  CheckSources,
  SourceRecord,
} from './checks.js';
import { cityKey, cityName } from './city.js';
import { employerLabel } from './mask.js';
import { buildProblem, conclude, sourceData, unavailableProblem } from './problems.js';
import {
  evidenceOf,
  fenField,
  monthsText,
  monthWindow,
  recordsAbout,
  recordsByMonth,
  textField,
  type MonthWindow,
} from './records.js';
import { resolveThresholds } from './thresholds.js';

const SOURCE_FIELD = 'source:social_security';

interface Contributions {
  readonly asOf: string;
  readonly window: MonthWindow;
  readonly byMonth: ReadonlyMap<number, readonly SourceRecord[]>;
  readonly latestMonth: number;
  readonly latest: readonly SourceRecord[];
}

const statusesOf = (records: readonly SourceRecord[] | undefined) =>
  new Set((records ?? []).map((record) => textField(record, 'status')));

/** Missing months (no record) apart from months recorded but unpaid, which say why. */
function monthProblems({ asOf, window, byMonth }: Contributions): CheckProblem[] {
  const missing: number[] = [];
  const arrears: number[] = [];
  const suspended: number[] = [];
  for (const month of window.months) {
    const records = byMonth.get(month);
    const statuses = statusesOf(records);
    if (records === undefined) missing.push(month);
    else if (statuses.has('paid')) continue;
    else if (statuses.has('arrears')) arrears.push(month);
    else if (statuses.has('suspended')) suspended.push(month);
  }
  const problems: CheckProblem[] = [];
  if (missing.length > 0) {
    problems.push(
      buildProblem('SS_NOT_CONTINUOUS', SOURCE_FIELD, {
        asOf,
        requiredMonths: window.months.length,
        fromMonth: window.from,
        toMonth: window.to,
        missingMonths: monthsText(missing),
      }),
    );
  }
  if (arrears.length > 0) {
    problems.push(buildProblem('SS_ARREARS', SOURCE_FIELD, { asOf, months: monthsText(arrears) }));
  }
  if (suspended.length > 0) {
    const months = monthsText(suspended);
    problems.push(buildProblem('SS_SUSPENDED', SOURCE_FIELD, { asOf, months }));
  }
  return problems;
}

function employerProblems(
  input: CheckInput,
  found: Contributions,
  registrations: CheckSources['business_registration'],
): CheckProblem[] {
  if (input.employerUscc === undefined) return [];
  const stated = normaliseIdentifier(input.employerUscc);
  const current = [
    ...new Set(
      found.latest.flatMap((record) => {
        const uscc = textField(record, 'employer_uscc');
        return uscc === undefined ? [] : [normaliseIdentifier(uscc)];
      }),
    ),
  ];
  if (current.length === 0 || current.includes(stated)) return [];
  return [
    buildProblem('SS_EMPLOYER_MISMATCH', 'statedEmployerUscc', {
      asOf: found.asOf,
      latestMonth: monthText(found.latestMonth),
      statedEmployer: employerLabel(registrations, stated),
      currentEmployer: current.map((uscc) => employerLabel(registrations, uscc)),
    }),
  ];
}

function baseProblems(input: CheckInput, found: Contributions): CheckProblem[] {
  const bases = found.latest.flatMap((record) => fenField(record, 'contribution_base') ?? []);
  if (bases.length === 0) return [];
  // With two employers in one month, the higher base is the one that speaks for the income.
  const base = bases.reduce((a, b) => (b > a ? b : a));
  const params = {
    asOf: found.asOf,
    latestMonth: monthText(found.latestMonth),
    baseFen: `${base}`,
  };
  const problems: CheckProblem[] = [];
  const minimum = input.minimumContributionBaseFen;
  if (minimum !== undefined && base < minimum) {
    problems.push(
      buildProblem('SS_BASE_BELOW_MINIMUM', SOURCE_FIELD, { ...params, minimumFen: `${minimum}` }),
    );
  }
  const income = input.statedMonthlyIncomeFen;
  const percent = resolveThresholds(input).minimumBaseToIncomePercent;
  if (income !== undefined && income > 0n && base * 100n < income * BigInt(percent)) {
    problems.push(
      buildProblem('SS_BASE_BELOW_INCOME', 'statedMonthlyIncomeFen', {
        ...params,
        statedIncomeFen: `${income}`,
        percent,
      }),
    );
  }
  return problems;
}

function cityProblems(input: CheckInput, found: Contributions): CheckProblem[] {
  if (input.cityRegionCode === undefined) return [];
  const inWindow = found.window.months.flatMap((month) => found.byMonth.get(month) ?? []);
  const recent = inWindow.length > 0 ? inWindow : found.latest;
  const cities = recent.flatMap((record) => textField(record, 'city') ?? []);
  const stated = cityKey(input.cityRegionCode);
  if (cities.length === 0 || cities.some((city) => cityKey(city) === stated)) return [];
  return [
    buildProblem('SS_OTHER_CITY', 'statedCity', {
      asOf: found.asOf,
      statedCity: cityName(input.cityRegionCode),
      recordCities: [...new Set(cities.map(cityName))],
    }),
  ];
}

function contributionsOf(
  data: AvailableSource,
  records: readonly SourceRecord[],
  months: number,
): Contributions | undefined {
  const byMonth = recordsByMonth(records);
  const latestMonth = Math.max(...byMonth.keys());
  const latest = byMonth.get(latestMonth);
  if (latest === undefined) return undefined;
  return { asOf: data.asOf, window: monthWindow(data.asOf, months), byMonth, latestMonth, latest };
}

export function checkSocialSecurity(
  input: CheckInput,
  sources: CheckSources,
  _today: string,
): CheckResult {
  const data = sourceData(sources.social_security);
  if (data.status === 'unavailable') {
    const waiting = unavailableProblem('SS_SOURCE_UNAVAILABLE', 'social_security', data);
    return conclude('social_security', 'social_security', null, [waiting], []);
  }
  const records = recordsAbout(data, 'social_security', 'resident_id', input.subjectId);
  const months = resolveThresholds(input).requiredContinuousMonths;
  const found = contributionsOf(data, records, months);
  if (found === undefined) {
    const none = buildProblem('SS_NO_ACCOUNT', SOURCE_FIELD, { asOf: data.asOf });
    return conclude('social_security', 'social_security', data.asOf, [none], []);
  }
  const problems = [
    ...monthProblems(found),
    ...employerProblems(input, found, sources.business_registration),
    ...baseProblems(input, found),
    ...cityProblems(input, found),
  ];
  const used = new Set([...found.window.months, found.latestMonth]);
  const evidence = evidenceOf(
    [...found.byMonth].flatMap(([month, list]) => (used.has(month) ? list : [])),
  );
  return conclude('social_security', 'social_security', data.asOf, problems, evidence);
}
