/**
 * The simulated world behind the provider files: who works where each month, each
 * enterprise's revenue and contribution gaps, persons' credit history, court cases, and the
 * default outcomes. Everything several categories (or the outcomes) share lives here; what
 * only one category shows is simulated by that category's record builder.
 */
import { dayOf, monthOfDay, type Day } from './calendar.js';
import { PROVINCE_ABBREVIATION } from './names.js';
import {
  calibrateIntercept,
  enterpriseDefaultTerm,
  enterpriseSignals,
  personBaseRisk,
  personDefaultTerm,
  personSignals,
  stressAt,
  TARGET_ENTERPRISE_DEFAULT_RATE,
  TARGET_PERSON_DEFAULT_RATE,
} from './default-process.js';
import { sigmoid, type Rng } from './prng.js';
import { monthDay, type Enterprise, type Person, type Window } from './subjects.js';

export interface PersonCredit {
  readonly loansFen: Float64Array;
  readonly overdueFen: Float64Array;
  readonly overdueDays: Int32Array;
  readonly inquiries: Uint8Array;
  readonly openAccounts: Uint8Array;
}

export type CourtRole = 'plaintiff' | 'defendant' | 'executed_person';
export type CaseType = 'civil' | 'commercial' | 'enforcement' | 'dishonest_executed';

export interface CourtCase {
  readonly caseNumber: string;
  readonly caseType: CaseType;
  readonly filedOn: Day;
  readonly closedOn: Day | undefined;
  readonly status: 'open' | 'closed' | 'performed';
  readonly amountFen: number | undefined;
  /** Parties known to the platform (a party outside the demo population is not listed). */
  readonly parties: readonly { readonly subjectId: string; readonly role: CourtRole }[];
}

export interface World {
  readonly window: Window;
  readonly enterprises: readonly Enterprise[];
  readonly persons: readonly Person[];
  /** Per person, per window month: the employer's index, or −1. */
  readonly employment: readonly Int32Array[];
  /** Per person: latent risk. */
  readonly personRisk: Float64Array;
  /** Per enterprise, per window month: taxable revenue in fen (0 when not in business). */
  readonly revenueFen: readonly Float64Array[];
  /** Per enterprise, per window month: contributions unpaid for all staff (1) or not (0). */
  readonly contributionGap: readonly Uint8Array[];
  /** Per person: credit-bureau history, if the person has any. */
  readonly personCredit: readonly (PersonCredit | undefined)[];
  readonly courtCases: readonly CourtCase[];
  readonly enterpriseDefaulted: Uint8Array;
  readonly personDefaulted: Uint8Array;
}

export const isActive = (enterprise: Enterprise, t: number) =>
  t >= enterprise.firstMonth && t <= enterprise.lastMonth;

export function enterpriseStress(enterprise: Enterprise, t: number, window: Window): number {
  return stressAt(enterprise.risk, enterprise.drift, t, window.months);
}

/** Cumulative hiring weights per month, to draw an employer by binary search. */
function hiringTables(enterprises: readonly Enterprise[], window: Window): Float64Array[] {
  const tables: Float64Array[] = [];
  for (let t = 0; t < window.months; t++) {
    const cumulative = new Float64Array(enterprises.length);
    let total = 0;
    for (const enterprise of enterprises) {
      if (isActive(enterprise, t)) {
        const stress = enterpriseStress(enterprise, t, window);
        total += enterprise.staff ** 0.6 * Math.exp(-0.5 * Math.max(0, stress - 1));
      }
      cumulative[enterprise.index] = total;
    }
    tables.push(cumulative);
  }
  return tables;
}

/** An employer, preferring (three draws) one in the person's own province. */
function drawLocalEmployer(
  rng: Rng,
  table: Float64Array | undefined,
  enterprises: readonly Enterprise[],
  province: string,
): number {
  let employer = -1;
  for (let attempt = 0; attempt < 3; attempt++) {
    employer = drawEmployer(rng, table ?? new Float64Array());
    if (enterprises[employer]?.place.province === province) return employer;
  }
  return employer;
}

