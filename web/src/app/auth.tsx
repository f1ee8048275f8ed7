import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { api, session, whenUnauthorised } from '../api/client';

export type Role =
  'borrower' | 'lender_officer' | 'lender_admin' | 'provider' | 'regulator' | 'operator';

/** The signed-in user as `GET /me` answers. */
export interface User {
  readonly id: string;
  readonly login: string;
  readonly displayName: string;
  readonly role: Role;
  readonly organisationId: string | null;
  readonly subject: { readonly kind: 'enterprise' | 'person'; readonly id: string } | null;
}

interface Auth {
  /** undefined while the stored session is being checked. */
  readonly user: User | null | undefined;
  readonly signIn: (login: string, password: string) => Promise<User>;
  readonly signOut: () => Promise<void>;
  /** True after the API ended the session (401), until the next sign-in. */
  readonly expired: boolean;
}

const AuthContext = createContext<Auth | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<User | null | undefined>(session.token() ? undefined : null);
  const [expired, setExpired] = useState(false);

  useEffect(() => {
    whenUnauthorised(() => {
      session.clear();
      setUser(null);
      setExpired(true);
    });
    if (!session.token()) return;
    api<User>('/me').then(setUser, () => {
      session.clear();
      setUser(null);
    });
  }, []);

  const signIn = useCallback(async (login: string, password: string) => {
    const answer = await api<{ token: string; user: User }>('/auth/login', {
      body: { login, password },
    });
    session.save(answer.token);
    setExpired(false);
    setUser(answer.user);
    return answer.user;
  }, []);

  const signOut = useCallback(async () => {
    try {
      await api('/auth/logout', { method: 'POST' });
    } finally {
      session.clear();
      setUser(null);
    }
  }, []);

  const value = useMemo(
    () => ({ user, signIn, signOut, expired }),
    [user, signIn, signOut, expired],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}

/** The signed-in user, on pages that only render for one. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser on a page without a signed-in user');
  return user;
}
