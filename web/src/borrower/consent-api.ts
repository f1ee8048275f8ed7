import { api } from '../api/client';
import type { Consent, Organisation } from './types';

// What a consent can name and what for: the server's own lists, from its pure consent module.
export { CONSENT_CATEGORIES, CONSENT_PURPOSES } from '../../../src/registry/consent.js';

const DAY_MS = 86_400_000;

export interface ConsentGrant {
  readonly granteeOrganisationId: string;
  readonly categories: readonly string[];
  readonly purpose: string;
  readonly expiresAt: string;
}

export const grantConsent = (grant: ConsentGrant, idempotencyKey: string) =>
  api<Consent>('/consents', { body: grant, idempotencyKey });

/** The organisations a borrower may authorise: lenders and the platform. */
export const grantees = (organisations: readonly Organisation[]) =>
  organisations.filter((o) => o.kind === 'lender' || o.kind === 'platform');

/** An expiry `days` from now, as the API takes it. */
export const expiryInDays = (days: number) => new Date(Date.now() + days * DAY_MS).toISOString();

/**
 * The categories an application to this lender still lacks: the product's categories and
 * `credit_profile`, each under an active consent for a loan application that has not expired.
 */
export function missingCategories(
  consents: readonly Consent[],
  lenderId: string,
  required: readonly string[],
): string[] {
  const now = Date.now();
  const covered = new Set(
    consents
      .filter(
        (c) =>
          c.granteeOrganisationId === lenderId &&
          c.status === 'active' &&
          c.purpose === 'loan_application' &&
          new Date(c.expiresAt).getTime() > now,
      )
      .flatMap((c) => c.categories),
  );
  return [...new Set([...required, 'credit_profile'])].filter((c) => !covered.has(c));
}
