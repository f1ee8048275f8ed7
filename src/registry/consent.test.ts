import { describe, expect, it } from 'vitest';
import { consentStatus, CONSENT_CATEGORIES, expiryProblem } from './consent.js';

const now = new Date('2026-11-25T00:00:00Z');

describe('consent', () => {
  it('covers identity and the twelve record categories', () => {
    expect(CONSENT_CATEGORIES).toHaveLength(14);
    expect(CONSENT_CATEGORIES).toContain('social_security');
  });

  it('is active until revoked or expired', () => {
    const later = new Date('2027-01-01T00:00:00Z');
    expect(consentStatus({ revoked_at: null, expires_at: later }, now)).toBe('active');
    expect(consentStatus({ revoked_at: now, expires_at: later }, now)).toBe('revoked');
    expect(consentStatus({ revoked_at: null, expires_at: now }, now)).toBe('expired');
  });

  it('refuses expiry dates in the past or beyond three years', () => {
    expect(expiryProblem(new Date('2026-11-24T00:00:00Z'), now)).toBe('in_the_past');
    expect(expiryProblem(new Date('2030-01-01T00:00:00Z'), now)).toBe('too_far_ahead');
    expect(expiryProblem(new Date('2027-11-25T00:00:00Z'), now)).toBeNull();
    expect(expiryProblem(new Date('2027-06-30T23:59:60Z'), now)).toBe('invalid');
  });
});
