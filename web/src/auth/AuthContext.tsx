import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { MeView } from '@shared/modules/accounts/accounts.schema.ts';
import { can, type Permission } from '@shared/platform/policy.ts';
import { authApi } from '../api/auth.ts';
import { ApiError, setCsrfToken, setUnauthenticatedHandler } from '../api/client.ts';

type AuthState = { status: 'loading' } | { status: 'anonymous' } | { status: 'signed-in'; me: MeView };

interface AuthContextValue {
  state: AuthState;
  login: (username: string, password: string) => Promise<MeView>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export function AuthProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<AuthState>({ status: 'loading' });

  const signOutLocally = useCallback(() => {
    setCsrfToken(null);
    setState({ status: 'anonymous' });
  }, []);

  const refresh = useCallback(async () => {
    try {
      const session = await authApi.me();
      setCsrfToken(session.csrfToken);
      setState({ status: 'signed-in', me: session.account });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) signOutLocally();
      else throw e;
    }
  }, [signOutLocally]);

  useEffect(() => {
    setUnauthenticatedHandler(signOutLocally);
    refresh().catch(() => setState({ status: 'anonymous' }));
    return () => setUnauthenticatedHandler(null);
  }, [refresh, signOutLocally]);

  const login = useCallback(async (username: string, password: string) => {
    const session = await authApi.login(username, password);
    setCsrfToken(session.csrfToken);
    setState({ status: 'signed-in', me: session.account });
    return session.account;
  }, []);

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      signOutLocally();
    }
  }, [signOutLocally]);

  const value = useMemo(() => ({ state, login, logout, refresh }), [state, login, logout, refresh]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const ctx = useContext(AuthContext);
  if (!ctx) throw new Error('useAuth outside AuthProvider');
  return ctx;
}

/** The signed-in account; only for components rendered inside the authenticated layout. */
export function useMe(): MeView {
  const { state } = useAuth();
  if (state.status !== 'signed-in') throw new Error('useMe without a session');
  return state.me;
}

/** What the signed-in role may do: the server's list when given, else the shared policy table. */
export function useCan(): (permission: Permission) => boolean {
  const me = useMe();
  return useCallback(
    (permission: Permission) => (Array.isArray(me.permissions) ? me.permissions.includes(permission) : can(me, permission)),
    [me],
  );
}
