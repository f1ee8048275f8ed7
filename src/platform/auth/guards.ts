import { DomainError } from '../errors.js';
import type { Principal, Role } from './roles.js';

/**
 * The caller, if it has one of `roles` (any role when none are given); otherwise
 * UNAUTHENTICATED (no caller) or FORBIDDEN (wrong role).
 */
export function requireRole(principal: Principal | null, ...roles: Role[]): Principal {
  if (!principal) throw new DomainError('UNAUTHENTICATED');
  if (roles.length > 0 && !roles.includes(principal.role)) throw new DomainError('FORBIDDEN');
  return principal;
}

export type UserPrincipal = Extract<Principal, { kind: 'user' }>;

/** Like requireRole, but an API key never qualifies: the action needs a person. */
export function requireUser(principal: Principal | null, ...roles: Role[]): UserPrincipal {
  const caller = requireRole(principal, ...roles);
  if (caller.kind !== 'user') throw new DomainError('FORBIDDEN');
  return caller;
}

/** Tenancy: a caller bound to an organisation may only act within it. */
export function requireSameOrganisation(principal: Principal, organisationId: string | null) {
  if (principal.role === 'operator') return;
  if (principal.organisationId === null || principal.organisationId !== organisationId) {
    throw new DomainError('TENANT_FORBIDDEN');
  }
}
