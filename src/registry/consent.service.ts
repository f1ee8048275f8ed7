import { randomUUID } from 'node:crypto';
import { recordAudit } from '../ledger/ledger.service.js';
import { findOrganisation } from '../platform/auth/accounts.service.js';
import { requireRole, requireUser } from '../platform/auth/guards.js';
import { LENDER_ROLES, type Principal, type SubjectKind } from '../platform/auth/roles.js';
import type { AppContext } from '../platform/context.js';
import type { Tx } from '../platform/db.js';
import { DomainError, invalidField, notFound } from '../platform/errors.js';
import {
  expiryProblem,
  toConsent,
  type Consent,
  type ConsentCategory,
  type ConsentPurpose,
} from './consent.js';
import * as repo from './consent.repository.js';

export type { ConsentPurpose } from './consent.js';

export interface NewConsent {
  readonly granteeOrganisationId: string;
  readonly categories: readonly ConsentCategory[];
  readonly purpose: ConsentPurpose;
  readonly expiresAt: string;
}

/** A borrower grants a lender (or the platform) the use of named data for a purpose. */
export async function grantConsent(
  ctx: AppContext,
  principal: Principal | null,
  input: NewConsent,
): Promise<Consent> {
  const actor = requireUser(principal, 'borrower');
  const subject = actor.subject;
  if (!subject) throw new DomainError('FORBIDDEN');
  const now = ctx.now();
  const expiresAt = new Date(input.expiresAt);
  const problem = expiryProblem(expiresAt, now);
  if (problem) throw invalidField('expiresAt', problem, { limit: '3 years' });
  const grantee = await findOrganisation(ctx.db, input.granteeOrganisationId);
  if (!grantee) throw invalidField('granteeOrganisationId', 'unknown_organisation');
  if (grantee.kind !== 'lender' && grantee.kind !== 'platform') {
    throw invalidField('granteeOrganisationId', 'organisation_kind', {
      expected: 'lender | platform',
    });
  }
  return ctx.db.transaction().execute(async (tx) => {
    const consent = await insertConsent(tx, {
      subject,
      granteeOrganisationId: grantee.id,
      categories: input.categories,
      purpose: input.purpose,
      grantedBy: actor.userId,
      grantedAt: now,
      expiresAt,
    });
    await recordAudit(tx, {
      actor,
      action: 'consent.granted',
      subject,
      detail: {
        consentId: consent.id,
        grantee: grantee.id,
        categories: consent.categories,
        purpose: consent.purpose,
      },
    });
    return consent;
  });
}

/** Records a grant and its event, without authorisation checks (use cases and demo seed). */
export async function insertConsent(
  tx: Tx,
  grant: {
    subject: { kind: SubjectKind; id: string };
    granteeOrganisationId: string;
    categories: readonly ConsentCategory[];
    purpose: ConsentPurpose;
    grantedBy: string;
    grantedAt: Date;
    expiresAt: Date;
  },
): Promise<Consent> {
  const row = await repo.insertConsent(tx, {
    id: randomUUID(),
    subject_kind: grant.subject.kind,
    subject_id: grant.subject.id,
    grantee_organisation_id: grant.granteeOrganisationId,
    categories: [...new Set(grant.categories)],
    purpose: grant.purpose,
    granted_by: grant.grantedBy,
    granted_at: grant.grantedAt,
    expires_at: grant.expiresAt,
    revoked_at: null,
    revoked_by: null,
  });
  await repo.insertConsentEvent(tx, {
    consent_id: row.id,
    event: 'granted',
    actor_user_id: grant.grantedBy,
    actor_organisation_id: null,
    category: null,
    purpose: grant.purpose,
  });
  return toConsent(row, grant.grantedAt);
}

/**
 * The consents a caller may see: a borrower its own, a lender those granted to its bank,
 * the operator and the regulator all.
 */
