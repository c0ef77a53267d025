import { fr } from '@codegouvfr/react-dsfr';
import { Alert } from '@codegouvfr/react-dsfr/Alert';
import { Breadcrumb } from '@codegouvfr/react-dsfr/Breadcrumb';
import { Button } from '@codegouvfr/react-dsfr/Button';
import { type BatchAction, type DashboardCounts, type DashboardPreferences, dashboardTabs, type Role } from '@guichet/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { api, type BatchStart, isApiError } from '../api/client';
import { errorMessage } from '../api/queries';
import { queryKeys } from '../api/queryKeys';
import { useSession } from '../account/session';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { BatchActionBar } from './BatchActionBar';
import { BatchProgress } from './BatchProgress';
import {
  batchErrors,
  type BatchErrors,
  batchPollMs,
  batchRequest,
  type BatchSelection,
  checkBatchRequest,
  currentSelection,
  emptySelection,
  hasSelection,
  isSelected,
  offersWholeList,
  pageSelectionState,
  selectionText,
  selectionTooLarge,
  selectWholeList,
  tabBatchActions,
  toggleDossier,
  togglePage,
  wholeListOfferText,
} from './batchView';
import { DashboardColumnsPanel } from './DashboardColumnsPanel';
import { ActiveFilters, FilterForm } from './DashboardFilters';
import { DashboardSearchForm } from './DashboardSearchForm';
import { DashboardTable } from './DashboardTable';
import {
  dashboardErrors,
  dashboardSearch,
  dashboardTabLabels,
  type DashboardView,
  emptyTabTexts,
  hasChosenView,
  namesField,
  nextPage,
  pageQuery,
  preferencesOf,
  previousPage,
  procedureDashboardPath,
  readDashboardView,
  samePreferences,
  withColumns,
  withBatch,
  withFilter,
  withoutFilter,
  withPreferences,
  withSearch,
  withSort,
} from './dashboardView';
import { dashboardRefreshMs, useDashboardGroups, useProcedureLabels } from './instructeurQueries';
import { SignInRequired } from './SignInRequired';
import { instructs, workspaceTitle } from './workspace';

const pageSize = 50;
const noErrors = dashboardErrors({});

/**
 * /instructeur/procedures/:procedureId: the tabs of a procedure's dossiers, searched, filtered,
 * sorted, with the agent's columns. All of it lives in the URL (a filtered list can be bookmarked,
 * the back button works); columns, filters and sort are also saved for the agent's next visit,
 * and a visit whose URL chose none of them starts from what was saved.
 */
