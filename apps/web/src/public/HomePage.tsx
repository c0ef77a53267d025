import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Card } from '@codegouvfr/react-dsfr/Card';
import { useQuery } from '@tanstack/react-query';
import { api } from '../api/client';
import { errorMessage } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { type PublicProcedureSummary } from '@guichet/contracts';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDate } from '../components/dossier/states';

type State =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'loaded'; procedures: PublicProcedureSummary[] };

export function HomePage() {
  useDocumentTitle('Accueil');
  const procedures = useQuery({ queryKey: queryKeys.publicProcedures, queryFn: () => api.listPublishedProcedures() });
  const state: State = procedures.status === 'success' ? { status: 'loaded', procedures: procedures.data } : procedures.status === 'error' ? { status: 'error', message: errorMessage(procedures.error) } : { status: 'loading' };

  return (
    <>
      <h1>Bienvenue sur Guichet</h1>
      <p className={fr.cx('fr-text--lead', 'fr-mb-6w')}>
        Guichet vous permet d’effectuer en ligne les démarches publiées par les administrations et de suivre vos dossiers.
      </p>
      <h2 id="demarches">Démarches disponibles</h2>
      <ProcedureList state={state} />
    </>
  );
}

function ProcedureList({ state }: { state: State }) {
  switch (state.status) {
    case 'loading':
      return (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement des démarches…
        </p>
      );
    case 'error':
      return <Alert severity="error" as="h3" title="Les démarches n’ont pas pu être chargées" description={state.message} />;
    case 'loaded':
      if (state.procedures.length === 0) {
        return <Alert severity="info" as="h3" title="Aucune démarche disponible" description="Aucune démarche n’est publiée pour le moment. Revenez plus tard." />;
      }
      return (
        <ul className={fr.cx('fr-grid-row', 'fr-grid-row--gutters', 'fr-raw-list')} aria-labelledby="demarches">
          {state.procedures.map((procedure) => (
            <li key={procedure.id} className={fr.cx('fr-col-12', 'fr-col-md-6', 'fr-col-lg-4')}>
              <ProcedureCard procedure={procedure} />
            </li>
          ))}
        </ul>
      );
  }
}

function ProcedureCard({ procedure }: { procedure: PublicProcedureSummary }) {
  const titleId = `demarche-${procedure.id}`;
  return (
    <Card
      className={fr.cx('fr-card--no-arrow')}
      style={{ height: '100%' }}
      title={<span id={titleId}>{procedure.title}</span>}
      titleAs="h3"
      start={
        <p className={fr.cx('fr-card__detail', 'fr-icon-building-line')}>
          <span className={fr.cx('fr-sr-only')}>Administration : </span>
          {procedure.tenant.name}
        </p>
      }
      desc={procedure.description}
      end={
        procedure.closesAt !== null ? (
          <p className={fr.cx('fr-card__detail', 'fr-icon-calendar-line')}>Clôture le {formatDate(procedure.closesAt)}</p>
        ) : undefined
      }
      footer={
        <Button
          linkProps={{ to: `/commencer/${encodeURIComponent(procedure.path)}`, 'aria-describedby': titleId }}
          iconId="fr-icon-arrow-right-line"
          iconPosition="right"
        >
          Commencer la démarche
        </Button>
      }
    />
  );
}