function scopeOf(
  principal: Principal,
): Pick<repo.ConsentFilter, 'subject' | 'granteeOrganisationId'> {
  if (principal.role === 'borrower' && principal.subject) return { subject: principal.subject };
  if (LENDER_ROLES.includes(principal.role)) {
    if (!principal.organisationId) throw new DomainError('FORBIDDEN');
    return { granteeOrganisationId: principal.organisationId };
  }
  if (principal.role === 'operator' || principal.role === 'regulator') return {};
  throw new DomainError('FORBIDDEN');
}

function inScope(
  principal: Principal,
  consent: { subject_kind: SubjectKind; subject_id: string; grantee_organisation_id: string },
) {
  const scope = scopeOf(principal);
  if (scope.subject) {
    return scope.subject.kind === consent.subject_kind && scope.subject.id === consent.subject_id;
  }
  if (scope.granteeOrganisationId !== undefined) {
    return scope.granteeOrganisationId === consent.grantee_organisation_id;
  }
  return true;
}

export async function listConsents(
  ctx: AppContext,
  principal: Principal | null,
  page: { limit: number; offset: number },
): Promise<Consent[]> {
  const actor = requireRole(principal);
  const rows = await repo.listConsents(ctx.db, { ...scopeOf(actor), ...page });
  const now = ctx.now();
  return rows.map((row) => toConsent(row, now));
}

async function visibleConsent(ctx: AppContext, principal: Principal | null, id: string) {
  const actor = requireRole(principal);
  const row = await repo.findConsentById(ctx.db, id);
  if (!row || !inScope(actor, row)) throw notFound('consent');
  return { actor, row };
}

export async function getConsent(ctx: AppContext, principal: Principal | null, id: string) {
  return toConsent((await visibleConsent(ctx, principal, id)).row, ctx.now());
}

/** Revocation takes effect at once: the next use is refused. */
export async function revokeConsent(ctx: AppContext, principal: Principal | null, id: string) {
  const actor = requireUser(principal, 'borrower');
  const { row } = await visibleConsent(ctx, actor, id);
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    const locked = (await repo.findConsentByIdForUpdate(tx, row.id)) ?? row;
    if (toConsent(locked, now).status !== 'active') throw new DomainError('CONSENT_NOT_ACTIVE');
    const revoked = await repo.markRevoked(tx, row.id, actor.userId, now);
    await repo.insertConsentEvent(tx, {
      consent_id: row.id,
      event: 'revoked',
      actor_user_id: actor.userId,
      actor_organisation_id: null,
      category: null,
      purpose: null,
    });
    await recordAudit(tx, {
      actor,
      action: 'consent.revoked',
      subject: { kind: row.subject_kind, id: row.subject_id },
      detail: { consentId: row.id },
    });
    return toConsent(revoked, now);
  });
}

export async function listConsentEvents(ctx: AppContext, principal: Principal | null, id: string) {
  const { row } = await visibleConsent(ctx, principal, id);
  return (await repo.listConsentEvents(ctx.db, row.id)).map((event) => ({
    id: String(event.id),
    event: event.event,
    actorUserId: event.actor_user_id,
    actorOrganisationId: event.actor_organisation_id,
    category: event.category,
    purpose: event.purpose,
    at: event.at,
  }));
}

export interface ConsentUse {
  readonly actor: Principal;
  readonly subject: { readonly kind: SubjectKind; readonly id: string };
  readonly organisationId: string;
  readonly category: ConsentCategory;
  readonly purpose: ConsentPurpose;
}

/**
 * Every use of a subject's data by an organisation goes through here: it finds an active
 * consent covering the category for the purpose and records the use in the caller's
 * transaction, or refuses with CONSENT_REQUIRED.
 *
 * @example
 * const consentId = await useConsent(tx, now, { actor, subject, organisationId, category: 'tax', purpose: 'loan_application' });
 */
