import type { Selectable } from 'kysely';
import { RECORD_CATEGORY_CODES } from '../ingest/categories.js';
import type { SubjectKind } from '../platform/auth/roles.js';
import type { ConsentsTable } from './registry.table.js';

/**
 * What a consent can cover: registry identity data, each record category, and the credit
 * profile and score xinyi derives from the records.
 */
export const CONSENT_CATEGORIES = ['identity', ...RECORD_CATEGORY_CODES, 'credit_profile'] as const;
export type ConsentCategory = (typeof CONSENT_CATEGORIES)[number];

export const CONSENT_PURPOSES = [
  'loan_application',
  'credit_assessment',
  'post_loan_management',
  'credit_repair',
] as const;
export type ConsentPurpose = (typeof CONSENT_PURPOSES)[number];

/** The longest a single grant may run, in calendar years; a borrower can always grant again. */
export const MAX_CONSENT_YEARS = 3;

export type ConsentStatus = 'active' | 'revoked' | 'expired';

export interface Consent {
  readonly id: string;
  readonly subject: { readonly kind: SubjectKind; readonly id: string };
  readonly granteeOrganisationId: string;
  readonly categories: string[];
  readonly purpose: string;
  readonly grantedBy: string;
  readonly grantedAt: Date;
  readonly expiresAt: Date;
  readonly revokedAt: Date | null;
  readonly status: ConsentStatus;
}

export function consentStatus(
  row: { revoked_at: Date | null; expires_at: Date },
  now: Date,
): ConsentStatus {
  if (row.revoked_at !== null) return 'revoked';
  return row.expires_at > now ? 'active' : 'expired';
}

export function toConsent(row: Selectable<ConsentsTable>, now: Date): Consent {
  return {
    id: row.id,
    subject: { kind: row.subject_kind, id: row.subject_id },
    granteeOrganisationId: row.grantee_organisation_id,
    categories: row.categories,
    purpose: row.purpose,
    grantedBy: row.granted_by,
    grantedAt: row.granted_at,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    status: consentStatus(row, now),
  };
}

/**
 * The latest expiry a grant made at `now` may have: the same instant {@link MAX_CONSENT_YEARS}
 * calendar years later (UTC; from 29 February, 1 March). A fixed number of days would either
 * fall short of or overshoot the limit depending on leap years.
 */
export function latestExpiry(now: Date): Date {
  const limit = new Date(now.getTime());
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_CONSENT_YEARS);
  return limit;
}

/** Why an expiry date is refused, or null. */
export function expiryProblem(
  expiresAt: Date,
  now: Date,
): 'invalid' | 'in_the_past' | 'too_far_ahead' | null {
  // Every comparison with an invalid date is false: refuse it before comparing.
  if (Number.isNaN(expiresAt.getTime())) return 'invalid';
  if (expiresAt <= now) return 'in_the_past';
  return expiresAt > latestExpiry(now) ? 'too_far_ahead' : null;
}
