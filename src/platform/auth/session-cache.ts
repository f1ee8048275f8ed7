import type { Principal } from './roles.js';

interface Entry {
  readonly principal: Principal;
  readonly sessionId: string;
  readonly until: number;
}

/**
 * A short-lived, per-process memory of which principal a session token stands for, so
 * that a burst of requests does not look the session up each time. An entry lives at most
 * `ttlMs` and never past the session's own expiry; logout on this node forgets it at once
 * (other nodes within `ttlMs`). A TTL of 0 turns the cache off.
 */
export class SessionCache {
  readonly #entries = new Map<string, Entry>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

  get(tokenHash: string, now: Date): Principal | undefined {
    const entry = this.#entries.get(tokenHash);
    if (!entry) return undefined;
    if (entry.until <= now.getTime()) {
      this.#entries.delete(tokenHash);
      return undefined;
    }
    return entry.principal;
  }

  set(
    tokenHash: string,
    principal: Principal & { kind: 'user' },
    sessionExpiresAt: Date,
    now: Date,
  ) {
    if (this.ttlMs <= 0) return;
    if (this.#entries.size >= this.maxEntries) {
      // Maps iterate in insertion order: drop the oldest entry.
      const oldest = this.#entries.keys().next();
      if (!oldest.done) this.#entries.delete(oldest.value);
    }
    const until = Math.min(now.getTime() + this.ttlMs, sessionExpiresAt.getTime());
    this.#entries.set(tokenHash, { principal, sessionId: principal.sessionId, until });
  }

  forgetSession(sessionId: string) {
    for (const [hash, entry] of this.#entries) {
      if (entry.sessionId === sessionId) this.#entries.delete(hash);
    }
  }
}
