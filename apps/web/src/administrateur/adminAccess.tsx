import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode } from 'react';
import { Navigate } from 'react-router-dom';
import { api } from '../api/client';
import { type LoadState, loadStateOf } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
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

export type { LoadState } from '../api/queries';

/**
 * A procedure of the current administration, for an admin page (a 401 ends the local session: the
 * sign-in page follows). Its writes put their answer in the cache (`useProcedureMutation`).
 */
export function useAdminProcedure(procedureId: string): LoadState<AdminProcedure> {
  const read = useQuery({ queryKey: queryKeys.adminProcedure(procedureId), queryFn: () => api.getAdminProcedure(procedureId) });
  return loadStateOf(read);
}
