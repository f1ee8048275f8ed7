/**
 * Validation of Chinese identifiers: the Unified Social Credit Code of legal persons and other
 * organisations (统一社会信用代码, GB 32100-2015) and the citizen/resident identity number
 * (公民身份号码, GB 11643-1999). Pure functions; the only data are the region tables of
 * `./regions.js`.
 *
 * Every `parse…` function normalises its input first (see {@link normaliseIdentifier}) and returns
 * the normalised text as `value`.
 */
import { isKnownRegion, isKnownUsccRegion } from './regions.js';

/**
 * The canonical form in which identifiers are compared and stored: Unicode NFKC (full-width
 * `１２Ｘ` → `12X`), every whitespace character removed (including the ideographic space), upper
 * case (`x` → `X`).
 */
export function normaliseIdentifier(input: string): string {
  return input.normalize('NFKC').replace(/\s+/gu, '').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Unified Social Credit Code (GB 32100-2015)
// ---------------------------------------------------------------------------------------------

/**
 * Registration authorities (登记管理部门, position 1) and, for each, the entity types (机构类别,
 * position 2) it may register, per table 1 of GB 32100-2015 with its amendments (A, N). Note
 * that 旅游 (6) also registers type 2, 港澳台 tourism offices.
 */
export const USCC_REGISTRATION_AUTHORITIES = {
  '1': {
    name: '机构编制',
    entityTypes: {
      '1': '机关',
      '2': '事业单位',
      '3': '中央编办直接管理机构编制的群众团体',
      '9': '其他',
    },
  },
  '2': { name: '外交', entityTypes: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': {
    name: '司法行政',
    entityTypes: {
      '1': '律师执业机构',
      '2': '公证处',
      '3': '基层法律服务所',
      '4': '司法鉴定机构',
      '5': '仲裁委员会',
      '9': '其他',
    },
  },
  '4': { name: '文化', entityTypes: { '1': '外国在华文化中心', '9': '其他' } },
  '5': {
    name: '民政',
    entityTypes: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' },
  },
  '6': {
    name: '旅游',
    entityTypes: {
      '1': '外国旅游部门常驻代表机构',
      '2': '港澳台地区旅游部门常驻内地（大陆）代表机构',
      '9': '其他',
    },
  },
  '7': { name: '宗教', entityTypes: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', entityTypes: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', entityTypes: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', entityTypes: { '1': '军队事业单位', '9': '其他' } },
  N: {
    name: '农业',
    entityTypes: {
      '1': '组级集体经济组织',
      '2': '村级集体经济组织',
      '3': '乡镇级集体经济组织',
      '9': '其他',
    },
  },
  Y: { name: '其他', entityTypes: { '1': '其他' } },
} as const satisfies Record<
  string,
  { readonly name: string; readonly entityTypes: Readonly<Record<string, string>> }
>;

export type UsccRegistrationAuthority = keyof typeof USCC_REGISTRATION_AUTHORITIES;

export type UsccProblem =
  | 'length'
  | 'charset'
  | 'registration_authority'
  | 'entity_type'
  | 'region'
  | 'organisation_code'
  | 'check_character';

export interface ParsedUscc {
  readonly ok: true;
  /** The normalised 18-character code. */
  readonly value: string;
  /** Position 1; look the name up in {@link USCC_REGISTRATION_AUTHORITIES}. */
  readonly registrationAuthority: UsccRegistrationAuthority;
  /** Position 2, one of the authority's `entityTypes`. */
  readonly entityType: string;
  /** Positions 3–8: GB/T 2260 code of the registration authority, or `100000` (中央). */
  readonly regionCode: string;
  /** Positions 9–17: the GB 11714 organisation code (8 body characters + its check character). */
  readonly organisationCode: string;
}

export interface UsccFailure {
  readonly ok: false;
  readonly problem: UsccProblem;
  /**
   * 1-based position of the offending character (the first bad character for `charset`, the
   * first character of the region, 17 for the organisation code's check character, 18 for the
   * check character); absent for `length`.
   */
  readonly position?: number;
}

export type UsccResult = ParsedUscc | UsccFailure;

/** The 31 characters a USCC may contain (no I, O, Z, S, V); a character's value is its index. */
const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
/** Weights of positions 1–17: 3^i mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
/** GB 11714 weights of the 8 organisation-code body characters. */
const ORGANISATION_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

/**
 * The check character (position 18) of a USCC from its first 17 characters: each character's
 * value is its index in `0123456789ABCDEFGHJKLMNPQRTUWXY`, weighted by 3^i mod 31; the check
 * value is 31 − (sum mod 31), 31 becoming 0. Throws a RangeError unless given exactly 17
 * characters of that alphabet (not normalised).
 */
export function usccCheckCharacter(first17: string): string {
  if (first17.length !== 17) throw new RangeError('usccCheckCharacter expects 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    const value = USCC_ALPHABET.indexOf(first17.charAt(i));
    if (value < 0) throw new RangeError(`usccCheckCharacter: invalid character at ${i + 1}`);
    sum += value * (USCC_WEIGHTS[i] ?? 0);
  }
  return USCC_ALPHABET.charAt((31 - (sum % 31)) % 31);
}

/**
 * The GB 11714 check character of an organisation code from its 8 body characters: digits count
 * as themselves and letters by alphabet position (A = 10 … Z = 35, unlike the USCC check, which
 * skips I, O, S, V, Z); C = 11 − (Σ value × [3,7,9,10,5,8,4,2] mod 11), 10 → `X`, 11 → `0`.
 * Throws a RangeError unless given exactly 8 characters of `0-9A-Z`.
 */
export function organisationCodeCheckCharacter(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) {
    throw new RangeError('organisationCodeCheckCharacter expects 8 characters of 0-9A-Z');
  }
  let sum = 0;
  for (let i = 0; i < 8; i += 1) {
    sum += Number.parseInt(first8.charAt(i), 36) * (ORGANISATION_CODE_WEIGHTS[i] ?? 0);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}

function isRegistrationAuthority(char: string): char is UsccRegistrationAuthority {
  return Object.hasOwn(USCC_REGISTRATION_AUTHORITIES, char);
}

/**
 * Parses an 18-character Unified Social Credit Code (GB 32100-2015). Checks, in this order and
 * reporting the first failure: length, character set, registration authority (position 1),
 * entity type allowed for that authority (position 2), region (positions 3–8, see
 * `isKnownUsccRegion`), the organisation code's own check character (position 17) and the check
 * character (position 18).
 */
export function parseUscc(input: string): UsccResult {
  const value = normaliseIdentifier(input);
  if (value.length !== 18) return { ok: false, problem: 'length' };
  for (let i = 0; i < 18; i += 1) {
    if (!USCC_ALPHABET.includes(value.charAt(i))) {
      return { ok: false, problem: 'charset', position: i + 1 };
    }
  }
  const authority = value.charAt(0);
  if (!isRegistrationAuthority(authority)) {
    return { ok: false, problem: 'registration_authority', position: 1 };
  }
  const entityType = value.charAt(1);
  if (!Object.hasOwn(USCC_REGISTRATION_AUTHORITIES[authority].entityTypes, entityType)) {
    return { ok: false, problem: 'entity_type', position: 2 };
  }
  const regionCode = value.slice(2, 8);
  if (!isKnownUsccRegion(regionCode)) return { ok: false, problem: 'region', position: 3 };
  const organisationCode = value.slice(8, 17);
  if (organisationCodeCheckCharacter(organisationCode.slice(0, 8)) !== organisationCode.charAt(8)) {
    return { ok: false, problem: 'organisation_code', position: 17 };
  }
  if (usccCheckCharacter(value.slice(0, 17)) !== value.charAt(17)) {
    return { ok: false, problem: 'check_character', position: 18 };
  }
  return {
    ok: true,
    value,
    registrationAuthority: authority,
    entityType,
    regionCode,
    organisationCode,
  };
}

// ---------------------------------------------------------------------------------------------
// Resident identity number (GB 11643-1999)
// ---------------------------------------------------------------------------------------------

export type ResidentIdProblem = 'length' | 'charset' | 'region' | 'date' | 'check_character';

export interface ParsedResidentId {
  readonly ok: true;
  /** The normalised 18-character number (a lower-case check `x` becomes `X`). */
  readonly value: string;
  /** Digits 1–6: the GB/T 2260 code of the place of first registration. */
  readonly regionCode: string;
  /** Digits 7–14 as `YYYY-MM-DD`. */
  readonly birthDate: string;
  /** Digit 17: odd for men, even for women. */
  readonly sex: 'male' | 'female';
}

export interface ResidentIdFailure {
  readonly ok: false;
  readonly problem: ResidentIdProblem;
}

export type ResidentIdResult = ParsedResidentId | ResidentIdFailure;

const RESIDENT_ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const RESIDENT_ID_CHECK = '10X98765432';
/** Birth dates are civil dates in China; `today` is read in China Standard Time (UTC+8). */
const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;
const EARLIEST_BIRTH_DATE = '1900-01-01';

/**
 * The check character of a resident identity number from its first 17 digits (ISO 7064
 * MOD 11-2: Σ digit × weight mod 11 indexes `10X98765432`). Throws a RangeError unless given
 * exactly 17 ASCII digits.
 */
export function residentIdCheckDigit(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('residentIdCheckDigit expects 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i += 1) {
    sum += Number(first17.charAt(i)) * (RESIDENT_ID_WEIGHTS[i] ?? 0);
  }
  return RESIDENT_ID_CHECK.charAt(sum % 11);
}

/** `YYYYMMDD` → `YYYY-MM-DD` if it is a real Gregorian date, else `undefined`. */
function calendarDate(yyyymmdd: string): string | undefined {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(year, month - 1, day));
  if (
    date.getUTCFullYear() !== year ||
    date.getUTCMonth() !== month - 1 ||
    date.getUTCDate() !== day
  ) {
    return undefined;
  }
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

/**
 * Parses an 18-character resident identity number (GB 11643-1999). Checks, in this order and
 * reporting the first failure: length (15-digit first-generation numbers are refused as
 * `length`), character set (17 digits then a digit or `X`), region (digits 1–6, current or
 * historical GB/T 2260 code), birth date (a real calendar date from 1900-01-01 up to `today`'s
 * date in China Standard Time) and the check character.
 */
export function parseResidentId(input: string, today: Date = new Date()): ResidentIdResult {
  const value = normaliseIdentifier(input);
  if (value.length !== 18) return { ok: false, problem: 'length' };
  if (!/^\d{17}[\dX]$/.test(value)) return { ok: false, problem: 'charset' };
  const regionCode = value.slice(0, 6);
  if (!isKnownRegion(regionCode)) return { ok: false, problem: 'region' };
  const birthDate = calendarDate(value.slice(6, 14));
  const todayInChina = new Date(today.getTime() + CHINA_STANDARD_TIME_OFFSET_MS)
    .toISOString()
    .slice(0, 10);
  if (birthDate === undefined || birthDate < EARLIEST_BIRTH_DATE || birthDate > todayInChina) {
    return { ok: false, problem: 'date' };
  }
  if (residentIdCheckDigit(value.slice(0, 17)) !== value.charAt(17)) {
    return { ok: false, problem: 'check_character' };
  }
  return {
    ok: true,
    value,
    regionCode,
    birthDate,
    sex: Number(value.charAt(16)) % 2 === 1 ? 'male' : 'female',
  };
}

// ---------------------------------------------------------------------------------------------
// Masking for display and logs
// ---------------------------------------------------------------------------------------------

/**
 * Masks an identity number for display, keeping the first 3 and last 4 characters:
 * `110105199001011234` → `110***********1234`. Inputs of 7 characters or fewer are masked
 * entirely, so nothing short leaks.
 */
export function maskResidentId(value: string): string {
  const chars = Array.from(value);
  if (chars.length <= 7) return '*'.repeat(chars.length);
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 7)}${chars.slice(-4).join('')}`;
}

/**
 * Masks a personal name, keeping its first character (usually the surname) and replacing every
 * other character with `*`: `张三` → `张*`, `欧阳娜娜` → `欧***`. Characters are code points, so a
 * supplementary-plane character counts once; a one-character name is masked entirely.
 */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return '*'.repeat(chars.length);
  return `${chars[0] ?? ''}${'*'.repeat(chars.length - 1)}`;
}
