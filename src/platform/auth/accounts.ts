import type { Selectable } from 'kysely';
import type {
  ApiKeysTable,
  OrganisationKind,
  OrganisationsTable,
  UsersTable,
} from './accounts.table.js';
import type { Principal, Role, SubjectKind } from './roles.js';

export interface User {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly role: Role;
  readonly organisationId: string | null;
  readonly subject: { readonly kind: SubjectKind; readonly id: string } | null;
  readonly status: 'active' | 'disabled';
  readonly lockedUntil: Date | null;
  readonly createdAt: Date;
}

export interface Organisation {
  readonly id: string;
  readonly kind: OrganisationKind;
  readonly code: string;
  readonly name: string;
  readonly createdAt: Date;
}

export interface ApiKey {
  readonly id: string;
  readonly organisationId: string;
  readonly name: string;
  readonly prefix: string;
  readonly createdAt: Date;
  readonly revokedAt: Date | null;
  readonly lastUsedAt: Date | null;
}

export function toUser(row: Selectable<UsersTable>): User {
  return {
    id: row.id,
    login: row.login,
    displayName: row.display_name,
    role: row.role,
    organisationId: row.organisation_id,
    subject:
      row.subject_kind && row.subject_id ? { kind: row.subject_kind, id: row.subject_id } : null,
    status: row.status,
    lockedUntil: row.locked_until,
    createdAt: row.created_at,
  };
}

export function toOrganisation(row: Selectable<OrganisationsTable>): Organisation {
  return { id: row.id, kind: row.kind, code: row.code, name: row.name, createdAt: row.created_at };
}

export function toApiKey(row: Selectable<ApiKeysTable>): ApiKey {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.created_at,
    revokedAt: row.revoked_at,
    lastUsedAt: row.last_used_at,
  };
}

export interface LoginState {
  readonly failedLogins: number;
  readonly lockedUntil: Date | null;
}

export interface LockoutPolicy {
  readonly maxFailures: number;
  readonly lockMinutes: number;
}

export const isLocked = (state: LoginState, now: Date) =>
  state.lockedUntil !== null && state.lockedUntil > now;

/**
 * The login state after a wrong password: the count restarts once an old lock has run
 * out, and reaching the limit locks the account for the policy's minutes.
 */
export function afterFailedLogin(state: LoginState, policy: LockoutPolicy, now: Date): LoginState {
  const lockExpired = state.lockedUntil !== null && state.lockedUntil <= now;
  const failedLogins = (lockExpired ? 0 : state.failedLogins) + 1;
  const lockedUntil =
    failedLogins >= policy.maxFailures
      ? new Date(now.getTime() + policy.lockMinutes * 60_000)
      : null;
  return { failedLogins, lockedUntil };
}

/** Which organisation kind a role's users belong to (null: none, or the platform). */
export const ORGANISATION_KIND_OF_ROLE: Readonly<Record<Role, OrganisationKind | null>> = {
  borrower: null,
  lender_officer: 'lender',
  lender_admin: 'lender',
  provider: 'provider',
  regulator: 'regulator',
  operator: 'platform',
};

/**
 * Whether `actor` may create a user of `role` in organisation `organisationId`.
 * Operators create staff of every organisation; a lender admin only its own bank's staff.
 * Borrowers register themselves.
 */
export function userCreationProblem(
  actor: Principal,
  role: Role,
  organisationId: string | null,
): 'role_not_allowed' | 'TENANT_FORBIDDEN' | 'FORBIDDEN' | null {
  if (role === 'borrower') return 'role_not_allowed';
  if (actor.role === 'operator') return null;
  if (actor.role !== 'lender_admin') return 'FORBIDDEN';
  if (role !== 'lender_officer' && role !== 'lender_admin') return 'role_not_allowed';
  return organisationId === actor.organisationId ? null : 'TENANT_FORBIDDEN';
}
