/**
 * Canonical records of the categories that describe states and events rather than months:
 * business registration, court cases, administrative decisions, property titles and
 * procurement contracts.
 */
import { dayOf, isoDate, type Day } from './calendar.js';
import { PROVINCE_ABBREVIATION } from './names.js';
import { enterpriseSignals } from './default-process.js';
import type { Rng } from './prng.js';
import { sortByText, type CanonicalRecord } from './records-monthly.js';
import { monthDay, type Enterprise, type Place } from './subjects.js';
import { enterpriseStress, type World } from './world.js';

export function businessRegistrationRecords(world: World): CanonicalRecord[] {
  return world.enterprises.map((enterprise) => ({
    uscc: enterprise.uscc,
    name: enterprise.name,
    status: enterprise.status,
    established_on: isoDate(enterprise.establishedOn),
    registered_capital: enterprise.registeredCapitalFen,
    industry: enterprise.industry,
    region: enterprise.place.county,
    abnormal_since:
      enterprise.abnormalSince === undefined ? undefined : isoDate(enterprise.abnormalSince),
  }));
}

export function judicialRecords(world: World, rng: Rng): CanonicalRecord[] {
  const r = rng.fork('judicial');
  const records: CanonicalRecord[] = [];
  for (const courtCase of world.courtCases) {
    const amount = r.chance(0.1) ? undefined : courtCase.amountFen;
    for (const party of courtCase.parties) {
      records.push({
        case_number: courtCase.caseNumber,
        subject_id: party.subjectId,
        role: party.role,
        case_type: courtCase.caseType,
        filed_on: isoDate(courtCase.filedOn),
        closed_on: courtCase.closedOn === undefined ? undefined : isoDate(courtCase.closedOn),
        amount,
        status: courtCase.status,
      });
    }
  }
  return sortByText(records, 'filed_on');
}

/** Hands out unique document numbers `杭市监罚〔2024〕123号`. */
class DocumentNumbers {
  private readonly next = new Map<string, number>();

  constructor(private readonly rng: Rng) {}

  take(prefix: string, day: Day): string {
    const year = new Date(day * 86_400_000).getUTCFullYear();
    const key = `${prefix}/${year}`;
    const number = (this.next.get(key) ?? this.rng.int(1, 300)) + this.rng.int(1, 12);
    this.next.set(key, number);
    return `${prefix}〔${year}〕${number}号`;
  }
}

const PENALTY_AUTHORITIES: readonly { readonly body: string; readonly abbreviation: string }[] = [
  { body: '市场监督管理局', abbreviation: '市监罚' },
  { body: '生态环境局', abbreviation: '环罚' },
  { body: '应急管理局', abbreviation: '应急罚' },
  { body: '城市管理局', abbreviation: '城管罚' },
  { body: '消防救援支队', abbreviation: '消行罚' },
];

function authorityName(place: Place, body: string): string {
  return body === '税务局' ? `国家税务总局${place.cityFull}税务局` : `${place.cityFull}${body}`;
}

