import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from './client';

export interface Loaded<T> {
  readonly data: T | undefined;
  readonly error: ApiError | undefined;
  readonly loading: boolean;
  /** Loads again (after a change, or from the error state's retry button). */
  readonly reload: () => void;
}

/**
 * Reads `path` from the API when the component mounts and whenever `path` changes;
 * `null` waits (a path that depends on something not loaded yet).
 *
 * @example
 * const profile = useApi<Profile>('/me/profile');
 * return <PageState loaded={profile}>{(data) => <ProfileView profile={data} />}</PageState>;
 */
export function useApi<T>(path: string | null): Loaded<T> {
  const [state, setState] = useState<{ data?: T; error?: ApiError; loading: boolean }>({
    loading: path !== null,
  });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((n) => n + 1), []);

  useEffect(() => {
    if (path === null) return;
    const controller = new AbortController();
    setState((previous) => ({ data: previous.data, loading: true }));
    api<T>(path, { signal: controller.signal }).then(
      (data) => setState({ data, loading: false }),
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const apiError =
          error instanceof ApiError ? error : new ApiError(0, 'CLIENT', String(error));
        setState({ error: apiError, loading: false });
      },
    );
    return () => controller.abort();
  }, [path, generation]);

  return { data: state.data, error: state.error, loading: state.loading, reload };
}
