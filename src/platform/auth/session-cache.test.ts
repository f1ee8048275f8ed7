import { describe, expect, it } from 'vitest';
import type { Principal } from './roles.js';
import { SessionCache } from './session-cache.js';

const principal = (sessionId: string): Principal & { kind: 'user' } => ({
  kind: 'user',
  userId: 'u',
  role: 'lender_officer',
  organisationId: 'o',
  subject: null,
  sessionId,
});
const at = (seconds: number) => new Date(Date.UTC(2026, 10, 25, 8, 0, seconds));

describe('SessionCache', () => {
  it('remembers a principal for its TTL only', () => {
    const cache = new SessionCache(5_000);
    cache.set('h', principal('s1'), at(60), at(0));
    expect(cache.get('h', at(4))?.kind).toBe('user');
    expect(cache.get('h', at(5))).toBeUndefined();
  });

  it('never outlives the session', () => {
    const cache = new SessionCache(5_000);
    cache.set('h', principal('s1'), at(2), at(0));
    expect(cache.get('h', at(2))).toBeUndefined();
  });

  it('forgets a session at logout', () => {
    const cache = new SessionCache(5_000);
    cache.set('h', principal('s1'), at(60), at(0));
    cache.set('g', principal('s2'), at(60), at(0));
    cache.forgetSession('s1');
    expect(cache.get('h', at(1))).toBeUndefined();
    expect(cache.get('g', at(1))).toBeDefined();
  });

  it('is bounded and can be turned off', () => {
    const bounded = new SessionCache(5_000, 2);
    for (const hash of ['a', 'b', 'c']) bounded.set(hash, principal(hash), at(60), at(0));
    expect(bounded.get('a', at(1))).toBeUndefined();
    expect(bounded.get('c', at(1))).toBeDefined();
    const off = new SessionCache(0);
    off.set('h', principal('s1'), at(60), at(0));
    expect(off.get('h', at(0))).toBeUndefined();
  });
});