export function administrativeRecords(world: World, rng: Rng): CanonicalRecord[] {
  const numbers = new DocumentNumbers(rng.fork('decision-numbers'));
  const records: CanonicalRecord[] = [];
  for (const enterprise of world.enterprises) {
    const r = rng.fork(`administrative/${enterprise.index}`);
    for (let t = enterprise.firstMonth; t <= enterprise.lastMonth; t++) {
      const stress = enterpriseStress(enterprise, t, world.window);
      if (r.chance(enterpriseSignals.penaltyMonthlyRate(stress))) {
        const decidedOn = monthDay(r, world.window.start + t);
        const authority = r.chance(0.15)
          ? { body: '税务局', abbreviation: '税罚' }
          : r.pick(PENALTY_AUTHORITIES);
        const severity = r.chance(enterpriseSignals.seriousPenalty(stress))
          ? 'serious'
          : r.chance(0.45)
            ? 'general'
            : 'minor';
        const yuan =
          severity === 'minor'
            ? r.int(5, 50) * 100
            : severity === 'general'
              ? r.int(50, 500) * 100
              : r.int(500, 5000) * 100;
        records.push({
          decision_number: numbers.take(
            `${enterprise.place.city}${authority.abbreviation}`,
            decidedOn,
          ),
          uscc: enterprise.uscc,
          kind: 'penalty',
          decided_on: isoDate(decidedOn),
          authority: authorityName(enterprise.place, authority.body),
          // A warning (警告) comes without a fine.
          amount: severity === 'minor' && r.chance(0.2) ? undefined : yuan * 100,
          severity,
        });
      }
      if (
        !enterprise.individual &&
        r.chance(enterpriseSignals.commendationMonthlyRate(enterprise.risk))
      ) {
        const decidedOn = monthDay(r, world.window.start + t);
        records.push({
          decision_number: numbers.take(`${enterprise.place.city}政表`, decidedOn),
          uscc: enterprise.uscc,
          kind: 'commendation',
          decided_on: isoDate(decidedOn),
          authority: `${enterprise.place.cityFull}人民政府`,
          amount: undefined,
          severity: undefined,
        });
      }
    }
  }
  return sortByText(records, 'decided_on');
}

/** Residential price per m² in yuan, by province (rough tiers). */
function residentialPrice(province: string): number {
  if (province === '11' || province === '31') return 60_000;
  if (['44', '33', '32'].includes(province)) return 25_000;
  if (['35', '12', '42', '51', '50', '37', '34'].includes(province)) return 14_000;
  return 9_000;
}

const PROPERTY_AREA: Readonly<Record<string, readonly [number, number]>> = {
  residential: [45, 180],
  commercial: [40, 1500],
  industrial: [500, 20_000],
  land: [1000, 60_000],
};
const PRICE_FACTOR: Readonly<Record<string, number>> = {
  residential: 1,
  commercial: 1.2,
  industrial: 0.12,
  land: 0.06,
};

/** Hands out certificate numbers `浙（2019）杭州市不动产权第0123456号`. */
class CertificateNumbers {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  take(place: Place, day: Day): string {
    const year = new Date(day * 86_400_000).getUTCFullYear();
    const abbreviation = PROVINCE_ABBREVIATION[place.province] ?? '';
    for (;;) {
      const number = String(this.rng.int(1, 9_999_999)).padStart(7, '0');
      const text = `${abbreviation}（${year}）${place.cityFull}不动产权第${number}号`;
      if (!this.used.has(text)) {
        this.used.add(text);
        return text;
      }
    }
  }
}

interface Title {
  readonly subjectId: string;
  readonly place: Place;
  readonly type: string;
  readonly from: Day;
  readonly mortgaged: (registeredOn: Day) => boolean;
}

function propertyRecord(r: Rng, title: Title, world: World, numbers: CertificateNumbers) {
  const [low, high] = PROPERTY_AREA[title.type] ?? [50, 100];
  const area = r.int(low * 100, high * 100);
  const registeredOn = r.int(
    Math.min(title.from, world.window.asOfDay - 30),
    world.window.asOfDay - 1,
  );
  const price = residentialPrice(title.place.province) * (PRICE_FACTOR[title.type] ?? 1);
  // Assessed in units of 0.01 万元 (100 yuan), as the registry writes it.
  const assessed = Math.round(((area / 100) * price * r.uniform(0.8, 1.2)) / 100) * 10_000;
  return {
    certificate_number: numbers.take(title.place, registeredOn),
    subject_id: title.subjectId,
    property_type: title.type,
    area_m2: `${Math.floor(area / 100)}.${String(area % 100).padStart(2, '0')}`,
    assessed_value: r.chance(0.1) ? undefined : assessed,
    mortgaged: title.mortgaged(registeredOn),
    registered_on: isoDate(registeredOn),
  };
}

