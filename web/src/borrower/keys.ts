import { useCallback, useState } from 'react';
import { ApiError, newIdempotencyKey } from '../api/client';

/**
 * One Idempotency-Key per intention: kept while a request may be retried unanswered (a
 * network failure), renewed once the API answered, success or refusal, since the API
 * remembers the answer to a key and a corrected form is a new request.
 */
export function useIdempotencyKey(): [string, (error?: unknown) => void] {
  const [key, setKey] = useState(newIdempotencyKey);
  const renew = useCallback((error?: unknown) => {
    if (error === undefined || (error instanceof ApiError && error.status > 0)) {
      setKey(newIdempotencyKey());
    }
  }, []);
  return [key, renew];
}
