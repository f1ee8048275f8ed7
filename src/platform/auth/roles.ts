export const ROLES = [
  'borrower',
  'lender_officer',
  'lender_admin',
  'provider',
  'regulator',
  'operator',
] as const;
export type Role = (typeof ROLES)[number];

export type SubjectKind = 'enterprise' | 'person';

/** Who is calling: a logged-in user or a data provider's API key. */
export type Principal =
  | {
      readonly kind: 'user';
      readonly userId: string;
      readonly role: Role;
      readonly organisationId: string | null;
      readonly subject: { readonly kind: SubjectKind; readonly id: string } | null;
      readonly sessionId: string;
    }
  | {
      readonly kind: 'api_key';
      readonly apiKeyId: string;
      readonly role: 'provider';
      readonly organisationId: string;
      readonly subject: null;
    };

export const LENDER_ROLES: readonly Role[] = ['lender_officer', 'lender_admin'];

/** A stable string naming the principal, e.g. for idempotency-key scoping and audit. */
export function principalId(principal: Principal): string {
  return principal.kind === 'user' ? `user:${principal.userId}` : `api_key:${principal.apiKeyId}`;
}
