import { randomUUID } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import { recordAudit } from '../ledger/ledger.service.js';
import { insertNewUser, subjectHasUser } from '../platform/auth/accounts.service.js';
import type { User } from '../platform/auth/accounts.js';
import { requireRole, requireUser } from '../platform/auth/guards.js';
import { LENDER_ROLES, type Principal, type SubjectKind } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Db, Tx } from '../platform/db.js';
import { isUniqueViolation } from '../platform/db-errors.js';
import { DomainError, invalidField, notFound } from '../platform/errors.js';
import { useConsent, type ConsentPurpose } from './consent.service.js';
import { parseUscc } from './identifiers.js';
import * as repo from './registry.repository.js';
import {
  maskLevelFor,
  maskPerson,
  normaliseName,
  requireResidentId,
  requireUscc,
  toEnterprise,
  type Enterprise,
  type Industry,
  type PersonPlain,
  type PersonView,
} from './registry.js';

const ID_NUMBER = 'persons.id_number';
const NAME = 'persons.name';
const PHONE = 'persons.phone';

export interface NewEnterprise {
  readonly uscc: string;
  readonly name: string;
  readonly industry?: Industry | null | undefined;
}

async function insertEnterprise(tx: Db | Tx, input: NewEnterprise): Promise<Enterprise> {
  const parsed = requireUscc(input.uscc);
  if (await repo.findEnterpriseByUscc(tx, parsed.value)) throw new DomainError('ENTERPRISE_EXISTS');
  try {
    const row = await repo.insertEnterprise(tx, {
      id: randomUUID(),
      uscc: parsed.value,
      name: normaliseName(input.name),
      registration_authority: parsed.registrationAuthority,
      entity_type: parsed.entityType,
      region_code: parsed.regionCode,
      industry: input.industry ?? null,
    });
    return toEnterprise(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('ENTERPRISE_EXISTS');
    throw error;
  }
}

/** Registers an enterprise by USCC (operator). */
export async function createEnterprise(
  ctx: AppContext,
  principal: Principal | null,
  input: NewEnterprise,
): Promise<Enterprise> {
  const actor = requireUser(principal, 'operator');
  return ctx.db.transaction().execute(async (tx) => {
    const enterprise = await insertEnterprise(tx, input);
    await recordAudit(tx, {
      actor,
      action: 'enterprise.created',
      subject: { kind: 'enterprise', id: enterprise.id },
      detail: { uscc: enterprise.uscc },
    });
    return enterprise;
  });
}

/** Enterprise registration data is public (as in the national publicity system). */
export async function getEnterprise(ctx: AppContext, principal: Principal | null, uscc: string) {
  requireRole(principal);
  const parsed = requireUscc(uscc, 'params.uscc');
  const row = await repo.findEnterpriseByUscc(ctx.db, parsed.value);
  if (!row) throw notFound('enterprise');
  return toEnterprise(row);
}

export async function listEnterprises(
  ctx: AppContext,
  principal: Principal | null,
  filter: repo.EnterpriseFilter,
): Promise<Enterprise[]> {
  requireRole(principal);
  return (await repo.listEnterprises(ctx.db, filter)).map(toEnterprise);
}

export interface NewPerson {
  readonly idNumber: string;
  readonly name: string;
  readonly phone?: string | null | undefined;
}

async function insertPerson(ctx: AppContext, tx: Db | Tx, input: NewPerson): Promise<PersonPlain> {
  const parsed = requireResidentId(input.idNumber, ctx.now());
  const indexes = ctx.crypto.blindIndexCandidates(parsed.value, ID_NUMBER);
  if (await repo.findPersonByIndex(tx, indexes)) throw new DomainError('PERSON_EXISTS');
  const name = normaliseName(input.name);
  const phone = input.phone ?? null;
  try {
    const row = await repo.insertPerson(tx, {
      id: randomUUID(),
      id_number_index: ctx.crypto.blindIndex(parsed.value, ID_NUMBER),
      id_number_encrypted: ctx.crypto.encrypt(parsed.value, ID_NUMBER),
      name_encrypted: ctx.crypto.encrypt(name, NAME),
      phone_encrypted: phone === null ? null : ctx.crypto.encrypt(phone, PHONE),
    });
    return { id: row.id, idNumber: parsed.value, name, phone, createdAt: row.created_at };
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('PERSON_EXISTS');
    throw error;
  }
}

function decryptPerson(
  ctx: AppContext,
  row: NonNullable<Awaited<ReturnType<typeof repo.findPersonById>>>,
): PersonPlain {
  return {
    id: row.id,
    idNumber: ctx.crypto.decrypt(row.id_number_encrypted, ID_NUMBER),
    name: ctx.crypto.decrypt(row.name_encrypted, NAME),
    phone: row.phone_encrypted === null ? null : ctx.crypto.decrypt(row.phone_encrypted, PHONE),
    createdAt: row.created_at,
  };
}

/** Registers a person by resident ID (operator); the answer is masked like any read. */
export async function createPerson(
  ctx: AppContext,
  principal: Principal | null,
  input: NewPerson,
): Promise<PersonView> {
  const actor = requireUser(principal, 'operator');
  return ctx.db.transaction().execute(async (tx) => {
    const person = await insertPerson(ctx, tx, input);
    await recordAudit(tx, {
      actor,
      action: 'person.created',
      subject: { kind: 'person', id: person.id },
    });
    return maskPerson(person, maskLevelFor(actor, person.id));
  });
}

/**
 * Reads a person, authorised and audited: the person themself; operators; the regulator;
 * lenders only under an active consent to their bank covering `identity` for the purpose.
 * Anyone else is told the person does not exist.
 */
export async function readPerson(
  ctx: AppContext,
  principal: Principal | null,
  id: string,
  purpose: ConsentPurpose,
): Promise<PersonView> {
  const actor = requireRole(principal);
  const self = actor.subject?.kind === 'person' && actor.subject.id === id;
  const privileged = actor.role === 'operator' || actor.role === 'regulator';
  const lender = LENDER_ROLES.includes(actor.role);
  try {
    if (!self && !privileged && !lender) throw notFound('person');
    return await readPersonAudited(ctx, actor, id, purpose, lender && !self);
  } catch (error) {
    // A refused attempt on personal data is as much a part of the trail as a read.
    if (error instanceof DomainError) {
      await recordAudit(ctx.db, {
        actor,
        action: 'person.read_refused',
        subject: { kind: 'person', id },
        detail: { reason: error.code, purpose },
      });
    }
    throw error;
  }
}

async function readPersonAudited(
  ctx: AppContext,
  actor: Principal,
  id: string,
  purpose: ConsentPurpose,
  needsConsent: boolean,
): Promise<PersonView> {
  return ctx.db.transaction().execute(async (tx) => {
    const row = await repo.findPersonById(tx, id);
    if (!row) throw notFound('person');
    let consentId: string | null = null;
    if (needsConsent) {
      consentId = await useConsent(tx, ctx.now(), {
        actor,
        subject: { kind: 'person', id },
        organisationId: lenderOrganisation(actor),
        category: 'identity',
        purpose,
      });
    }
    const level = maskLevelFor(actor, id);
    await recordAudit(tx, {
      actor,
      action: 'person.read',
      subject: { kind: 'person', id },
      detail: { masking: level, ...(consentId ? { consentId, purpose } : {}) },
    });
    return maskPerson(decryptPerson(ctx, row), level);
  });
}

function lenderOrganisation(actor: Principal): string {
  if (!actor.organisationId) throw new DomainError('FORBIDDEN');
  return actor.organisationId;
}

/** Finds a person by resident ID through the blind index (operator). */
export async function lookupPerson(
  ctx: AppContext,
  principal: Principal | null,
  idNumber: string,
): Promise<PersonView> {
  const actor = requireUser(principal, 'operator');
  const parsed = requireResidentId(idNumber, ctx.now());
  const row = await repo.findPersonByIndex(
    ctx.db,
    ctx.crypto.blindIndexCandidates(parsed.value, ID_NUMBER),
  );
  if (!row) throw notFound('person');
  const level = maskLevelFor(actor, row.id);
  await recordAudit(ctx.db, {
    actor,
    action: 'person.read',
    subject: { kind: 'person', id: row.id },
    detail: { masking: level, via: 'lookup' },
  });
  return maskPerson(decryptPerson(ctx, row), level);
}

export type BorrowerRegistration = {
  readonly login: string;
  readonly password: string;
  readonly displayName?: string | undefined;
  readonly name: string;
  readonly phone?: string | undefined;
} & (
  | {
      readonly subjectKind: 'enterprise';
      readonly uscc?: string | undefined;
      readonly industry?: Industry | undefined;
    }
  | { readonly subjectKind: 'person'; readonly idNumber?: string | undefined }
);

async function enterpriseSubject(
  tx: Tx,
  input: BorrowerRegistration & { subjectKind: 'enterprise' },
) {
  if (!input.uscc) throw invalidField('uscc', 'required');
  const parsed = requireUscc(input.uscc);
  const existing = await repo.findEnterpriseByUscc(tx, parsed.value);
  if (!existing) return (await insertEnterprise(tx, { ...input, uscc: parsed.value })).id;
  if (existing.name !== normaliseName(input.name)) throw new DomainError('IDENTITY_MISMATCH');
  return existing.id;
}

async function personSubject(
  ctx: AppContext,
  tx: Tx,
  input: BorrowerRegistration & { subjectKind: 'person' },
) {
  if (!input.idNumber) throw invalidField('idNumber', 'required');
  const parsed = requireResidentId(input.idNumber, ctx.now());
  const existing = await repo.findPersonByIndex(
    tx,
    ctx.crypto.blindIndexCandidates(parsed.value, ID_NUMBER),
  );
  if (!existing) return (await insertPerson(ctx, tx, { ...input, idNumber: parsed.value })).id;
  if (decryptPerson(ctx, existing).name !== normaliseName(input.name)) {
    throw new DomainError('IDENTITY_MISMATCH');
  }
  return existing.id;
}

/**
 * Self-registration of a borrower: finds or creates its enterprise or person, checks the
 * name against the registry, and creates the borrower's login, all in one transaction.
 * A subject can have one borrower account.
 */
export async function registerBorrower(
  ctx: AppContext,
  input: BorrowerRegistration,
): Promise<User> {
  return ctx.db.transaction().execute(async (tx) => {
    const subjectId =
      input.subjectKind === 'enterprise'
        ? await enterpriseSubject(tx, input)
        : await personSubject(ctx, tx, input);
    if (await subjectHasUser(tx, input.subjectKind, subjectId)) {
      throw new DomainError('SUBJECT_ALREADY_CLAIMED');
    }
    const user = await insertNewUser(tx, {
      login: input.login,
      password: input.password,
      displayName: input.displayName ?? normaliseName(input.name),
      role: 'borrower',
      organisationId: null,
      subject: { kind: input.subjectKind, id: subjectId },
    });
    await recordAudit(tx, {
      actor: 'system',
      action: 'borrower.registered',
      subject: { kind: input.subjectKind, id: subjectId },
      detail: { userId: user.id },
    });
    return user;
  });
}

/**
 * For other domains: the key under which a person's data is filed (the blind index of the
 * resident ID), so records about a person link to the registry without holding the ID.
 */
export const personIndex = (ctx: AppContext, idNumber: string) =>
  ctx.crypto.blindIndex(idNumber, ID_NUMBER);

/** For other domains: the enterprise registered under a USCC, if any. */
export async function findEnterpriseByUscc(db: Db | Tx, uscc: string): Promise<Enterprise | null> {
  const row = await repo.findEnterpriseByUscc(db, uscc);
  return row ? toEnterprise(row) : null;
}

/**
 * For other domains: the key a subject's records and profile are filed under, from its
 * registry id (the USCC of an enterprise, the resident-ID blind index of a person).
 */
export async function subjectRefOf(
  db: Db | Tx,
  subject: { readonly kind: SubjectKind; readonly id: string },
): Promise<string | null> {
  if (subject.kind === 'enterprise') {
    return (await repo.findEnterpriseById(db, subject.id))?.uscc ?? null;
  }
  return (await repo.findPersonById(db, subject.id))?.id_number_index ?? null;
}

/** For other domains: the registry id of the person whose resident ID has this blind index. */
export async function personIdOfRef(db: Db | Tx, ref: string): Promise<string | null> {
  return (await repo.findPersonByIndex(db, [ref]))?.id ?? null;
}

export { insertEnterprise as insertEnterpriseUnchecked, insertPerson as insertPersonUnchecked };

/** Whose credit data a request names: an enterprise by USCC, a person by id, or the caller. */
export type SubjectTarget =
  | { readonly kind: 'enterprise'; readonly uscc: string }
  | { readonly kind: 'person'; readonly id: string }
  | { readonly kind: 'self' };

export interface ResolvedSubject {
  readonly subject: { readonly kind: SubjectKind; readonly id: string };
  /** The key its records, profile and scores are filed under. */
  readonly ref: string;
}

/** For other domains: the registry subject a request names, or NOT_FOUND. */
export async function resolveSubject(
  db: Db | Tx,
  principal: Principal | null,
  target: SubjectTarget,
): Promise<ResolvedSubject> {
  const actor = requireRole(principal);
  if (target.kind === 'enterprise') {
    const row = await repo.findEnterpriseByUscc(db, requireUscc(target.uscc, 'params.uscc').value);
    if (!row) throw notFound('enterprise');
    return { subject: { kind: 'enterprise', id: row.id }, ref: row.uscc };
  }
  const subject =
    target.kind === 'person' ? { kind: 'person' as const, id: target.id } : actor.subject;
  if (!subject) throw notFound('profile');
  const ref = await subjectRefOf(db, subject);
  if (!ref) throw notFound(subject.kind);
  return { subject, ref };
}

/**
 * For the profile domain: enterprises the market regulator reports are registered as they
 * arrive (the registration record is the authority on name and industry). Enterprises
 * already registered are left as they are. Entries with an invalid USCC cannot occur
 * (intake checked them) and are skipped.
 */
export async function registerReportedEnterprises(
  tx: Tx,
  entries: readonly { uscc: string; name: string; industry: string | null }[],
): Promise<void> {
  const rows = entries.flatMap((entry) => {
    const parsed = parseUscc(entry.uscc);
    if (!parsed.ok) return [];
    return [
      {
        id: randomUUID(),
        uscc: parsed.value,
        name: normaliseName(entry.name),
        registration_authority: parsed.registrationAuthority,
        entity_type: parsed.entityType,
        region_code: parsed.regionCode,
        industry: entry.industry,
      },
    ];
  });
  if (rows.length === 0) return;
  await tx
    .insertInto('enterprises')
    .values(rows)
    .onConflict((oc) => oc.column('uscc').doNothing())
    .execute();
}

/**
 * For the loans domain, an applicant as it applies: the key its data is filed under (as
 * {@link subjectRefOf}) with its identifier and name (as {@link applicantIdentity}), from one
 * read of its registry row.
 */
export async function applicantRecord(
  ctx: AppContext,
  db: Db | Tx,
  subject: { readonly kind: SubjectKind; readonly id: string },
): Promise<ApplicantRecord | null> {
  const { rows } = await sql<{ record: ApplicantColumns | null }>`
    select ${applicantColumnsQuery(subject)} as record`.execute(db);
  return applicantRecordOf(ctx, subject.kind, rows[0]?.record ?? null);
}

export interface ApplicantRecord {
  readonly ref: string;
  readonly identifier: string;
  readonly name: string;
}

/** The registry columns of an applicant, as JSON, sealed as stored. */
export interface ApplicantColumns {
  readonly ref: string;
  readonly name?: string;
  readonly idNumberEncrypted?: string;
  readonly nameEncrypted?: string;
}

/**
 * The registry columns {@link applicantRecordOf} opens, as a scalar subquery (JSON, null
 * when the subject is not registered), for another domain's read to embed.
 */
export function applicantColumnsQuery(subject: {
  readonly kind: SubjectKind;
  readonly id: string;
}): RawBuilder<ApplicantColumns | null> {
  return subject.kind === 'enterprise'
    ? sql<ApplicantColumns | null>`(select json_build_object('ref', uscc, 'name', name)
        from enterprises where id = ${subject.id})`
    : sql<ApplicantColumns | null>`(select json_build_object('ref', id_number_index,
        'idNumberEncrypted', id_number_encrypted, 'nameEncrypted', name_encrypted)
        from persons where id = ${subject.id})`;
}

/** An applicant from the columns {@link applicantColumnsQuery} read; null if none. */
export function applicantRecordOf(
  ctx: AppContext,
  kind: SubjectKind,
  columns: ApplicantColumns | null,
): ApplicantRecord | null {
  if (!columns) return null;
  if (kind === 'enterprise') {
    return { ref: columns.ref, identifier: columns.ref, name: columns.name ?? '' };
  }
  return {
    ref: columns.ref,
    identifier: ctx.crypto.decrypt(columns.idNumberEncrypted ?? '', ID_NUMBER),
    name: ctx.crypto.decrypt(columns.nameEncrypted ?? '', NAME),
  };
}

/**
 * For the loans domain, verifying an applicant: the identifier (USCC or resident ID, in
 * clear) and registered name of a subject. Not a read on anyone's behalf: the caller
 * records the use under the applicant's consent.
 */
export async function applicantIdentity(
  ctx: AppContext,
  db: Db | Tx,
  subject: { readonly kind: SubjectKind; readonly id: string },
): Promise<{ identifier: string; name: string } | null> {
  const record = await applicantRecord(ctx, db, subject);
  return record && { identifier: record.identifier, name: record.name };
}

/** For statistics: the industry and region of registered enterprises, by USCC. */
export async function enterpriseAttributes(db: Db | Tx, usccs: readonly string[]) {
  if (usccs.length === 0) return new Map<string, { industry: string | null; regionCode: string }>();
  const rows = await db
    .selectFrom('enterprises')
    .select(['uscc', 'industry', 'region_code'])
    .where('uscc', 'in', [...usccs])
    .execute();
  return new Map(
    rows.map((row) => [row.uscc, { industry: row.industry, regionCode: row.region_code }]),
  );
}

/** For statistics: how many enterprises and persons the registry holds. */
export async function registryCounts(db: Db | Tx) {
  const [enterprises, persons] = await Promise.all([
    db
      .selectFrom('enterprises')
      .select((eb) => eb.fn.countAll<bigint>().as('n'))
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('persons')
      .select((eb) => eb.fn.countAll<bigint>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { enterprises: Number(enterprises.n), persons: Number(persons.n) };
}

/**
 * For lists of applications: the USCC and registered name of enterprises by id (not
 * personal data; persons are never named in a list).
 */
export async function enterpriseNamesById(db: Db | Tx, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { uscc: string; name: string }>();
  const rows = await db
    .selectFrom('enterprises')
    .select(['id', 'uscc', 'name'])
    .where('id', 'in', [...ids])
    .execute();
  return new Map(rows.map((row) => [row.id, { uscc: row.uscc, name: row.name }]));
}
