import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../ledger/ledger.service.js';
import type { AppContext } from '../context.js';
import type { Db, Tx } from '../db.js';
import { isUniqueViolation } from '../db-errors.js';
import { DomainError, invalidField, notFound } from '../errors.js';
import {
  afterFailedLogin,
  isLocked,
  ORGANISATION_KIND_OF_ROLE,
  toApiKey,
  toOrganisation,
  toUser,
  userCreationProblem,
  type ApiKey,
  type Organisation,
  type User,
} from './accounts.js';
import * as repo from './accounts.repository.js';
import type { OrganisationKind } from './accounts.table.js';
import { requireRole, requireSameOrganisation, requireUser } from './guards.js';
import { decoyPasswordHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import type { Principal, Role, SubjectKind } from './roles.js';
import { SessionCache } from './session-cache.js';
import { apiKeyPrefix, newApiKey, newSessionToken, secretHash } from './tokens.js';

export interface LoginResult {
  readonly token: string;
  readonly expiresAt: Date;
  readonly user: User;
}

async function recordFailure(ctx: AppContext, login: string, requestId: string) {
  const now = ctx.now();
  const policy = {
    maxFailures: ctx.config.loginMaxFailures,
    lockMinutes: ctx.config.loginLockMinutes,
  };
  await ctx.db.transaction().execute(async (tx) => {
    const row = await repo.findUserByLoginForUpdate(tx, login);
    if (!row) return;
    const next = afterFailedLogin(
      { failedLogins: row.failed_logins, lockedUntil: row.locked_until },
      policy,
      now,
    );
    await repo.updateLoginState(tx, row.id, next, now);
    await recordAudit(tx, {
      actor: null,
      action: next.lockedUntil ? 'auth.account_locked' : 'auth.login_failed',
      subject: { kind: 'user', id: row.id },
      detail: { failedLogins: next.failedLogins },
      requestId,
    });
  });
}

/**
 * Checks a login and password and opens a session. Wrong passwords count towards a lock;
 * a locked account is refused even with the right password until the lock runs out.
 */
export async function login(
  ctx: AppContext,
  input: { login: string; password: string },
  requestId: string,
): Promise<LoginResult> {
  const now = ctx.now();
  const row = await repo.findUserByLogin(ctx.db, input.login);
  if (!row) {
    await verifyPassword(await decoyPasswordHash(), input.password);
    throw new DomainError('INVALID_CREDENTIALS');
  }
  const state = { failedLogins: row.failed_logins, lockedUntil: row.locked_until };
  if (isLocked(state, now)) {
    throw new DomainError('ACCOUNT_LOCKED', { until: row.locked_until?.toISOString() ?? '' });
  }
  if (!(await verifyPassword(row.password_hash, input.password))) {
    await recordFailure(ctx, input.login, requestId);
    throw new DomainError('INVALID_CREDENTIALS');
  }
  if (row.status !== 'active') throw new DomainError('ACCOUNT_DISABLED');
  const token = newSessionToken();
  const expiresAt = new Date(now.getTime() + ctx.config.sessionTtlMinutes * 60_000);
  await ctx.db.transaction().execute(async (tx) => {
    await repo.updateLoginState(tx, row.id, { failedLogins: 0, lockedUntil: null }, now);
    await repo.insertSession(tx, {
      id: randomUUID(),
      user_id: row.id,
      token_hash: secretHash(token),
      expires_at: expiresAt,
    });
    await recordAudit(tx, {
      actor: null,
      action: 'auth.login_succeeded',
      subject: { kind: 'user', id: row.id },
      requestId,
    });
  });
  return { token, expiresAt, user: toUser(row) };
}

// One cache per running app (context), never shared between tests or servers.
const sessionCaches = new WeakMap<AppContext, SessionCache>();
function sessionCache(ctx: AppContext): SessionCache {
  let cache = sessionCaches.get(ctx);
  if (!cache) {
    cache = new SessionCache(ctx.config.sessionCacheSeconds * 1000);
    sessionCaches.set(ctx, cache);
  }
  return cache;
}

export async function logout(ctx: AppContext, principal: Principal | null): Promise<void> {
  const caller = requireUser(principal);
  await repo.revokeSession(ctx.db, caller.sessionId, ctx.now());
  sessionCache(ctx).forgetSession(caller.sessionId);
}

/** The principal of a bearer token, or null when it is unknown, expired or revoked. */
export async function authenticateToken(ctx: AppContext, token: string): Promise<Principal | null> {
  const tokenHash = secretHash(token);
  const now = ctx.now();
  const cached = sessionCache(ctx).get(tokenHash, now);
  if (cached) return cached;
  const session = await repo.findLiveSession(ctx.db, tokenHash, now);
  if (!session) return null;
  const principal: Principal & { kind: 'user' } = {
    kind: 'user',
    userId: session.user_id,
    role: session.role,
    organisationId: session.organisation_id,
    subject:
      session.subject_kind && session.subject_id
        ? { kind: session.subject_kind, id: session.subject_id }
        : null,
    sessionId: session.session_id,
  };
  sessionCache(ctx).set(tokenHash, principal, session.expires_at, now);
  return principal;
}

/** The principal of a provider API key, or null when it is malformed, unknown or revoked. */
export async function authenticateApiKey(ctx: AppContext, key: string): Promise<Principal | null> {
  const prefix = apiKeyPrefix(key);
  if (!prefix) return null;
  const row = await repo.findLiveApiKey(ctx.db, prefix, secretHash(key));
  if (!row || row.kind !== 'provider') return null;
  const now = ctx.now();
  await repo.touchApiKey(ctx.db, row.id, now);
  return {
    kind: 'api_key',
    apiKeyId: row.id,
    role: 'provider',
    organisationId: row.organisation_id,
    subject: null,
  };
}

/** A user by login, for seeding steps that act as a known account (the demo). */
export async function findUserByLogin(db: Db | Tx, login: string): Promise<User | null> {
  const row = await repo.findUserByLogin(db, login);
  return row ? toUser(row) : null;
}

/** Whether a borrower account already acts for this subject. */
export async function subjectHasUser(db: Db | Tx, kind: SubjectKind, subjectId: string) {
  return (await repo.findUserBySubject(db, kind, subjectId)) !== undefined;
}

export interface NewUser {
  readonly login: string;
  readonly password: string;
  readonly displayName: string;
  readonly role: Role;
  readonly organisationId: string | null;
  readonly subject?: { readonly kind: SubjectKind; readonly id: string } | null;
}

async function checkOrganisationFits(db: Db | Tx, role: Role, organisationId: string | null) {
  const kind = ORGANISATION_KIND_OF_ROLE[role];
  if (organisationId === null) {
    if (kind === null || kind === 'platform') return;
    throw invalidField('organisationId', 'required');
  }
  const organisation = await repo.findOrganisationById(db, organisationId);
  if (!organisation) throw invalidField('organisationId', 'unknown_organisation');
  if (organisation.kind !== kind) {
    throw invalidField('organisationId', 'organisation_kind', { expected: kind ?? '-' });
  }
}

/**
 * Creates a user inside the caller's transaction, without checking who asks: for use cases
 * that have already authorised (borrower registration, demo seed, the CLI).
 */
export async function insertNewUser(tx: Db | Tx, input: NewUser): Promise<User> {
  if (passwordProblem(input.password)) throw invalidField('password', 'weak_password');
  await checkOrganisationFits(tx, input.role, input.organisationId);
  if (await repo.findUserByLogin(tx, input.login)) throw new DomainError('LOGIN_TAKEN');
  try {
    const row = await repo.insertUser(tx, {
      id: randomUUID(),
      login: input.login,
      password_hash: await hashPassword(input.password),
      display_name: input.displayName,
      role: input.role,
      organisation_id: input.organisationId,
      subject_kind: input.subject?.kind ?? null,
      subject_id: input.subject?.id ?? null,
      status: 'active',
      locked_until: null,
    });
    return toUser(row);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('LOGIN_TAKEN');
    throw error;
  }
}

export async function createUser(
  ctx: AppContext,
  principal: Principal | null,
  input: Omit<NewUser, 'organisationId' | 'subject'> & {
    organisationId?: string | null | undefined;
  },
): Promise<User> {
  const actor = requireUser(principal, 'operator', 'lender_admin');
  const organisationId =
    input.organisationId ?? (actor.role === 'lender_admin' ? actor.organisationId : null);
  const problem = userCreationProblem(actor, input.role, organisationId);
  if (problem === 'role_not_allowed') throw invalidField('role', problem);
  if (problem) throw new DomainError(problem);
  return ctx.db.transaction().execute(async (tx) => {
    const user = await insertNewUser(tx, { ...input, organisationId });
    await recordAudit(tx, {
      actor,
      action: 'user.created',
      subject: { kind: 'user', id: user.id },
      detail: { role: user.role, organisationId },
    });
    return user;
  });
}

/** A user the caller may see: themselves, anyone for operators, their bank's staff for admins. */
async function visibleUser(ctx: AppContext, principal: Principal | null, id: string) {
  const actor = requireUser(principal);
  const row = await repo.findUserById(ctx.db, id);
  const visible =
    row &&
    (actor.userId === row.id ||
      actor.role === 'operator' ||
      (actor.role === 'lender_admin' && row.organisation_id === actor.organisationId));
  // Another tenant's user is reported as absent, so ids of other banks' staff leak nothing.
  if (!row || !visible) throw notFound('user');
  return { actor, row };
}

export async function getUser(ctx: AppContext, principal: Principal | null, id: string) {
  return toUser((await visibleUser(ctx, principal, id)).row);
}

export async function listUsers(
  ctx: AppContext,
  principal: Principal | null,
  filter: {
    organisationId?: string | undefined;
    role?: Role | undefined;
    limit: number;
    offset: number;
  },
): Promise<User[]> {
  const actor = requireUser(principal, 'operator', 'lender_admin');
  const organisationId =
    actor.role === 'lender_admin'
      ? (filter.organisationId ?? actor.organisationId ?? undefined)
      : filter.organisationId;
  if (actor.role === 'lender_admin') requireSameOrganisation(actor, organisationId ?? null);
  const rows = await repo.listUsers(ctx.db, { ...filter, organisationId });
  return rows.map(toUser);
}

export async function unlockUser(ctx: AppContext, principal: Principal | null, id: string) {
  const { actor, row } = await visibleUser(ctx, principal, id);
  if (actor.role !== 'operator' && actor.role !== 'lender_admin')
    throw new DomainError('FORBIDDEN');
  const now = ctx.now();
  return ctx.db.transaction().execute(async (tx) => {
    await repo.updateLoginState(tx, row.id, { failedLogins: 0, lockedUntil: null }, now);
    await recordAudit(tx, {
      actor,
      action: 'user.unlocked',
      subject: { kind: 'user', id: row.id },
    });
    return toUser({ ...row, failed_logins: 0, locked_until: null });
  });
}

export async function createOrganisation(
  ctx: AppContext,
  principal: Principal | null,
  input: { kind: OrganisationKind; code: string; name: string },
): Promise<Organisation> {
  const actor = requireUser(principal, 'operator');
  return ctx.db.transaction().execute(async (tx) => {
    if (await repo.findOrganisationByCode(tx, input.code)) {
      throw new DomainError('ORGANISATION_CODE_TAKEN');
    }
    const row = await insertOrganisation(tx, input);
    await recordAudit(tx, {
      actor,
      action: 'organisation.created',
      subject: { kind: 'organisation', id: row.id },
      detail: { kind: input.kind, code: input.code },
    });
    return row;
  });
}

/** Inserts an organisation without authorisation checks (seed and CLI). */
export async function insertOrganisation(
  tx: Db | Tx,
  input: { kind: OrganisationKind; code: string; name: string },
): Promise<Organisation> {
  try {
    return toOrganisation(await repo.insertOrganisation(tx, { id: randomUUID(), ...input }));
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('ORGANISATION_CODE_TAKEN');
    throw error;
  }
}

export async function listOrganisations(
  ctx: AppContext,
  principal: Principal | null,
  kind?: OrganisationKind,
): Promise<Organisation[]> {
  requireRole(principal);
  return (await repo.listOrganisations(ctx.db, kind)).map(toOrganisation);
}

/** An organisation by id, for any domain that needs to know one exists and its kind. */
export async function findOrganisation(db: Db | Tx, id: string): Promise<Organisation | null> {
  const row = await repo.findOrganisationById(db, id);
  return row ? toOrganisation(row) : null;
}

export async function findOrganisationByCode(
  db: Db | Tx,
  code: string,
): Promise<Organisation | null> {
  const row = await repo.findOrganisationByCode(db, code);
  return row ? toOrganisation(row) : null;
}

export async function getOrganisation(ctx: AppContext, principal: Principal | null, id: string) {
  requireRole(principal);
  const organisation = await findOrganisation(ctx.db, id);
  if (!organisation) throw notFound('organisation');
  return organisation;
}

async function providerOrganisation(
  ctx: AppContext,
  principal: Principal | null,
  organisationId: string,
) {
  const actor = requireUser(principal, 'operator', 'provider');
  const organisation = await findOrganisation(ctx.db, organisationId);
  if (!organisation) throw notFound('organisation');
  requireSameOrganisation(actor, organisation.id);
  if (organisation.kind !== 'provider') {
    throw invalidField('params.id', 'organisation_kind', { expected: 'provider' });
  }
  return { actor, organisation };
}

/** Issues an API key to a data provider; the key is in the result and nowhere else. */
export async function createApiKey(
  ctx: AppContext,
  principal: Principal | null,
  organisationId: string,
  input: { name: string },
): Promise<{ apiKey: ApiKey; key: string }> {
  const { actor, organisation } = await providerOrganisation(ctx, principal, organisationId);
  return ctx.db.transaction().execute(async (tx) => {
    const issued = await issueApiKey(tx, organisation.id, input.name, actor.userId);
    await recordAudit(tx, {
      actor,
      action: 'api_key.created',
      subject: { kind: 'api_key', id: issued.apiKey.id },
      detail: { organisationId, prefix: issued.apiKey.prefix },
    });
    return issued;
  });
}

/** Inserts a new API key without authorisation checks (seed and CLI). */
export async function issueApiKey(
  tx: Db | Tx,
  organisationId: string,
  name: string,
  createdBy: string | null,
): Promise<{ apiKey: ApiKey; key: string }> {
  const { key, prefix } = newApiKey();
  const row = await repo.insertApiKey(tx, {
    id: randomUUID(),
    organisation_id: organisationId,
    name,
    prefix,
    key_hash: secretHash(key),
    created_by: createdBy,
    revoked_at: null,
    last_used_at: null,
  });
  return { apiKey: toApiKey(row), key };
}

export async function listApiKeys(
  ctx: AppContext,
  principal: Principal | null,
  organisationId: string,
) {
  await providerOrganisation(ctx, principal, organisationId);
  return (await repo.listApiKeys(ctx.db, organisationId)).map(toApiKey);
}

export async function revokeApiKey(ctx: AppContext, principal: Principal | null, id: string) {
  const actor = requireUser(principal, 'operator', 'provider');
  const existing = await repo.findApiKeyById(ctx.db, id);
  if (
    !existing ||
    (actor.role !== 'operator' && existing.organisation_id !== actor.organisationId)
  ) {
    throw notFound('api_key');
  }
  return ctx.db.transaction().execute(async (tx) => {
    const row = (await repo.revokeApiKey(tx, id, ctx.now())) ?? existing;
    await recordAudit(tx, { actor, action: 'api_key.revoked', subject: { kind: 'api_key', id } });
    return toApiKey(row);
  });
}

/** For other domains' notices: the ids of the users with a role (in an organisation). */
export async function userIdsWithRole(
  db: Db | Tx,
  role: Role,
  organisationId?: string,
): Promise<string[]> {
  const rows = await repo.listUsers(db, { role, organisationId, limit: 1000, offset: 0 });
  return rows.map((row) => row.id);
}
