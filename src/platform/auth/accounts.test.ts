import { describe, expect, it } from 'vitest';
import { afterFailedLogin, isLocked, userCreationProblem } from './accounts.js';
import { passwordProblem } from './passwords.js';
import type { Principal } from './roles.js';
import { apiKeyPrefix, newApiKey } from './tokens.js';

const policy = { maxFailures: 3, lockMinutes: 15 };
const now = new Date('2026-11-25T08:00:00Z');

describe('afterFailedLogin', () => {
  it('counts failures and locks at the limit', () => {
    let state = { failedLogins: 0, lockedUntil: null as Date | null };
    state = afterFailedLogin(state, policy, now);
    state = afterFailedLogin(state, policy, now);
    expect(state).toEqual({ failedLogins: 2, lockedUntil: null });
    state = afterFailedLogin(state, policy, now);
    expect(state.lockedUntil).toEqual(new Date('2026-11-25T08:15:00Z'));
    expect(isLocked(state, now)).toBe(true);
    expect(isLocked(state, new Date('2026-11-25T08:15:00Z'))).toBe(false);
  });

  it('starts counting again once a lock has run out', () => {
    const expired = { failedLogins: 3, lockedUntil: new Date('2026-11-25T07:00:00Z') };
    expect(afterFailedLogin(expired, policy, now)).toEqual({ failedLogins: 1, lockedUntil: null });
  });
});

const user = (role: Principal['role'], organisationId: string | null): Principal => ({
  kind: 'user',
  userId: 'u',
  role,
  organisationId,
  subject: null,
  sessionId: 's',
});

describe('userCreationProblem', () => {
  it('lets operators create staff anywhere but never borrowers', () => {
    expect(userCreationProblem(user('operator', 'p'), 'regulator', 'r')).toBeNull();
    expect(userCreationProblem(user('operator', 'p'), 'borrower', null)).toBe('role_not_allowed');
  });

  it('keeps lender admins inside their own bank and to lender roles', () => {
    const admin = user('lender_admin', 'bank-a');
    expect(userCreationProblem(admin, 'lender_officer', 'bank-a')).toBeNull();
    expect(userCreationProblem(admin, 'lender_officer', 'bank-b')).toBe('TENANT_FORBIDDEN');
    expect(userCreationProblem(admin, 'operator', 'bank-a')).toBe('role_not_allowed');
    expect(userCreationProblem(user('lender_officer', 'bank-a'), 'lender_officer', 'bank-a')).toBe(
      'FORBIDDEN',
    );
  });
});

describe('passwordProblem', () => {
  it('wants 10+ characters with letters and digits', () => {
    expect(passwordProblem('short1')).toBe('weak_password');
    expect(passwordProblem('onlyletterslong')).toBe('weak_password');
    expect(passwordProblem('1234567890')).toBe('weak_password');
    expect(passwordProblem('密码强度足够123456')).toBeNull();
    expect(passwordProblem('Strong-pass-42')).toBeNull();
  });
});

describe('API keys', () => {
  it('carry a recognisable prefix', () => {
    const { key, prefix } = newApiKey();
    expect(apiKeyPrefix(key)).toBe(prefix);
    expect(apiKeyPrefix(`${key}x`)).toBeNull();
    expect(apiKeyPrefix('xys_token')).toBeNull();
  });
});
