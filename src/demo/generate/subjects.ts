/**
 * The demo subjects: enterprises with valid USCCs and persons with valid resident IDs, placed
 * in real GB/T 2260 regions (most of them around one "home" city, as a city platform would
 * see them), each with the latent risk of the hidden default process.
 */
import { buildResidentId, buildUscc } from '../seed.js';
import type { Industry } from '../../registry/registry.js';
import {
  isCurrentRegion,
  isKnownRegion,
  listCurrentCounties,
  regionName,
} from '../../registry/regions.js';
import { dayOf, monthOfDay, type Day, type Month } from './calendar.js';
import {
  enterpriseBaseRisk,
  enterpriseDrift,
  enterpriseSignals,
  stressAt,
  type EnterpriseSize,
} from './default-process.js';
import { companyName, personName, shopName, surnameOf } from './names.js';
import type { Rng } from './prng.js';

export interface Place {
  /** County-level GB/T 2260 code. */
  readonly county: string;
  readonly countyName: string;
  /** Short city name for company names, e.g. `杭州`. */
  readonly city: string;
  /** Full city name for authorities, e.g. `杭州市`, `延边朝鲜族自治州`. */
  readonly cityFull: string;
  /** A known region code for the city (参保地): the prefecture, or the municipality. */
  readonly cityCode: string;
  /** Two-digit province code. */
  readonly province: string;
}

export type RegistrationStatus = 'active' | 'abnormal' | 'revoked' | 'cancelled';

export interface Enterprise {
  readonly index: number;
  readonly uscc: string;
  readonly name: string;
  readonly industry: Industry;
  readonly size: EnterpriseSize;
  /** 个体工商户 (USCC 9 2). */
  readonly individual: boolean;
  readonly place: Place;
  readonly establishedOn: Day;
  readonly registeredCapitalFen: number | undefined;
  /** Declared headcount at the start of the window. */
  readonly staff: number;
  /** Median monthly salary of its staff, yuan. */
  readonly salaryMedian: number;
  /** Base latent risk `r` and its drift over the window (see default-process.ts). */
  readonly risk: number;
  readonly drift: number;
  /** Window index of the first month it was in business (0 if before the window). */
  readonly firstMonth: number;
  /** Window index of the last month it was in business (months − 1 unless closed). */
  readonly lastMonth: number;
  readonly status: RegistrationStatus;
  readonly abnormalSince: Day | undefined;
  /** Pays into the housing provident fund for its staff. */
  readonly housingFund: boolean;
}

export interface Person {
  readonly index: number;
  readonly residentId: string;
  readonly name: string;
  readonly sex: 'male' | 'female';
  readonly birthOn: Day;
  /** Age in whole years at the as-of month. */
  readonly age: number;
  readonly place: Place;
  /** Multiplies the salary median of an employer. */
  readonly salaryFactor: number;
}

/** The window the data covers: `months` months ending the month before `asOf`. */
export interface Window {
  readonly asOf: Month;
  readonly months: number;
  /** The first month of the window (`asOf − months`). */
  readonly start: Month;
  /** The first day of the as-of month: every generated date is before it. */
  readonly asOfDay: Day;
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
/** Provinces one of which becomes the home of most subjects. */
const HOME_PROVINCES = ['33', '32', '44', '51', '42', '37', '35', '34'];
/** Retired county codes (merged districts) still found in older resident IDs. */
const RETIRED_COUNTIES = ['110103', '110104', '320103', '320107', '330103', '420103', '440103'];

function shortName(name: string): string {
  if (name.endsWith('自治州') || name.endsWith('自治县')) return name.slice(0, 2);
  return name.replace(/(市|地区|盟)$/u, '');
}

function placeOf(county: string): Place {
  const province = county.slice(0, 2);
  const countyName = regionName(county) ?? county;
  if (MUNICIPALITIES.has(province)) {
    const name = regionName(`${province}0000`) ?? countyName;
    const cityCode = `${province}0000`;
    return { county, countyName, city: shortName(name), cityFull: name, cityCode, province };
  }
  const prefecture = `${county.slice(0, 4)}00`;
  const prefectureName = regionName(prefecture);
  if (
    prefectureName !== undefined &&
    isKnownRegion(prefecture) &&
    !/直辖|市辖区|^县$/u.test(prefectureName)
  ) {
    const city = shortName(prefectureName);
    return { county, countyName, city, cityFull: prefectureName, cityCode: prefecture, province };
  }
  const city = shortName(countyName);
  return { county, countyName, city, cityFull: countyName, cityCode: county, province };
}

/** Chooses places: 40 % in the home city, 25 % elsewhere in its province, 35 % anywhere. */
export class PlacePicker {
  private readonly all: readonly string[];
  private readonly province: readonly string[];
  private readonly city: readonly string[];
  private readonly cache = new Map<string, Place>();