function drawEmployer(rng: Rng, table: Float64Array): number {
  const total = table[table.length - 1] ?? 0;
  if (total <= 0) return -1;
  const target = rng.next() * total;
  let low = 0;
  let high = table.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if ((table[mid] ?? 0) > target) high = mid;
    else low = mid + 1;
  }
  return low;
}

function simulateEmployment(
  rng: Rng,
  world: Pick<World, 'window' | 'enterprises' | 'persons'>,
): { employment: Int32Array[]; personRisk: Float64Array } {
  const { window, enterprises, persons } = world;
  const tables = hiringTables(enterprises, window);
  const employment: Int32Array[] = [];
  const personRisk = new Float64Array(persons.length);
  for (const person of persons) {
    const r = rng.fork(`employment/${person.index}`);
    const months = new Int32Array(window.months).fill(-1);
    // Most work from the start of the window; the others join later (first job, return).
    const startMonth = r.chance(0.88) ? 0 : r.int(1, window.months - 1);
    const province = person.place.province;
    let employer = drawLocalEmployer(r, tables[startMonth], enterprises, province);
    const first = enterprises[employer];
    const risk = personBaseRisk(r, first?.risk ?? 0.4, person.age);
    personRisk[person.index] = risk;
    let gap = 0;
    for (let t = startMonth; t < window.months; t++) {
      const current = enterprises[employer];
      if (current !== undefined) {
        const forced = !isActive(current, t);
        const leaves =
          forced ||
          r.chance(
            enterpriseSignals.staffLeaving(enterpriseStress(current, t, window)) +
              personSignals.jobChange(risk),
          );
        if (leaves) {
          employer = -1;
          gap = r.chance(personSignals.gapOnChange(risk)) ? personSignals.gapMonths(r, risk) : 0;
        }
      }
      if (employer < 0) {
        if (gap > 0) gap -= 1;
        else employer = drawLocalEmployer(r, tables[t], enterprises, province);
      }
      months[t] = employer;
    }
    employment.push(months);
  }
  return { employment, personRisk };
}

/** Median monthly revenue in yuan by size (a 个体工商户 is smaller still). */
function revenueScale(enterprise: Enterprise): number {
  if (enterprise.individual) return 25_000;
  return enterprise.size === 'micro' ? 90_000 : enterprise.size === 'small' ? 900_000 : 6_000_000;
}

/** Spring Festival dip and year-end peak. */
const SEASON = [0.85, 0.8, 1, 1, 1, 1.02, 0.98, 0.98, 1.02, 1.03, 1.05, 1.2];

function simulateRevenue(rng: Rng, enterprise: Enterprise, window: Window): Float64Array {
  const r = rng.fork(`revenue/${enterprise.index}`);
  const series = new Float64Array(window.months);
  const base = revenueScale(enterprise) * Math.exp(0.6 * r.normal());
  const growth = 0.06 - 0.04 * enterprise.risk + 0.05 * r.normal();
  for (let t = enterprise.firstMonth; t <= enterprise.lastMonth; t++) {
    const stress = enterpriseStress(enterprise, t, window);
    const season = SEASON[(window.start + t) % 12] ?? 1;
    // A new business ramps up over its first months.
    const ramp = Math.min(1, (t - enterprise.firstMonth + 1) / 4);
    const log =
      growth * (t / 12) +
      enterpriseSignals.revenueShift(enterprise.risk, stress) +
      0.15 * r.normal();
    series[t] = Math.round(base * season * ramp * Math.exp(log)) * 100;
  }
  return series;
}

