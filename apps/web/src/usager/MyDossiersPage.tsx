import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useEffect, useState } from 'react';
import { Link, Navigate } from 'react-router-dom';
import { api, isApiError, messages } from '../api/client';
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
  const { session, expired } = useSession();
  const [state, setState] = useState<State>({ status: 'loading' });
  const authenticated = session.status === 'authenticated';

  useEffect(() => {
    if (!authenticated) return;
    let cancelled = false;
    api
      .listMyDossiers()
      .then((dossiers) => !cancelled && setState({ status: 'loaded', dossiers }))
      .catch((error: unknown) => {
        if (cancelled) return;
        if (isApiError(error) && error.status === 401) expired();
        else setState({ status: 'error', message: isApiError(error) ? error.message : messages.unexpected });
      });
    return () => {
      cancelled = true;
    };
  }, [authenticated, expired]);

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