export function propertyRecords(world: World, rng: Rng): CanonicalRecord[] {
  const numbers = new CertificateNumbers(rng.fork('certificates'));
  const earliest = dayOf(2000, 1, 1);
  const records: CanonicalRecord[] = [];
  for (const enterprise of world.enterprises) {
    const r = rng.fork(`property/enterprise/${enterprise.index}`);
    const owner = ['manufacturing', 'logistics', 'agriculture'].includes(enterprise.industry)
      ? 0.45
      : 0.15;
    if (!r.chance(enterprise.individual ? 0.05 : owner)) continue;
    const titles = 1 + r.poisson(0.5);
    for (let i = 0; i < titles; i++) {
      records.push(
        propertyRecord(
          r,
          {
            subjectId: enterprise.uscc,
            place: enterprise.place,
            type: enterpriseTitleType(r, enterprise),
            from: Math.max(earliest, enterprise.establishedOn),
            mortgaged: () => r.chance(enterpriseSignals.mortgaged(enterprise.risk)),
          },
          world,
          numbers,
        ),
      );
    }
  }
  for (const person of world.persons) {
    const r = rng.fork(`property/person/${person.index}`);
    const titles = r.chance(0.5) ? (r.chance(0.2) ? 2 : 1) : 0;
    for (let i = 0; i < titles; i++) {
      records.push(
        propertyRecord(
          r,
          {
            subjectId: person.residentId,
            place: person.place,
            type: 'residential',
            from: Math.max(earliest, person.birthOn + 22 * 365),
            mortgaged: (on) => on > world.window.asOfDay - 15 * 365 && r.chance(0.6),
          },
          world,
          numbers,
        ),
      );
    }
  }
  return sortByText(records, 'registered_on');
}

function enterpriseTitleType(r: Rng, enterprise: Enterprise): string {
  switch (enterprise.industry) {
    case 'manufacturing':
    case 'logistics':
      return r.chance(0.7) ? 'industrial' : 'land';
    case 'agriculture':
      return r.chance(0.8) ? 'land' : 'industrial';
    case 'services':
    case 'technology':
    case 'trade':
    case 'catering':
    case 'construction':
    case 'other':
      return 'commercial';
  }
}

const PROCUREMENT_SHARE: Readonly<Record<string, number>> = {
  construction: 0.3,
  technology: 0.2,
  services: 0.15,
};
const BUYERS = [
  '教育局',
  '卫生健康委员会',
  '交通运输局',
  '住房和城乡建设局',
  '第一人民医院',
  '第二中学',
  '城市管理局',
  '公安局',
  '机关事务管理局',
  '水利局',
];

export function procurementRecords(world: World, rng: Rng): CanonicalRecord[] {
  const records: CanonicalRecord[] = [];
  let sequence = rng.fork('contract-numbers').int(100, 900);
  for (const enterprise of world.enterprises) {
    const r = rng.fork(`procurement/${enterprise.index}`);
    if (enterprise.individual) continue;
    const share =
      (PROCUREMENT_SHARE[enterprise.industry] ?? 0.04) *
      enterpriseSignals.procurementWeight(enterprise.risk);
    if (!r.chance(Math.min(0.9, share))) continue;
    const contracts = 1 + r.poisson(1);
    for (let i = 0; i < contracts; i++) {
      const t = r.int(enterprise.firstMonth, enterprise.lastMonth);
      const awardedOn = monthDay(r, world.window.start + t);
      const year = new Date(awardedOn * 86_400_000).getUTCFullYear();
      const duration = r.int(90, 540);
      const age = world.window.asOfDay - awardedOn;
      const status =
        age < 45
          ? 'awarded'
          : r.chance(enterpriseSignals.contractTerminated(enterprise.risk))
            ? 'terminated'
            : age > duration
              ? 'completed'
              : 'performing';
      sequence += r.int(1, 9);
      records.push({
        contract_number: `${enterprise.place.county}-${year}-CG-${String(sequence).padStart(5, '0')}`,
        uscc: enterprise.uscc,
        awarded_on: isoDate(awardedOn),
        amount: Math.round(400_000 * Math.exp(r.normal())) * 100,
        buyer: `${enterprise.place.cityFull}${r.pick(BUYERS)}`,
        status,
      });
    }
  }
  return sortByText(records, 'awarded_on');
}
