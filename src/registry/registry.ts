import type { Selectable } from 'kysely';
import type { Principal } from '../platform/auth/roles.js';
import { invalidField } from '../platform/errors.js';
import {
  maskName,
  maskResidentId,
  parseResidentId,
  parseUscc,
  type ParsedResidentId,
  type ParsedUscc,
  type ResidentIdProblem,
  type UsccProblem,
} from './identifiers.js';
import { regionName } from './regions.js';
import type { EnterprisesTable } from './registry.table.js';

export const INDUSTRIES = [
  'manufacturing',
  'services',
  'technology',
  'trade',
  'catering',
  'construction',
  'agriculture',
  'logistics',
  'other',
] as const;
export type Industry = (typeof INDUSTRIES)[number];

export interface Enterprise {
  readonly id: string;
  readonly uscc: string;
  readonly name: string;
  readonly registrationAuthority: string;
  readonly entityType: string;
  readonly regionCode: string;
  readonly regionName: string | null;
  readonly industry: string | null;
  readonly createdAt: Date;
}

/** A person as shown to one caller: identifying fields masked to the caller's level. */
export interface PersonView {
  readonly id: string;
  readonly idNumber: string;
  readonly name: string;
  readonly phone: string | null;
  readonly masking: MaskLevel;
  readonly createdAt: Date;
}

export interface PersonPlain {
  readonly id: string;
  readonly idNumber: string;
  readonly name: string;
  readonly phone: string | null;
  readonly createdAt: Date;
}

export function toEnterprise(row: Selectable<EnterprisesTable>): Enterprise {
  return {
    id: row.id,
    uscc: row.uscc,
    name: row.name,
    registrationAuthority: row.registration_authority,
    entityType: row.entity_type,
    regionCode: row.region_code,
    regionName: regionName(row.region_code) ?? null,
    industry: row.industry,
    createdAt: row.created_at,
  };
}

/** The message code naming each wrong part of a USCC. */
export const USCC_CODES: Readonly<Record<UsccProblem, string>> = {
  length: 'USCC_LENGTH',
  charset: 'USCC_CHARSET',
  registration_authority: 'USCC_REGISTRATION_AUTHORITY',
  entity_type: 'USCC_ENTITY_TYPE',
  region: 'USCC_REGION',
  organisation_code: 'USCC_ORGANISATION_CODE',
  check_character: 'USCC_CHECK_CHARACTER',
};

/** The message code naming each wrong part of a resident ID. */
export const RESIDENT_ID_CODES: Readonly<Record<ResidentIdProblem, string>> = {
  length: 'RESIDENT_ID_LENGTH',
  charset: 'RESIDENT_ID_CHARSET',
  region: 'RESIDENT_ID_REGION',
  date: 'RESIDENT_ID_DATE',
  check_character: 'RESIDENT_ID_CHECK_CHARACTER',
};

/** A valid USCC, or a VALIDATION_FAILED error whose field code names the wrong part. */
export function requireUscc(input: string, path = 'uscc'): ParsedUscc {
  const parsed = parseUscc(input);
  if (!parsed.ok) throw invalidField(path, USCC_CODES[parsed.problem]);
  return parsed;
}

export function requireResidentId(input: string, today: Date, path = 'idNumber'): ParsedResidentId {
  const parsed = parseResidentId(input, today);
  if (!parsed.ok) throw invalidField(path, RESIDENT_ID_CODES[parsed.problem]);
  return parsed;
}

/** Names are compared after Unicode normalisation and trimming; inner spaces count. */
export const normaliseName = (name: string) => name.normalize('NFKC').trim();

/**
 * How much of a person a caller sees: the person themself everything; operators and lenders
 * (with consent) a partial mask; the regulator, who supervises aggregates, a strong mask.
 */
export type MaskLevel = 'none' | 'partial' | 'strong';

export function maskLevelFor(principal: Principal, personId: string): MaskLevel {
  if (principal.subject?.kind === 'person' && principal.subject.id === personId) return 'none';
  return principal.role === 'regulator' ? 'strong' : 'partial';
}

export function maskPhone(phone: string): string {
  return phone.length >= 7
    ? `${phone.slice(0, 3)}****${phone.slice(-4)}`
    : '*'.repeat(phone.length);
}

export function maskPerson(person: PersonPlain, level: MaskLevel): PersonView {
  switch (level) {
    case 'none':
      return { ...person, masking: level };
    case 'partial':
      return {
        ...person,
        idNumber: maskResidentId(person.idNumber),
        name: maskName(person.name),
        phone: person.phone === null ? null : maskPhone(person.phone),
        masking: level,
      };
    case 'strong':
      return {
        ...person,
        idNumber: `${person.idNumber.slice(0, 2)}${'*'.repeat(16)}`,
        name: '*'.repeat([...person.name].length),
        phone: person.phone === null ? null : '*'.repeat(person.phone.length),
        masking: level,
      };
  }
}
