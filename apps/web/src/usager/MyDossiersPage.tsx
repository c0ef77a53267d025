import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useQuery } from '@tanstack/react-query';
import { Link, Navigate } from 'react-router-dom';
import { api } from '../api/client';
import { errorMessage } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { type DossierSummary } from '../api/types';
import { useSession } from '../account/session';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { dossierStateDisplay, formatDateTime } from '../components/dossier/states';

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'loaded'; dossiers: DossierSummary[] };

export function MyDossiersPage() {
  useDocumentTitle('Mes dossiers');
  const { session } = useSession();
  const authenticated = session.status === 'authenticated';
  // A 401 ends the session (api/queries.ts): the page then sends to the sign-in page.
  const dossiers = useQuery({ queryKey: queryKeys.myDossiers, queryFn: () => api.listMyDossiers(), enabled: authenticated });
  const state: State = dossiers.status === 'success' ? { status: 'loaded', dossiers: dossiers.data } : dossiers.status === 'error' ? { status: 'error', message: errorMessage(dossiers.error) } : { status: 'loading' };

  if (session.status === 'anonymous') return <Navigate to="/connexion" replace />;

  return (
    <>
      <h1>Mes dossiers</h1>
      {session.status === 'loading' ? <Loading /> : <DossierList state={state} />}
    </>
  );
}

function Loading() {
  return (
    <p role="status" className={fr.cx('fr-text--sm')}>
      Chargement de vos dossiers…
    </p>
  );
}

function DossierList({ state }: { state: State }) {
  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'error':
      return <Alert severity="error" as="h2" title="Vos dossiers n’ont pas pu être chargés" description={state.message} />;
    case 'loaded':
      if (state.dossiers.length === 0) {
        return (
          <>
            <p className={fr.cx('fr-text--lead')}>Vous n’avez pas encore de dossier.</p>
            <Button linkProps={{ to: '/' }} iconId="fr-icon-search-line">
              Trouver une démarche
            </Button>
          </>
        );
      }
      return (
        <Table
          caption="Liste de vos dossiers"
          noCaption
          headers={['Numéro', 'Démarche', 'État', 'Dernière mise à jour']}
          data={state.dossiers.map((dossier) => {
            const { label, severity } = dossierStateDisplay[dossier.state];
            return [
              <Link key="number" to={`/dossiers/${dossier.id}`}>
                N° {dossier.number}
                <span className={fr.cx('fr-sr-only')}> – {dossier.procedure.title}</span>
              </Link>,
              dossier.procedure.title,
              <ul key="state" className={fr.cx('fr-badges-group')}>
                <li>
                  <Badge as="span" small severity={severity}>
                    {label}
                  </Badge>
                </li>
                {dossier.test && (
                  <li>
                    <Badge as="span" small severity="warning">
                      Dossier de test
                    </Badge>
                  </li>
                )}
              </ul>,
              <time key="updatedAt" dateTime={dossier.updatedAt}>
                {formatDateTime(dossier.updatedAt)}
              </time>,
            ];
          })}
        />
      );
  }
}
