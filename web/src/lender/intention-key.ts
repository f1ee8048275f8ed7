import { useCallback, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../api/client';

/**
 * The Idempotency-Key of one user intention. It is renewed after success, and after a
 * refusal (4xx: nothing was created, so the corrected form is a new request); a network
 * failure keeps it, so a retry can never create the thing twice.
 */
export function useIntentionKey() {
  const [key, setKey] = useState(newIdempotencyKey);
  const settle = useCallback((error?: unknown) => {
    const refused = error instanceof ApiError && error.status >= 400 && error.status < 500;
    if (error === undefined || refused) setKey(newIdempotencyKey());
  }, []);
  return { key, settle };
}