export async function useConsent(tx: Tx, now: Date, use: ConsentUse): Promise<string> {
  const consent = await repo.findActiveConsent(tx, {
    subjectKind: use.subject.kind,
    subjectId: use.subject.id,
    organisationId: use.organisationId,
    category: use.category,
    purpose: use.purpose,
    now,
  });
  if (!consent) {
    throw new DomainError('CONSENT_REQUIRED', { category: use.category, purpose: use.purpose });
  }
  await repo.insertConsentEvent(tx, {
    consent_id: consent.id,
    event: 'used',
    actor_user_id: use.actor.kind === 'user' ? use.actor.userId : null,
    actor_organisation_id: use.organisationId,
    category: use.category,
    purpose: use.purpose,
  });
  return consent.id;
}

/**
 * {@link useConsent} for several categories at once, in one round trip: every category
 * needs an active consent for the purpose, and each use is recorded (one `used` event per
 * category, in the order given); the first category without one refuses the whole use with
 * CONSENT_REQUIRED and records nothing. Returns the consent used for each category.
 */
export async function useConsents(
  tx: Tx,
  now: Date,
  use: Omit<ConsentUse, 'category'> & { readonly categories: readonly ConsentCategory[] },
): Promise<Map<ConsentCategory, string>> {
  const categories = [...new Set(use.categories)];
  if (categories.length === 0) return new Map();
  const found = await repo.useActiveConsents(tx, {
    subjectKind: use.subject.kind,
    subjectId: use.subject.id,
    organisationId: use.organisationId,
    categories,
    purpose: use.purpose,
    now,
    actorUserId: use.actor.kind === 'user' ? use.actor.userId : null,
  });
  const used = new Map(found.map((row) => [row.category as ConsentCategory, row.id]));
  const missing = categories.find((category) => !used.has(category));
  if (missing) {
    throw new DomainError('CONSENT_REQUIRED', { category: missing, purpose: use.purpose });
  }
  return used;
}

type SubjectRef = { readonly kind: SubjectKind; readonly id: string };

export interface CreditDataRead {
  readonly purpose: ConsentPurpose;
  /** What is read, for the audit trail, e.g. `profile.read`. */
  readonly action: string;
}

/**
 * Runs a read of a subject's credit profile or score in one transaction, authorised and
 * audited: the subject itself and operators may read; a lender only under an active
 * consent to its organisation covering `credit_profile` for the purpose (the use is
 * recorded). Anyone else is told there is nothing there. A refusal is audited after the
 * read's transaction has rolled back.
 */
export async function withCreditDataRead<R extends { subject: SubjectRef }, T>(
  ctx: AppContext,
  principal: Principal | null,
  read: CreditDataRead,
  resolve: (tx: Tx) => Promise<R>,
  work: (tx: Tx, resolved: R) => Promise<T>,
): Promise<T> {
  const actor = requireRole(principal);
  let subject: SubjectRef | null = null;
  try {
    return await ctx.db.transaction().execute(async (tx) => {
      const resolved = await resolve(tx);
      subject = resolved.subject;
      await authorise(ctx, tx, actor, resolved.subject, read);
      return work(tx, resolved);
    });
  } catch (error) {
    const refused = subject as SubjectRef | null;
    if (error instanceof DomainError && refused) {
      await recordAudit(ctx.db, {
        actor,
        action: `${read.action}_refused`,
        subject: refused,
        detail: { reason: error.code, purpose: read.purpose },
      });
    }
    throw error;
  }
}

async function authorise(
  ctx: AppContext,
  tx: Tx,
  actor: Principal,
  subject: SubjectRef,
  read: CreditDataRead,
) {
  const self = actor.subject?.kind === subject.kind && actor.subject.id === subject.id;
  let consentId: string | null = null;
  if (!self && actor.role !== 'operator') {
    if (!LENDER_ROLES.includes(actor.role) || !actor.organisationId) throw notFound('profile');
    consentId = await useConsent(tx, ctx.now(), {
      actor,
      subject,
      organisationId: actor.organisationId,
      category: 'credit_profile',
      purpose: read.purpose,
    });
  }
  await recordAudit(tx, {
    actor,
    action: read.action,
    subject,
    detail: { purpose: read.purpose, ...(consentId ? { consentId } : {}) },
  });
}
