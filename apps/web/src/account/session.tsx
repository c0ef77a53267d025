import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api } from '../api/client';
import { queryKeys } from '../api/queryKeys';
import { type Account } from '../api/types';

export type Session =
  | { status: 'loading' }
  | { status: 'anonymous' }
  | { status: 'authenticated'; account: Account };

type SessionValue = {
  session: Session;
  /** Records the account returned by sign-in or sign-up (what another account read is dropped). */
  signedIn: (account: Account) => void;
  /** Ends the session on the gateway; throws if the gateway failed. The local session stays until `signedOut`. */
  signOut: () => Promise<void>;
  /**
   * Forgets the account and what was read with it, once signed out on the gateway. Called by the
   * page that signed out after its navigation is done: earlier, the page being left (e.g. « Mes
   * dossiers ») would see an anonymous visitor and send to the sign-in page instead.
   */
  signedOut: () => void;
  /** Forgets the account locally (after a 401 from the API: the session cookie expired). */
  expired: () => void;
};

/**
 * The session is the cached answer of GET /api/me (null: anonymous; a failed read counts as
 * anonymous). Any read answered 401 sets it to null (api/queries.ts).
 */
export function useSession(): SessionValue {
  const client = useQueryClient();
  const me = useQuery({ queryKey: queryKeys.session, queryFn: () => api.me(), staleTime: Infinity });
  const session: Session =
    me.status === 'pending' ? { status: 'loading' } : me.status === 'success' && me.data !== null ? { status: 'authenticated', account: me.data } : { status: 'anonymous' };

  const signedIn = useCallback(
    (account: Account) => {
      client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
      client.setQueryData(queryKeys.session, account);
    },
    [client],
  );
  const expired = useCallback(() => client.setQueryData(queryKeys.session, null), [client]);
  const { mutateAsync: signOut } = useMutation({ mutationFn: () => api.signOut() });
  const signedOut = useCallback(() => {
    client.removeQueries({ predicate: (query) => query.queryKey[0] !== queryKeys.session[0] });
    client.setQueryData(queryKeys.session, null);
  }, [client]);

  return { session, signedIn, signOut, signedOut, expired };
}