function simulateContributionGaps(rng: Rng, enterprise: Enterprise, window: Window): Uint8Array {
  const r = rng.fork(`contribution-gap/${enterprise.index}`);
  const gaps = new Uint8Array(window.months);
  for (let t = enterprise.firstMonth; t <= enterprise.lastMonth; t++) {
    const p = enterpriseSignals.contributionGap(enterpriseStress(enterprise, t, window));
    const continues = t > 0 && gaps[t - 1] === 1 && r.chance(0.5);
    gaps[t] = continues || r.chance(p) ? 1 : 0;
  }
  return gaps;
}

function simulatePersonCredit(
  rng: Rng,
  person: Person,
  risk: number,
  employment: Int32Array,
  window: Window,
): PersonCredit | undefined {
  const r = rng.fork(`person-credit/${person.index}`);
  const share = person.age >= 25 && person.age <= 55 ? 0.62 : 0.4;
  if (!r.chance(share)) return undefined;
  const months = window.months;
  const credit: PersonCredit = {
    loansFen: new Float64Array(months),
    overdueFen: new Float64Array(months),
    overdueDays: new Int32Array(months),
    inquiries: new Uint8Array(months),
    openAccounts: new Uint8Array(months),
  };
  const mortgage = r.chance(0.45);
  let loans = mortgage ? r.int(300_000, 2_000_000) : r.int(5_000, 200_000);
  let accounts = r.int(1, mortgage ? 4 : 3);
  let spell = 0;
  for (let t = 0; t < months; t++) {
    const unemployed = employment[t] === -1;
    if (spell > 0) {
      spell = r.chance(personSignals.creditOverdueContinue()) ? spell + 1 : 0;
    } else if (r.chance(personSignals.creditOverdueStart(risk, unemployed))) {
      spell = 1;
    }
    loans = Math.max(0, mortgage ? loans * 0.995 : loans * (0.97 + 0.06 * r.next()));
    if (!mortgage && loans < 2_000 && r.chance(0.3)) {
      loans = r.int(5_000, 150_000);
      accounts = Math.min(20, accounts + 1);
    }
    const loanYuan = Math.round(loans);
    credit.loansFen[t] = loanYuan * 100;
    credit.overdueDays[t] = spell === 0 ? 0 : Math.min(3650, spell * 30 - r.int(0, 25));
    credit.overdueFen[t] =
      spell === 0 ? 0 : Math.round(loanYuan * Math.min(1, 0.02 * spell + 0.05 * r.next())) * 100;
    credit.inquiries[t] = Math.min(60, r.poisson(0.4 + 1.5 * sigmoid(risk - 1)));
    credit.openAccounts[t] = accounts;
  }
  return credit;
}

/** Court case numbers use 内 for Inner Mongolia where other documents use 蒙. */
const courtAbbreviation = (province: string) =>
  province === '15' ? '内' : (PROVINCE_ABBREVIATION[province] ?? '');

/** Hands out case numbers `（2024）浙0106民初1234号`, unique per court, year and kind. */
class CaseNumbers {
  private readonly next = new Map<string, number>();

  constructor(private readonly rng: Rng) {}

  take(county: string, filedOn: Day, kind: '民初' | '执'): string {
    const year = new Date(filedOn * 86_400_000).getUTCFullYear();
    const court = `${courtAbbreviation(county.slice(0, 2))}${county.slice(2, 6)}`;
    const key = `${court}/${year}/${kind}`;
    const number = (this.next.get(key) ?? this.rng.int(80, 1500)) + this.rng.int(1, 40);
    this.next.set(key, number);
    return `（${year}）${court}${kind}${number}号`;
  }
}

interface Party {
  readonly subjectId: string;
  readonly county: string;
  /** Stress of the party when the case was filed. */
  readonly stress: (t: number) => number;
}

/**
 * Court cases: a defendant case (a civil or commercial dispute) possibly followed by an
 * enforcement case against the same party, and plaintiff-only cases of enterprises suing
 * outsiders.
 */
