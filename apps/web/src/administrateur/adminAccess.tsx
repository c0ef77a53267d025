import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { type ReactNode, useCallback, useEffect, useState } from 'react';
import { Navigate } from 'react-router-dom';
import { api, isApiError, messages } from '../api/client';
import { type ProcedureState } from '@guichet/contracts';
import { type AdminProcedure } from '../api/types';
import { useSession } from '../account/session';

export const administrateurRole = 'administrateur';

type BadgeSeverity = 'success' | 'info' | 'warning' | 'error' | 'new' | undefined;

/** French label and DSFR Badge severity of each procedure state. */
export const procedureStateDisplay: Record<ProcedureState, { label: string; severity: BadgeSeverity }> = {
  brouillon: { label: 'Brouillon', severity: 'new' },
  publiee: { label: 'Publiée', severity: 'success' },
  close: { label: 'Close', severity: 'error' },
  depubliee: { label: 'Dépubliée', severity: 'warning' },
};

/**
 * Renders the administrateur pages: sends anonymous visitors to the sign-in page, tells other
 * accounts the page is reserved, and renders `children` for administrateurs.
 */
export function AdminOnly({ title, children }: { title: string; children: ReactNode }) {
  const { session } = useSession();
  if (session.status === 'anonymous') return <Navigate to="/connexion" replace />;
  if (session.status === 'loading') {
    return (
      <>
        <h1>{title}</h1>
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement…
        </p>
      </>
    );
  }
  if (!session.account.roles.includes(administrateurRole)) {
    return (
      <>
        <h1>{title}</h1>
        <Alert severity="warning" as="h2" title="Accès réservé" description="Cette page est réservée aux administrateurs des démarches." />
      </>
    );
  }
  return <>{children}</>;
}

export type LoadState<T> = { status: 'loading' } | { status: 'error'; message: string } | { status: 'loaded'; value: T };

/**
 * Loads a procedure of the current administration for an admin page; a 401 ends the local session
 * (the sign-in page follows). `replace` puts a newer version (e.g. the answer of a save).
 */
export function useAdminProcedure(procedureId: string): { state: LoadState<AdminProcedure>; replace: (procedure: AdminProcedure) => void } {
  return useLoaded(procedureId, api.getAdminProcedure);
}

/**
 * Loads `load(key)` again whenever `key` changes (a stale answer is dropped), sends an expired
 * session to sign-in, and gives `replace` for the answer of a later save.
 */
export function useLoaded<T>(key: string, load: (key: string) => Promise<T>): { state: LoadState<T>; replace: (value: T) => void } {
  const { expired } = useSession();
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  useEffect(() => {
    let cancelled = false;
    setState({ status: 'loading' });
    load(key)
      .then((value) => !cancelled && setState({ status: 'loaded', value }))
      .catch((error: unknown) => {
        if (cancelled) return;
        if (isApiError(error) && error.status === 401) expired();
        else setState({ status: 'error', message: isApiError(error) ? error.message : messages.unexpected });
      });
    return () => {
      cancelled = true;
    };
  }, [key, load, expired]);
  const replace = useCallback((value: T) => setState({ status: 'loaded', value }), []);
  return { state, replace };
}
