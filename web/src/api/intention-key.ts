import { useCallback, useState } from 'react';
import { ApiError, newIdempotencyKey } from './client';

/**
 * Whether an intention's key is spent: after success (no error) or a refusal (4xx, nothing
 * was created under it). A network failure (status 0) or a 5xx may have created it.
 */
export function keySpent(error?: unknown): boolean {
  if (error === undefined) return true;
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

/**
 * The Idempotency-Key of one user intention. It is renewed after success, and after a
 * refusal (4xx: nothing was created, so the corrected form is a new request); a network
 * failure or a 5xx keeps it, so a retry can never create the thing twice.
 */
export function useIntentionKey(): { key: string; settle: (error?: unknown) => void } {
  const [key, setKey] = useState(newIdempotencyKey);
  const settle = useCallback((error?: unknown) => {
    if (keySpent(error)) setKey(newIdempotencyKey());
  }, []);
  return { key, settle };
}
