import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api } from '../api/client';
import { type Account } from '../api/types';

export type Session =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; account: Account };

type SessionContextValue = {
  session: Session;
  /** Records the account returned by sign-in or sign-up. */
  signedIn: (account: Account) => void;
  /** Ends the session on the gateway, then locally; throws (session kept) if the gateway failed. */
  signOut: () => Promise<void>;
  /** Forgets the account locally (after a 401 from the API: the session cookie expired). */
  expired: () => void;
};

const SessionContext = createContext<SessionContextValue | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<Session>({ status: 'loading' });

  useEffect(() => {
    let cancelled = false;
    api
      .me()
      .then((account) => {
        if (!cancelled) setSession(account ? { status: 'authenticated', account } : { status: 'anonymous' });
      })
      .catch(() => {
        if (!cancelled) setSession({ status: 'anonymous' });
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const signedIn = useCallback((account: Account) => setSession({ status: 'authenticated', account }), []);
  const expired = useCallback(() => setSession({ status: 'anonymous' }), []);
  const signOut = useCallback(async () => {
    await api.signOut();
    setSession({ status: 'anonymous' });
  }, []);

  const value = useMemo(() => ({ session, signedIn, signOut, expired }), [session, signedIn, signOut, expired]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
