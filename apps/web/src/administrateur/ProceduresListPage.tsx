import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { Table } from '@codegouvfr/react-dsfr/Table';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import { loadStateOf } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { formatDateTime } from '../components/dossier/states';
import { AdminOnly, procedureStateDisplay } from './adminAccess';
import { procedureAdminPath } from './ProcedureAdminNav';

const title = 'Mes démarches';

/** The administrateur's home: the current administration's procedures, with their state. */
export function ProceduresListPage() {
  useDocumentTitle(title);
  return (
    <AdminOnly title={title}>
      <ProceduresList />
    </AdminOnly>
  );
}

function ProceduresList() {
  const state = loadStateOf(useQuery({ queryKey: queryKeys.adminProcedures, queryFn: () => api.listAdminProcedures() }));

  return (
    <>
      <h1>{title}</h1>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline', 'fr-mb-2w')}>
        <li>
          <Button linkProps={{ to: '/admin/demarches/nouvelle' }} iconId="fr-icon-add-line">
            Créer une démarche
          </Button>
        </li>
        <li>
          <Button linkProps={{ to: '/admin/catalogue' }} priority="secondary" iconId="fr-icon-search-line">
            Partir d’un modèle du catalogue
          </Button>
        </li>
      </ul>
      {state.status === 'loading' && (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement des démarches…
        </p>
      )}
      {state.status === 'error' && <Alert severity="error" as="h2" title="Les démarches n’ont pas pu être chargées" description={state.message} />}
      {state.status === 'loaded' && state.value.length === 0 && <p className={fr.cx('fr-text--lead')}>Votre administration n’a pas encore de démarche.</p>}
      {state.status === 'loaded' && state.value.length > 0 && (
        <Table
          caption="Démarches de votre administration"
          noCaption
          headers={['Démarche', 'État', 'Adresse', 'Créée le']}
          data={[...state.value]
            .sort((a, b) => b.createdAt.localeCompare(a.createdAt))
            .map((procedure) => {
              const { label, severity } = procedureStateDisplay[procedure.state];
              return [
                <Link key="title" to={procedureAdminPath(procedure.id, 'champs')}>
                  {procedure.title}
                </Link>,
                <Badge key="state" as="span" small severity={severity}>
                  {label}
                </Badge>,
                <code key="path">/commencer/{procedure.path}</code>,
                <time key="createdAt" dateTime={procedure.createdAt}>
                  {formatDateTime(procedure.createdAt)}
                </time>,
              ];
            })}
        />
      )}
    </>
  );
}