function simulateCourtCases(
  rng: Rng,
  world: Pick<World, 'window' | 'enterprises' | 'persons' | 'personRisk'>,
): CourtCase[] {
  const { window, enterprises, persons, personRisk } = world;
  const numbers = new CaseNumbers(rng.fork('case-numbers'));
  const cases: CourtCase[] = [];
  const lookBack = 24;
  const monthDayAt = (r: Rng, t: number) => monthDay(r, window.start + t);

  const litigate = (
    r: Rng,
    defendant: Party,
    t: number,
    monthlyRate: number,
    personal: boolean,
  ) => {
    if (!r.chance(monthlyRate)) return;
    const filedOn = monthDayAt(r, t);
    const stress = defendant.stress(t);
    const amountYuan = Math.round(
      (personal ? 30_000 : 150_000) * Math.exp(r.normal()) + r.int(0, 999),
    );
    // The other side: one of ours now and then (a creditor enterprise), else an outsider.
    const plaintiff =
      r.chance(0.25) && enterprises.length > 1 ? r.pick(enterprises).uscc : undefined;
    const closedOn = filedOn + r.int(40, 400);
    const closed = closedOn < window.asOfDay;
    const parties: { subjectId: string; role: CourtRole }[] = [
      { subjectId: defendant.subjectId, role: 'defendant' },
    ];
    if (plaintiff !== undefined && plaintiff !== defendant.subjectId) {
      parties.push({ subjectId: plaintiff, role: 'plaintiff' });
    }
    cases.push({
      caseNumber: numbers.take(defendant.county, filedOn, '民初'),
      caseType: personal || r.chance(0.35) ? 'civil' : 'commercial',
      filedOn,
      closedOn: closed ? closedOn : undefined,
      status: closed ? 'closed' : 'open',
      amountFen: amountYuan * 100,
      parties,
    });
    if (!closed || !r.chance(enterpriseSignals.enforcementFollows(stress))) return;
    const enforcedOn = closedOn + r.int(20, 120);
    if (enforcedOn >= window.asOfDay) return;
    const dishonest = r.chance(enterpriseSignals.listedDishonest(stress));
    const endsOn = enforcedOn + r.int(60, 500);
    const ended = !dishonest && endsOn < window.asOfDay;
    const executed: { subjectId: string; role: CourtRole }[] = [
      { subjectId: defendant.subjectId, role: 'executed_person' },
    ];
    if (plaintiff !== undefined && plaintiff !== defendant.subjectId) {
      executed.push({ subjectId: plaintiff, role: 'plaintiff' });
    }
    cases.push({
      caseNumber: numbers.take(defendant.county, enforcedOn, '执'),
      caseType: dishonest ? 'dishonest_executed' : 'enforcement',
      filedOn: enforcedOn,
      closedOn: ended ? endsOn : undefined,
      status: ended ? (r.chance(sigmoid(1.5 - stress)) ? 'performed' : 'closed') : 'open',
      amountFen: amountYuan * 100,
      parties: executed,
    });
  };

  for (const enterprise of enterprises) {
    const r = rng.fork(`court/enterprise/${enterprise.index}`);
    const party: Party = {
      subjectId: enterprise.uscc,
      county: enterprise.place.county,
      stress: (t) => enterpriseStress(enterprise, t, window),
    };
    const establishedT = monthOfDay(enterprise.establishedOn) - window.start;
    for (let t = Math.max(-lookBack, establishedT); t <= enterprise.lastMonth; t++) {
      litigate(r, party, t, enterpriseSignals.courtCaseMonthlyRate(party.stress(t)), false);
      // Suing a customer who did not pay: not a risk signal of the enterprise itself.
      if (r.chance(0.002)) {
        const filedOn = monthDayAt(r, t);
        const closedOn = filedOn + r.int(30, 300);
        const closed = closedOn < window.asOfDay;
        cases.push({
          caseNumber: numbers.take(enterprise.place.county, filedOn, '民初'),
          caseType: 'commercial',
          filedOn,
          closedOn: closed ? closedOn : undefined,
          status: closed ? 'closed' : 'open',
          amountFen: Math.round(80_000 * Math.exp(r.normal())) * 100,
          parties: [{ subjectId: enterprise.uscc, role: 'plaintiff' }],
        });
      }
    }
  }
  for (const person of persons) {
    const r = rng.fork(`court/person/${person.index}`);
    const risk = personRisk[person.index] ?? 0;
    const party: Party = {
      subjectId: person.residentId,
      county: person.place.county,
      stress: () => risk,
    };
    for (let t = -lookBack; t < window.months; t++) {
      litigate(r, party, t, personSignals.courtCaseMonthlyRate(risk), true);
    }
  }
  return cases;
}

