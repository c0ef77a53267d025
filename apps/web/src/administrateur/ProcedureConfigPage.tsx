import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { type ReactNode, useCallback } from 'react';
import { useParams } from 'react-router-dom';
import { type ApiError, isApiError, messages } from '../api/client';
import { type AdminProcedure } from '../api/types';
import { useSession } from '../account/session';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { AdminOnly, useAdminProcedure } from './adminAccess';
import { ProcedureAdminHeader } from './ProcedureAdminHeader';

/** What a configuration page gets: the procedure as cached (its writes go through `useProcedureMutation`). */
export type ProcedureConfigProps = { procedure: AdminProcedure };

/**
 * A page of a procedure's configuration (/admin/demarches/:procedureId/<tab>): administrateurs
 * only, the procedure with its templates and settings loaded, the common header, then `children`.
 */
export function ProcedureConfigPage({ title, children }: { title: string; children: (props: ProcedureConfigProps) => ReactNode }) {
  const { procedureId = '' } = useParams();
  return (
    <AdminOnly title={title}>
      <ProcedureConfigLoader procedureId={procedureId} title={title}>
        {children}
      </ProcedureConfigLoader>
    </AdminOnly>
  );
}

function ProcedureConfigLoader({ procedureId, title, children }: { procedureId: string; title: string; children: (props: ProcedureConfigProps) => ReactNode }) {
  const state = useAdminProcedure(procedureId);
  useDocumentTitle(state.status === 'loaded' ? `${title} - ${state.value.title}` : title);

  if (state.status === 'loading') {
    return (
      <>
        <h1>{title}</h1>
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement de la démarche…
        </p>
      </>
    );
  }
  if (state.status === 'error') {
    return (
      <>
        <h1>{title}</h1>
        <Alert severity="error" as="h2" title="La démarche n’a pas pu être chargée" description={state.message} />
      </>
    );
  }
  return (
    <>
      <ProcedureAdminHeader procedure={state.value} current={title} />
      <h2>{title}</h2>
      {children({ procedure: state.value })}
    </>
  );
}

/**
 * Runs an API call for a page: a 401 ends the local session (the sign-in page follows); any other
 * failure is returned as an ApiError (a generic one for non-API errors) for the page to show.
 */
export function useApiAction(): <T>(call: () => Promise<T>) => Promise<{ ok: true; value: T } | { ok: false; error: ApiError | null }> {
  const { expired } = useSession();
  return useCallback(
    async <T,>(call: () => Promise<T>) => {
      try {
        return { ok: true as const, value: await call() };
      } catch (error) {
        if (isApiError(error) && error.status === 401) {
          expired();
          return { ok: false as const, error: null };
        }
        if (isApiError(error)) return { ok: false as const, error };
        console.error(error);
        return { ok: false as const, error: null };
      }
    },
    [expired],
  );
}

/** The French message of a failed action (null: the session ended, or an unexpected error). */
export function failureMessage(error: ApiError | null): string {
  return error?.message ?? messages.unexpected;
}