export function ProcedureDashboardPage() {
  const { procedureId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const searchText = searchParams.toString();
  const view = useMemo(() => readDashboardView(new URLSearchParams(searchText)), [searchText]);
  const chosen = hasChosenView(searchParams);
  const { session } = useSession();
  const authenticated = session.status === 'authenticated';
  const roles = authenticated ? session.account.roles : undefined;
  // Batches are the instructeurs': an administrateur who is not one reads the lists only.
  const offersBatches = roles !== undefined && instructs(roles);
  const queryClient = useQueryClient();
  /** The procedure whose saved preferences were applied (or found absent): its list can be read. */
  const [restoredFor, setRestoredFor] = useState<string | null>(null);
  const ready = chosen || restoredFor === procedureId;

  // The title comes with the list of my procedures (the counts and pages do not carry it).
  const procedures = useQuery({ queryKey: queryKeys.instructeurProcedures, queryFn: () => api.listInstructeurProcedures(), enabled: authenticated });
  const counts = useQuery({ queryKey: queryKeys.dashboardCounts(procedureId), queryFn: () => api.getDashboardCounts(procedureId), enabled: authenticated, refetchInterval: dashboardRefreshMs });
  const preferences = useQuery({ queryKey: queryKeys.dashboardPreferences(procedureId), queryFn: () => api.getDashboardPreferences(procedureId), enabled: authenticated });
  const fields = preferences.data?.fields;
  const query = pageQuery(view, pageSize, fields);
  const page = useQuery({
    queryKey: queryKeys.dashboardPage(procedureId, query),
    queryFn: () => api.getDashboardPage(procedureId, query),
    // A view naming a field waits for the fields, so a field the procedure no longer has is left out.
    enabled: authenticated && ready && (!namesField(view) || fields !== undefined || preferences.isError),
    // A refused page (a filter the server does not accept) is not asked again until it changes.
    refetchInterval: (current) => (current.state.status === 'error' ? false : dashboardRefreshMs),
  });
  /** The open panel under the toolbar: the filter form or the columns. */
  const [panel, setPanel] = useState<'filtres' | 'colonnes' | null>(null);
  const filtersPanelId = useId();
  const columnsPanelId = useId();
  const filtersToggle = useRef<HTMLButtonElement>(null);
  // The groups name the group filter's choices and tags: read only when one is needed.
  const groups = useDashboardGroups(procedureId, authenticated && (panel === 'filtres' || view.filters.some((filter) => filter.column === 'group')));
  // The labels likewise, for the label filter's choices and tags.
  const labels = useProcedureLabels(procedureId, authenticated && (panel === 'filtres' || view.filters.some((filter) => filter.column === 'label')));
  const save = useMutation({
    mutationFn: (chosenPreferences: DashboardPreferences) => api.saveDashboardPreferences(procedureId, chosenPreferences),
    onSuccess: (saved) => queryClient.setQueryData(queryKeys.dashboardPreferences(procedureId), saved),
    // Saves go out in the order the agent made the changes.
    scope: { id: `dashboard-preferences-${procedureId}` },
  });

  // Batches: the dossiers ticked (on the list shown), and the batch last started, read every second while it runs.
  const [selectionMade, setSelection] = useState<BatchSelection>(() => emptySelection(view));
  const selection = currentSelection(selectionMade, view);
  const [startErrors, setStartErrors] = useState<(BatchErrors & { action: BatchAction }) | null>(null);
  const batch = useQuery({
    queryKey: queryKeys.batch(view.batchId ?? ''),
    queryFn: () => api.getBatch(view.batchId ?? ''),
    enabled: authenticated && view.batchId !== undefined,
    refetchInterval: (current) => (current.state.data?.state === 'en_cours' ? batchPollMs : false),
  });
  const startBatch = useMutation({
    mutationFn: (body: BatchStart) => api.startBatch(procedureId, body),
    onSuccess: (started) => queryClient.setQueryData(queryKeys.batch(started.id), started),
  });
  const actionBar = useRef<HTMLElement>(null);
  const progressPanel = useRef<HTMLDivElement>(null);
  const finishedBatch = batch.data?.state === 'termine' ? batch.data.id : undefined;
  // A batch done: the lists and counts are read again, the selection it was made from is cleared
  // (the focus, if it was in the action bar that goes away, moves to the batch's result).
  useEffect(() => {
    if (finishedBatch === undefined) return;
    void queryClient.invalidateQueries({ queryKey: queryKeys.instructeur });
    if (actionBar.current?.contains(document.activeElement) === true) progressPanel.current?.focus();
    setSelection((made) => ({ list: made.list, dossierIds: [] }));
  }, [finishedBatch, queryClient]);

  // A visit whose URL chose no columns, filters or sort: the saved ones, in the URL (replacing this entry, so back leaves the page).
  useEffect(() => {
    if (ready || !authenticated) return;
    if (preferences.isError) {
      setRestoredFor(procedureId);
      return;
    }
    if (preferences.data === undefined) return;
    if (preferences.data.saved) setSearchParams(dashboardSearch(withPreferences(readDashboardView(new URLSearchParams(searchText)), preferences.data.preferences)), { replace: true });
    setRestoredFor(procedureId);
  }, [ready, authenticated, preferences.isError, preferences.data, procedureId, searchText, setSearchParams]);

  const title = procedures.data?.find((procedure) => procedure.procedureId === procedureId)?.procedureTitle;
  useDocumentTitle(`${dashboardTabLabels[view.tab]} - ${title ?? 'Démarche'}`);

  if (session.status === 'anonymous') return <SignInRequired />;
  const countsFailure = counts.error;
  if (isApiError(countsFailure) && countsFailure.status === 404) return <ProcedureNotFound roles={roles} />;

  /** Pages and the tab are the URL's alone; a change of columns, filters or sort is also saved. */
  const show = (next: DashboardView) => {
    setRestoredFor(procedureId);
    setSearchParams(dashboardSearch(next));
    const nextPreferences = preferencesOf(next);
    if (!samePreferences(nextPreferences, preferencesOf(view))) save.mutate(nextPreferences);
  };
  const togglePanel = (which: 'filtres' | 'colonnes') => setPanel(panel === which ? null : which);
  /** The filter form closes (added or cancelled): the focus goes back to its button. */
  const closePanel = () => {
    setPanel(null);
    filtersToggle.current?.focus();
  };
  const pageErrors = isApiError(page.error) ? dashboardErrors(page.error.fields) : noErrors;
  const saveErrors = isApiError(save.error) ? dashboardErrors(save.error.fields) : noErrors;
  const narrowed = view.search !== '' || view.filters.length > 0;
  const pageIds = (page.data?.items ?? []).map((row) => row.id);
  const tabCount = counts.data?.[view.tab];
  const batchRunning = batch.data?.state === 'en_cours';
  /** Starts a batch on the selection; a refusal is shown where the agent can correct it. */
  const start = async (action: BatchAction, motivation?: string): Promise<boolean> => {
    const body = batchRequest(selection, view, action, motivation);
    const refused = checkBatchRequest(body);
    if (refused !== null) {
      setStartErrors({ ...refused, action });
      return false;
    }
    try {
      const started = await startBatch.mutateAsync(body);
      setStartErrors(null);
      show(withBatch(view, started.id));
      return true;
    } catch (error) {
      const refusedFields = batchErrors(isApiError(error) ? error.fields : {});
      // A refusal without field errors (a network failure, the procedure closed…) says why in one message.
      setStartErrors({ ...refusedFields, others: refusedFields.motivation === undefined && refusedFields.others.length === 0 ? [errorMessage(error)] : refusedFields.others, action });
      return false;
    }
  };

  return (
    <>
      <Breadcrumb currentPageLabel={title ?? 'Démarche'} homeLinkProps={{ to: '/' }} segments={[{ label: workspaceTitle(roles), linkProps: { to: '/instructeur' } }]} className={fr.cx('fr-mt-0')} />
      <h1>{title ?? 'Démarche'}</h1>
      {roles?.includes('administrateur') === true && !offersBatches && (
        <p className={fr.cx('fr-text--sm')}>Vous consultez les dossiers en tant qu’administrateur : seuls les instructeurs de leurs groupes les instruisent.</p>
      )}
      {countsFailure !== null && <Alert className={fr.cx('fr-mb-3w')} severity="error" as="h2" title="Le nombre de dossiers n’a pas pu être chargé" description={errorMessage(countsFailure)} />}
      <TabLinks procedureId={procedureId} view={view} counts={counts.data} />
      <div aria-live="polite">
        {view.batchId !== undefined &&
          (batch.data !== undefined ? (
            <BatchProgress ref={progressPanel} batch={batch.data} onDismiss={() => show(withBatch(view, undefined))} />
          ) : batch.isError ? (
            <Alert
              small
              className={fr.cx('fr-mb-3w')}
              severity="warning"
              description={
                <>
                  Le lot n’a pas pu être chargé : {errorMessage(batch.error)}{' '}
                  <Button type="button" size="small" priority="tertiary no outline" onClick={() => show(withBatch(view, undefined))}>
                    Masquer
                  </Button>
                </>
              }
            />
          ) : null)}
      </div>
      <DashboardSearchForm key={view.search} search={view.search} error={pageErrors.search} onSearch={(search) => show(withSearch(view, search))} />
      <ul className={fr.cx('fr-btns-group', 'fr-btns-group--inline-sm', 'fr-btns-group--icon-left')}>
        <li>
          <Button ref={filtersToggle} type="button" priority="secondary" iconId="fr-icon-filter-line" nativeButtonProps={{ 'aria-expanded': panel === 'filtres', 'aria-controls': filtersPanelId }} onClick={() => togglePanel('filtres')}>
            Filtrer
          </Button>
        </li>
        <li>
          <Button type="button" priority="secondary" iconId="fr-icon-table-line" nativeButtonProps={{ 'aria-expanded': panel === 'colonnes', 'aria-controls': columnsPanelId }} onClick={() => togglePanel('colonnes')}>
            Personnaliser les colonnes
          </Button>
        </li>
      </ul>
      <div id={filtersPanelId} hidden={panel !== 'filtres'}>
        {panel === 'filtres' && (
          <FilterForm
            fields={fields}
            groups={groups.data}
            groupsError={groups.isError ? errorMessage(groups.error) : undefined}
            labels={labels.data}
            labelsError={labels.isError ? errorMessage(labels.error) : undefined}
            onAdd={(filter) => {
              show(withFilter(view, filter));
              closePanel();
            }}
            onCancel={closePanel}
          />
        )}
      </div>
      <div id={columnsPanelId} hidden={panel !== 'colonnes'}>
        {panel === 'colonnes' && <DashboardColumnsPanel columns={view.columns} fields={fields} errors={[...pageErrors.columns, ...saveErrors.columns]} onChange={(columns) => show(withColumns(view, columns))} />}
      </div>
      <ActiveFilters
        filters={view.filters}
        fields={fields}
        groups={groups.data}
        labels={labels.data}
        errors={pageErrors.filters.size > 0 ? pageErrors.filters : saveErrors.filters}
        onRemove={(index) => show(withoutFilter(view, index))}
        onClear={() => show({ ...view, filters: [], cursors: [] })}
      />
      {preferences.isError && <Alert small className={fr.cx('fr-mb-2w')} severity="warning" description={`Les champs de la démarche n’ont pas pu être chargés : ${errorMessage(preferences.error)}`} />}
      {save.isError && !page.isError && <Alert small className={fr.cx('fr-mb-2w')} severity="warning" description={`Vos choix s’appliquent à cette liste mais n’ont pas été enregistrés pour votre prochaine visite : ${errorMessage(save.error)}`} />}
      {page.isError ? (
        <Alert
          severity="error"
          as="h2"
          title="Les dossiers n’ont pas pu être chargés"
          description={
            <>
              {errorMessage(page.error)}
              {[pageErrors.sort, ...pageErrors.others].filter((message) => message !== undefined && message !== page.error.message).map((message) => (
                <span key={message}>
                  <br />
                  {message}
                </span>
              ))}
              {pageErrors.filters.size > 0 && (
                <>
                  <br />
                  Corrigez ou retirez le filtre signalé.
                </>
              )}
              {(pageErrors.sort !== undefined || view.cursors.length > 0) && (
                <>
                  <br />
                  <Button type="button" size="small" priority="secondary" className={fr.cx('fr-mt-1w')} onClick={() => show(pageErrors.sort !== undefined ? withSort(view, 'number') : { ...view, cursors: [] })}>
                    {pageErrors.sort !== undefined ? 'Trier par numéro' : 'Revenir à la première page'}
                  </Button>
                </>
              )}
            </>
          }
        />
      ) : page.data === undefined ? (
        <p role="status" className={fr.cx('fr-text--sm')}>
          Chargement des dossiers…
        </p>
      ) : page.data.items.length === 0 && view.cursors.length === 0 ? (
        <p className={fr.cx('fr-text--lead')}>{narrowed ? 'Aucun dossier de cet onglet ne correspond à votre recherche ou à vos filtres.' : emptyTabTexts[view.tab]}</p>
      ) : (
        <>
          {offersBatches && hasSelection(selection) && (
            <BatchActionBar
              ref={actionBar}
              title={selectionText(selection, tabCount, narrowed)}
              actions={tabBatchActions[view.tab]}
              blocked={batchRunning ? 'Un lot est en cours de traitement : attendez sa fin pour en lancer un autre.' : selectionTooLarge(selection)}
              pending={startBatch.isPending}
              errors={startErrors}
              onClear={() => {
                setSelection(emptySelection(view));
                setStartErrors(null);
              }}
              onStart={start}
            />
          )}
          {offersBatches && offersWholeList(selection, pageIds, view.cursors.length > 0 || page.data.nextCursor !== null) && (
            <p className={fr.cx('fr-mb-2w')}>
              Les {pageIds.length} dossiers de cette page sont sélectionnés.{' '}
              <Button type="button" size="small" priority="tertiary" onClick={() => setSelection(selectWholeList(selection))}>
                {wholeListOfferText(tabCount, narrowed)}
              </Button>
            </p>
          )}
          <DashboardTable
            view={view}
            rows={page.data.items}
            fields={fields}
            onSort={(column) => show(withSort(view, column))}
            // A tab without batch actions (« supprimés »), or an agent who instructs nothing, has nothing to select.
            {...(!offersBatches || tabBatchActions[view.tab].length === 0
              ? {}
              : {
                  selection: {
                    isSelected: (dossierId: string) => isSelected(selection, dossierId),
                    onToggle: (dossierId: string) => setSelection(toggleDossier(selection, dossierId, pageIds)),
                    page: pageSelectionState(selection, pageIds),
                    onTogglePage: () => setSelection(togglePage(selection, pageIds)),
                  },
                })}
          />
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

function ProcedureNotFound({ roles }: { roles: readonly Role[] | undefined }) {
  useDocumentTitle('Démarche introuvable');
  return (
    <>
      <h1>Démarche introuvable</h1>
      <p className={fr.cx('fr-text--lead')}>Cette démarche n’existe pas, ou vous n’êtes membre d’aucun de ses groupes instructeurs.</p>
      <Button linkProps={{ to: '/instructeur' }}>{workspaceTitle(roles)}</Button>
    </>
  );
}