  constructor(rng: Rng) {
    // Real counties only: not the `市辖区` placeholders, nor islands and reefs.
    this.all = listCurrentCounties()
      .filter((region) => /[区县市旗]$/u.test(region.name) && region.name !== '市辖区')
      .map((region) => region.code);
    const home = rng.pick(HOME_PROVINCES);
    this.province = this.all.filter((code) => code.startsWith(home));
    const prefectures = new Map<string, string[]>();
    for (const code of this.province) {
      const key = code.slice(0, 4);
      prefectures.set(key, [...(prefectures.get(key) ?? []), code]);
    }
    const candidates = [...prefectures.values()].filter((codes) => codes.length >= 4);
    this.city = candidates.length > 0 ? rng.pick(candidates) : this.province;
  }

  pick(rng: Rng): Place {
    const roll = rng.next();
    const pool = roll < 0.4 ? this.city : roll < 0.65 ? this.province : this.all;
    return this.place(rng.pick(pool.length > 0 ? pool : this.all));
  }

  place(county: string): Place {
    let place = this.cache.get(county);
    if (place === undefined) {
      place = placeOf(county);
      this.cache.set(county, place);
    }
    return place;
  }

  /** A county code no current or historical table knows, for "unknown region" records. */
  static unknownRegionNear(county: string): string {
    for (let suffix = 99; suffix >= 60; suffix--) {
      const code = `${county.slice(0, 4)}${suffix}`;
      if (!isKnownRegion(code)) return code;
    }
    return '990199';
  }
}

const USCC_BODY_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

const COMPANY_INDUSTRIES: readonly (readonly [Industry, number])[] = [
  ['manufacturing', 18],
  ['services', 15],
  ['technology', 10],
  ['trade', 20],
  ['catering', 7],
  ['construction', 10],
  ['agriculture', 6],
  ['logistics', 9],
  ['other', 5],
];
const SHOP_INDUSTRIES: readonly (readonly [Industry, number])[] = [
  ['catering', 35],
  ['trade', 35],
  ['services', 18],
  ['manufacturing', 3],
  ['agriculture', 4],
  ['logistics', 3],
  ['technology', 1],
  ['construction', 1],
];

const SALARY_MEDIAN: Readonly<Record<Industry, number>> = {
  manufacturing: 6500,
  services: 6000,
  technology: 11000,
  trade: 6000,
  catering: 4500,
  construction: 7000,
  agriculture: 4200,
  logistics: 6500,
  other: 6000,
};
const SIZE_SALARY: Readonly<Record<EnterpriseSize, number>> = {
  micro: 0.85,
  small: 1,
  medium: 1.15,
};
const HOUSING_FUND_SHARE: Readonly<Record<EnterpriseSize, number>> = {
  micro: 0.25,
  small: 0.55,
  medium: 0.85,
};

function usccBody(rng: Rng, established: Day, individual: boolean): string {
  const modern = established >= dayOf(2015, 10, 1);
  if (modern) {
    let body = 'MA';
    for (let i = 0; i < 6; i++) body += rng.pick(Array.from(USCC_BODY_ALPHABET));
    return body;
  }
  if (individual) return `L${String(rng.int(0, 9_999_999)).padStart(7, '0')}`;
  return String(rng.int(10_000_000, 99_999_999));
}

function establishedOn(rng: Rng, window: Window): Day {
  const windowStart = dayOf(Math.floor(window.start / 12), (window.start % 12) + 1, 1);
  if (rng.chance(0.18)) return rng.int(windowStart, window.asOfDay - 1);
  return rng.int(Math.min(dayOf(1993, 1, 1), windowStart - 3650), windowStart - 1);
}

function registeredCapital(
  rng: Rng,
  size: EnterpriseSize,
  individual: boolean,
): number | undefined {
  if (individual) return undefined;
  const wan =
    size === 'micro'
      ? rng.pick([10, 30, 50, 100, 100, 200, 300, 500])
      : size === 'small'
        ? rng.pick([100, 200, 300, 500, 500, 800, 1000, 2000])
        : rng.pick([1000, 2000, 3000, 5000, 5000, 8000, 10000, 20000]);
  // 万元 → fen; a few registered odd amounts (e.g. 126.5 万元).
  return (rng.chance(0.1) ? wan + rng.int(1, 99) / 10 : wan) * 1_000_000;
}

/**
 * Builds `count` enterprises with their latent risk, closure and registration status.
 */
export function buildEnterprises(
  rng: Rng,
  count: number,
  window: Window,
  places: PlacePicker,
): Enterprise[] {
  const usccs = new Set<string>();
  const names = new Set<string>();
  const enterprises: Enterprise[] = [];
  for (let index = 0; index < count; index++) {
    const r = rng.fork(`enterprise/${index}`);
    const individual = r.chance(0.12);
    const industry = r.weighted(individual ? SHOP_INDUSTRIES : COMPANY_INDUSTRIES);
    const size: EnterpriseSize = individual
      ? 'micro'
      : r.weighted<EnterpriseSize>([
          ['micro', 55],
          ['small', 33],
          ['medium', 12],
        ]);
    const place = places.pick(r);
    const established = establishedOn(r, window);
    let uscc: string;
    do {
      uscc = buildUscc(
        '9',
        individual ? '2' : '1',
        place.county,
        usccBody(r, established, individual),
      );
    } while (usccs.has(uscc));
    usccs.add(uscc);
    let name: string;
    do {
      name = individual
        ? shopName(r, place.countyName, industry, surnameOf(r))
        : companyName(r, place.city, industry, size);
    } while (names.has(name));
    names.add(name);

    const establishedMonth = monthOfDay(established);
    const ageYears = (window.asOf - establishedMonth) / 12;
    const risk = enterpriseBaseRisk(r, { industry, size, individual, ageYears });
    const drift = enterpriseDrift(r, risk);
    const stressEnd = stressAt(risk, drift, window.months - 1, window.months);
    const firstMonth = Math.max(0, establishedMonth - window.start);

    // Closure: revoked (吊销, the risky) or cancelled (注销, anyone), some months before as-of.
    let status: RegistrationStatus = 'active';
    let lastMonth = window.months - 1;
    let abnormalSince: Day | undefined;
    const closable = window.months - 1 - firstMonth >= 6;
    if (closable && r.chance(enterpriseSignals.revokedInWindow(stressEnd))) {
      status = 'revoked';
      lastMonth = r.int(Math.max(firstMonth + 3, window.months - 12), window.months - 2);
      abnormalSince = monthDay(r, window.start + Math.max(firstMonth, lastMonth - r.int(6, 18)));
    } else if (closable && r.chance(0.008)) {
      status = 'cancelled';
      lastMonth = r.int(firstMonth + 3, window.months - 2);
    } else if (r.chance(enterpriseSignals.abnormalAtAsOf(stressEnd))) {
      status = 'abnormal';
      const since = Math.max(firstMonth, window.months - r.int(1, 18));
      abnormalSince = monthDay(r, window.start + since);
    }
    const staff = individual
      ? r.int(1, 4)
      : size === 'micro'
        ? r.int(2, 9)
        : size === 'small'
          ? r.int(10, 99)
          : r.int(100, 600);
    enterprises.push({
      index,
      uscc,
      name,
      industry,
      size,
      individual,
      place,
      establishedOn: established,
      registeredCapitalFen: registeredCapital(r, size, individual),
      staff,
      salaryMedian: SALARY_MEDIAN[industry] * SIZE_SALARY[size] * Math.exp(0.15 * r.normal()),
      risk,
      drift,
      firstMonth,
      lastMonth,
      status,
      abnormalSince,
      housingFund: r.chance(individual ? 0.02 : HOUSING_FUND_SHARE[size]),
    });
  }
  return enterprises;
}

/** A random day of `month`. */
export function monthDay(rng: Rng, month: Month): Day {
  const first = dayOf(Math.floor(month / 12), (month % 12) + 1, 1);
  const next = dayOf(Math.floor((month + 1) / 12), ((month + 1) % 12) + 1, 1);
  return rng.int(first, next - 1);
}

/** Working age: 24 to 66 at as-of (born 1960–2002 for as-of 2026), most around 40. */
function birthYear(rng: Rng, asOfYear: number): number {
  const year = Math.round(asOfYear - 40 + 9 * rng.normal());
  return Math.min(asOfYear - 24, Math.max(asOfYear - 66, year));
}

/** Builds `count` persons with valid, unique resident IDs. */
export function buildPersons(
  rng: Rng,
  count: number,
  window: Window,
  places: PlacePicker,
): Person[] {
  const retired = RETIRED_COUNTIES.filter((code) => isKnownRegion(code) && !isCurrentRegion(code));
  const ids = new Set<string>();
  const persons: Person[] = [];
  for (let index = 0; index < count; index++) {
    const r = rng.fork(`person/${index}`);
    const sex = r.chance(0.52) ? 'male' : 'female';
    const year = birthYear(r, Math.floor(window.asOf / 12));
    const birthOn = r.int(dayOf(year, 1, 1), dayOf(year, 12, 31));
    const birth = new Date(birthOn * 86_400_000);
    const birthText = birth.toISOString().slice(0, 10).replaceAll('-', '');
    // Born where they live mostly; older people sometimes carry a since-retired county code.
    const place = places.pick(r);
    const origin =
      year < 1990 && retired.length > 0 && r.chance(0.03) ? r.pick(retired) : place.county;
    let residentId: string;
    do {
      const sequence =
        r.int(0, 99) * 10 + (sex === 'male' ? r.pick([1, 3, 5, 7, 9]) : r.pick([0, 2, 4, 6, 8]));
      residentId = buildResidentId(origin, birthText, String(sequence).padStart(3, '0'));
    } while (ids.has(residentId));
    ids.add(residentId);
    const asOfYear = Math.floor(window.asOf / 12);
    persons.push({
      index,
      residentId,
      name: personName(r, sex),
      sex,
      birthOn,
      age: asOfYear - year,
      place,
      salaryFactor: Math.exp(0.3 * r.normal()),
    });
  }
  return persons;
}
