import { api } from '../api/client';
import type { Consent, Organisation } from './types';

/** Every category a consent can name (the API's CONSENT_CATEGORIES), in display order. */
export const CONSENT_CATEGORIES = [
  'identity',
  'business_registration',
  'tax',
  'social_security',
  'housing_fund',
  'customs',
  'utilities',
  'judicial',
  'administrative',
  'credit_bureau',
  'property',
  'procurement',
  'self_reported',
  'credit_profile',
] as const;

export const CONSENT_PURPOSES = [
  'loan_application',
  'credit_assessment',
  'post_loan_management',
  'credit_repair',
] as const;

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