function drawOutcomes(
  rng: Rng,
  world: Omit<World, 'enterpriseDefaulted' | 'personDefaulted'>,
): { enterpriseDefaulted: Uint8Array; personDefaulted: Uint8Array } {
  const { window, enterprises, persons } = world;
  const r = rng.fork('outcomes');
  const enterpriseTerms = enterprises.map((enterprise) =>
    enterpriseDefaultTerm(enterpriseStress(enterprise, window.months - 1, window)),
  );
  const alpha = calibrateIntercept(enterpriseTerms, TARGET_ENTERPRISE_DEFAULT_RATE);
  const enterpriseDefaulted = Uint8Array.from(enterpriseTerms, (term) =>
    r.chance(sigmoid(alpha + term)) ? 1 : 0,
  );

  const recentFrom = world.window.asOfDay - 730;
  const defendants = new Set<string>();
  for (const courtCase of world.courtCases) {
    if (courtCase.filedOn < recentFrom) continue;
    for (const party of courtCase.parties)
      if (party.role !== 'plaintiff') defendants.add(party.subjectId);
  }
  const personTerms = persons.map((person) => {
    const credit = world.personCredit[person.index];
    let recentOverdue30 = false;
    for (let t = Math.max(0, window.months - 6); t < window.months; t++) {
      if ((credit?.overdueDays[t] ?? 0) >= 30) recentOverdue30 = true;
    }
    return personDefaultTerm(world.personRisk[person.index] ?? 0, {
      unemployedAtAsOf: world.employment[person.index]?.[window.months - 1] === -1,
      recentOverdue30,
      recentCourtCase: defendants.has(person.residentId),
    });
  });
  const personAlpha = calibrateIntercept(personTerms, TARGET_PERSON_DEFAULT_RATE);
  const personDefaulted = Uint8Array.from(personTerms, (term) =>
    r.chance(sigmoid(personAlpha + term)) ? 1 : 0,
  );
  return { enterpriseDefaulted, personDefaulted };
}

/** Simulates the world for the given subjects. */
export function simulateWorld(
  rng: Rng,
  window: Window,
  enterprises: readonly Enterprise[],
  persons: readonly Person[],
): World {
  const { employment, personRisk } = simulateEmployment(rng, { window, enterprises, persons });
  const revenueFen = enterprises.map((enterprise) => simulateRevenue(rng, enterprise, window));
  const contributionGap = enterprises.map((enterprise) =>
    simulateContributionGaps(rng, enterprise, window),
  );
  const personCredit = persons.map((person) =>
    simulatePersonCredit(
      rng,
      person,
      personRisk[person.index] ?? 0,
      employment[person.index] ?? new Int32Array(),
      window,
    ),
  );
  const courtCases = simulateCourtCases(rng, { window, enterprises, persons, personRisk });
  const partial = {
    window,
    enterprises,
    persons,
    employment,
    personRisk,
    revenueFen,
    contributionGap,
    personCredit,
    courtCases,
  };
  return { ...partial, ...drawOutcomes(rng, partial) };
}

/** The first day of window month `t`. */
export function windowMonthStart(window: Window, t: number): Day {
  const month = window.start + t;
  return dayOf(Math.floor(month / 12), (month % 12) + 1, 1);
}
