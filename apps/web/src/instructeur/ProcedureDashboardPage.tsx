import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Badge } from '@codegouvfr/react-dsfr/Badge';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type DashboardCounts, type DashboardRow, dashboardTabs } from '@guichet/contracts';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, type DashboardSortColumn, isApiError } from '../api/client';
import { errorMessage } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { useSession } from '../account/session';
import { dossierStateDisplay, formatDateTime } from '../components/dossier/states';
import { useDocumentTitle } from '../components/useDocumentTitle';
import {
  ariaSort,
  currentCursor,
  type DashboardView,
  dashboardSearch,
  dashboardTabLabels,
  emptyTabTexts,
  nextPage,
  pageNumber,
  previousPage,
  procedureDashboardPath,
  readDashboardView,
  sortColumnLabels,
  withSort,
} from './dashboardView';
import { dashboardRefreshMs } from './instructeurQueries';
import { SignInRequired } from './SignInRequired';

const pageSize = 50;

/** /instructeur/procedures/:procedureId: the tabs of a procedure's dossiers (tab, sort and page in the URL). */
export function ProcedureDashboardPage() {
  const { procedureId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const view = readDashboardView(searchParams);
  const { session } = useSession();
  const authenticated = session.status === 'authenticated';
  const after = currentCursor(view);

  // The title comes with the list of my procedures (the counts and pages do not carry it).
  const procedures = useQuery({ queryKey: queryKeys.instructeurProcedures, queryFn: () => api.listInstructeurProcedures(), enabled: authenticated });
  const counts = useQuery({ queryKey: queryKeys.dashboardCounts(procedureId), queryFn: () => api.getDashboardCounts(procedureId), enabled: authenticated, refetchInterval: dashboardRefreshMs });
  const page = useQuery({
    queryKey: queryKeys.dashboardPage(procedureId, { tab: view.tab, column: view.column, direction: view.direction, after: after ?? null }),
    queryFn: () => api.getDashboardPage(procedureId, { tab: view.tab, column: view.column, direction: view.direction, limit: pageSize, ...(after !== undefined ? { after } : {}) }),
    enabled: authenticated,
    refetchInterval: dashboardRefreshMs,
  });
  const title = procedures.data?.find((procedure) => procedure.procedureId === procedureId)?.procedureTitle;
  useDocumentTitle(`${dashboardTabLabels[view.tab]} - ${title ?? 'Démarche'}`);

  if (session.status === 'anonymous') return <SignInRequired />;
  const countsFailure = counts.error;
  if (isApiError(countsFailure) && countsFailure.status === 404) return <ProcedureNotFound />;

  const show = (next: DashboardView) => setSearchParams(dashboardSearch(next));

  return (
    <>
      <Breadcrumb currentPageLabel={title ?? 'Démarche'} homeLinkProps={{ to: '/' }} segments={[{ label: 'Mes démarches à instruire', linkProps: { to: '/instructeur' } }]} className={fr.cx('fr-mt-0')} />
      <h1>{title ?? 'Démarche'}</h1>
      {countsFailure !== null && <Alert className={fr.cx('fr-mb-3w')} severity="error" as="h2" title="Le nombre de dossiers n’a pas pu être chargé" description={errorMessage(countsFailure)} />}
      <TabLinks procedureId={procedureId} view={view} counts={counts.data} />
      {page.isError ? (
        <Alert severity="error" as="h2" title="Les dossiers n’ont pas pu être chargés" description={errorMessage(page.error)} />
      ) : page.data === undefined ? (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement des dossiers…
        </p>
      ) : page.data.items.length === 0 && view.cursors.length === 0 ? (
        <p className={fr.cx('fr-text--lead')}>{emptyTabTexts[view.tab]}</p>
      ) : (
        <>
          <DossierTable view={view} rows={page.data.items} onSort={(column) => show(withSort(view, column))} />
          <nav aria-label="Pages de dossiers" className={fr.cx('fr-mt-2w')}>
            <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--icon-left')}>
              {view.cursors.length > 0 && (
                <li>
                  <Button type="button" priority="secondary" iconId="fr-icon-arrow-left-s-line" onClick={() => show(previousPage(view))}>
                    Page précédente
                  </Button>
                </li>
              )}
              {page.data.nextCursor !== null && (
                <li>
                  <Button type="button" priority="secondary" iconId="fr-icon-arrow-right-s-line" iconPosition="right" onClick={() => page.data.nextCursor !== null && show(nextPage(view, page.data.nextCursor))}>
                    Page suivante
                  </Button>
                </li>
              )}
            </ul>
          </nav>
        </>
      )}
    </>
  );
}

function TabLinks({ procedureId, view, counts }: { procedureId: string; view: DashboardView; counts: DashboardCounts | undefined }) {
  return (
    <nav aria-label="Onglets des dossiers" className={fr.cx('fr-mb-3w')}>
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm')}>
        {dashboardTabs.map((tab) => {
          const selected = tab === view.tab;
          return (
            <li key={tab}>
              <Link
                className={fr.cx('fr-btn', 'fr-btn--sm', ...(selected ? [] : (['fr-btn--tertiary'] as const)))}
                to={procedureDashboardPath(procedureId, { ...view, tab, cursors: [] })}
                {...(selected ? { 'aria-current': 'page' as const } : {})}
              >
                {dashboardTabLabels[tab]} ({counts === undefined ? '…' : counts[tab]})
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

/** The columns of the list; those with a sort column have a sorting button in their header. */
const columns: readonly { label: string; sort: DashboardSortColumn | null }[] = [
  { label: sortColumnLabels.number, sort: 'number' },
  { label: 'Demandeur', sort: null },
  { label: sortColumnLabels.state, sort: 'state' },
  { label: sortColumnLabels.submittedAt, sort: 'submittedAt' },
  { label: sortColumnLabels.updatedAt, sort: 'updatedAt' },
  { label: 'Groupe', sort: null },
];

const sortIcons = { ascending: 'fr-icon-arrow-up-line', descending: 'fr-icon-arrow-down-line', none: 'fr-icon-arrow-up-down-line' } as const;

function DossierTable({ view, rows, onSort }: { view: DashboardView; rows: readonly DashboardRow[]; onSort: (column: DashboardSortColumn) => void }) {
  return (
    <div className={fr.cx('fr-table', 'fr-mb-0')}>
      <table>
        <caption>
          Dossiers « {dashboardTabLabels[view.tab]} », page {pageNumber(view)}
        </caption>
        <thead>
          <tr>
            {columns.map(({ label, sort }) =>
              sort === null ? (
                <th key={label} scope="col">
                  {label}
                </th>
              ) : (
                <th key={label} scope="col" aria-sort={ariaSort(view, sort)}>
                  <button type="button" className={fr.cx('fr-btn', 'fr-btn--tertiary-no-outline', 'fr-btn--sm', 'fr-btn--icon-right', sortIcons[ariaSort(view, sort)])} onClick={() => onSort(sort)}>
                    {label}
                  </button>
                </th>
              ),
            )}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { label, severity } = dossierStateDisplay[row.state];
            const applicant = `${row.usager.firstName} ${row.usager.lastName}`.trim();
            return (
              <tr key={row.id}>
                <td>
                  <Link to={`/instructeur/dossiers/${row.id}`}>N° {row.number}</Link>
                  {row.followedByMe && <span className={fr.cx('fr-sr-only')}> (suivi par vous)</span>}
                </td>
                <td>
                  {applicant === '' ? row.usager.email : applicant}
                  {applicant !== '' && (
                    <>
                      <br />
                      <span className={fr.cx('fr-text--xs')}>{row.usager.email}</span>
                    </>
                  )}
                </td>
                <td>
                  <ul className={fr.cx('fr-badges-group')}>
                    <li>
                      <Badge as="span" small severity={severity}>
                        {label}
                      </Badge>
                    </li>
                    {row.correctionPending && (
                      <li>
                        <Badge as="span" small severity="warning">
                          Correction demandée
                        </Badge>
                      </li>
                    )}
                    {row.test && (
                      <li>
                        <Badge as="span" small severity="warning">
                          Dossier de test
                        </Badge>
                      </li>
                    )}
                  </ul>
                </td>
                <td>{row.submittedAt === null ? '–' : <time dateTime={row.submittedAt}>{formatDateTime(row.submittedAt)}</time>}</td>
                <td>
                  <time dateTime={row.updatedAt}>{formatDateTime(row.updatedAt)}</time>
                </td>
                <td>{row.groupeInstructeur?.label ?? '–'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

function ProcedureNotFound() {
  useDocumentTitle('Démarche introuvable');
  return (
    <>
      <h1>Démarche introuvable</h1>
      <p className={fr.cx('fr-text--lead')}>Cette démarche n’existe pas, ou vous n’êtes membre d’aucun de ses groupes instructeurs.</p>
      <Button linkProps={{ to: '/instructeur' }}>Mes démarches à instruire</Button>
    </>
  );
}
