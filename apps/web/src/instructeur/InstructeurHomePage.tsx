import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { dashboardTabs } from '@guichet/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { errorMessage } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { useSession } from '../account/session';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { dashboardTabLabels, defaultDashboardView, procedureDashboardPath, withTab } from './dashboardView';
import { dashboardRefreshMs } from './instructeurQueries';
import { instructs, workspaceTitle } from './workspace';
import { SignInRequired } from './SignInRequired';

/**
 * /instructeur: the procedures whose dossiers I read, with each tab's count — an instructeur's are
 * those of their groups; an administrateur's, every procedure of the administration.
 */
export function InstructeurHomePage() {
  const { session } = useSession();
  const roles = session.status === 'authenticated' ? session.account.roles : undefined;
  const title = workspaceTitle(roles);
  const readsOnly = roles !== undefined && !instructs(roles);
  // An administrateur's list is every procedure of the administration.
  const listsAll = roles?.includes('administrateur') === true;
  useDocumentTitle(title);
  const procedures = useQuery({
    queryKey: queryKeys.instructeurProcedures,
    queryFn: () => api.listInstructeurProcedures(),
    enabled: session.status === 'authenticated',
    refetchInterval: dashboardRefreshMs,
  });

  if (session.status === 'anonymous') return <SignInRequired />;

  return (
    <>
      <h1>{title}</h1>
      {readsOnly && (
        <p className={fr.cx('fr-text--lead')}>
          Vous voyez les dossiers de toutes les démarches de votre administration. Seuls les instructeurs de leurs groupes les instruisent.
        </p>
      )}
      {procedures.isError ? (
        <Alert severity="error" as="h2" title="Vos démarches n’ont pas pu être chargées" description={errorMessage(procedures.error)} />
      ) : procedures.data === undefined ? (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement de vos démarches…
        </p>
      ) : procedures.data.length === 0 ? (
        <div className={fr.cx('fr-callout')}>
          <h2 className={fr.cx('fr-callout__title', 'fr-h6')}>Aucune démarche pour le moment</h2>
          {listsAll ? (
            <p className={fr.cx('fr-callout__text', 'fr-text--md')}>
              Votre administration n’a pas encore de démarche. <Link to="/admin/demarches">Créez-en une</Link> : ses dossiers apparaîtront ici.
            </p>
          ) : (
            <p className={fr.cx('fr-callout__text', 'fr-text--md')}>
              Vous n’êtes membre d’aucun groupe instructeur. Quand un administrateur vous ajoutera à un groupe d’une démarche, ses dossiers apparaîtront ici.
            </p>
          )}
        </div>
      ) : (
        <Table
          caption={listsAll ? 'Démarches de votre administration, avec le nombre de dossiers de chaque onglet' : 'Démarches dont vous instruisez les dossiers, avec le nombre de dossiers de chaque onglet'}
          headers={['Démarche', ...dashboardTabs.map((tab) => dashboardTabLabels[tab])]}
          data={procedures.data.map((procedure) => [
            <Link key="title" to={procedureDashboardPath(procedure.procedureId, defaultDashboardView)}>
              {procedure.procedureTitle}
            </Link>,
            ...dashboardTabs.map((tab) => (
              <Link key={tab} to={procedureDashboardPath(procedure.procedureId, withTab(defaultDashboardView, tab))}>
                {procedure.counts[tab]}
                <span className={fr.cx('fr-sr-only')}>
                  {' '}
                  – {dashboardTabLabels[tab]}, {procedure.procedureTitle}
                </span>
              </Link>
            )),
          ])}
        />
      )}
    </>
  );
}
