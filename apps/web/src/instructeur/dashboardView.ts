import { type DashboardTab, dashboardSortColumns, dashboardTabs } from '@guichet/contracts';
import { type DashboardSortColumn, type SortDirection } from '../api/client';

/**
 * What a procedure's dashboard shows, kept in the URL's search params so that a reload, a shared
 * link or the back button gives the same list: the tab (`onglet`), the sort (`tri`, `ordre`) and
 * the page, as the stack of cursors that led to it (`page`, repeated; the last one is the `after`
 * of the page shown, none on the first page).
 */
export type DashboardView = {
  tab: DashboardTab;
  column: DashboardSortColumn;
  direction: SortDirection;
  cursors: readonly string[];
};

export const defaultDashboardView: DashboardView = { tab: 'a-suivre', column: 'number', direction: 'desc', cursors: [] };

/** French labels of the tabs (DS words them so). */
export const dashboardTabLabels: Readonly<Record<DashboardTab, string>> = {
  'a-suivre': 'À suivre',
  suivis: 'Suivis par moi',
  traites: 'Traités',
  tous: 'Au total',
  archives: 'Archivés',
};

/** What a tab's list says when it is empty. */
export const emptyTabTexts: Readonly<Record<DashboardTab, string>> = {
  'a-suivre': 'Aucun dossier à suivre : chaque dossier en cours est suivi par un instructeur.',
  suivis: 'Vous ne suivez aucun dossier en cours.',
  traites: 'Aucun dossier traité.',
  tous: 'Aucun dossier déposé.',
  archives: 'Aucun dossier archivé.',
};

/** French labels of the sortable columns. */
export const sortColumnLabels: Readonly<Record<DashboardSortColumn, string>> = {
  number: 'N°',
  submittedAt: 'Déposé le',
  updatedAt: 'Mis à jour',
  decidedAt: 'Décidé le',
  state: 'État',
};

/**
 * The direction a column starts with when it is chosen: the newest first for numbers and dates;
 * states in their lifecycle order.
 */
const firstDirection: Readonly<Record<DashboardSortColumn, SortDirection>> = {
  number: 'desc',
  submittedAt: 'desc',
  updatedAt: 'desc',
  decidedAt: 'desc',
  state: 'asc',
};

const params = { tab: 'onglet', column: 'tri', direction: 'ordre', cursor: 'page' } as const;

function isTab(value: string | null): value is DashboardTab {
  return (dashboardTabs as readonly (string | null)[]).includes(value);
}

function isColumn(value: string | null): value is DashboardSortColumn {
  return (dashboardSortColumns as readonly (string | null)[]).includes(value);
}

/** The view a URL asks for; anything unknown falls back to the default (never an error page). */
export function readDashboardView(search: URLSearchParams): DashboardView {
  const tab = search.get(params.tab);
  const column = search.get(params.column);
  const direction = search.get(params.direction);
  return {
    tab: isTab(tab) ? tab : defaultDashboardView.tab,
    column: isColumn(column) ? column : defaultDashboardView.column,
    direction: direction === 'asc' || direction === 'desc' ? direction : isColumn(column) ? firstDirection[column] : defaultDashboardView.direction,
    cursors: search.getAll(params.cursor).filter((cursor) => cursor !== ''),
  };
}

/** The search params of a view (the defaults left out, so the first page has a short address). */
export function dashboardSearch(view: DashboardView): URLSearchParams {
  const search = new URLSearchParams();
  if (view.tab !== defaultDashboardView.tab) search.set(params.tab, view.tab);
  if (view.column !== defaultDashboardView.column || view.direction !== defaultDashboardView.direction) {
    search.set(params.column, view.column);
    search.set(params.direction, view.direction);
  }
  for (const cursor of view.cursors) search.append(params.cursor, cursor);
  return search;
}

/** Another tab: its first page, the sort kept. */
export function withTab(view: DashboardView, tab: DashboardTab): DashboardView {
  return { ...view, tab, cursors: [] };
}

/** A click on a column header: the same column turns around, another starts in its first direction; back to the first page. */
export function withSort(view: DashboardView, column: DashboardSortColumn): DashboardView {
  const direction = view.column === column ? (view.direction === 'asc' ? 'desc' : 'asc') : firstDirection[column];
  return { ...view, column, direction, cursors: [] };
}

export function nextPage(view: DashboardView, nextCursor: string): DashboardView {
  return { ...view, cursors: [...view.cursors, nextCursor] };
}

export function previousPage(view: DashboardView): DashboardView {
  return { ...view, cursors: view.cursors.slice(0, -1) };
}

/** The `after` of the page shown (undefined on the first page). */
export function currentCursor(view: DashboardView): string | undefined {
  return view.cursors[view.cursors.length - 1];
}

/** The page number shown (1 for the first). */
export function pageNumber(view: DashboardView): number {
  return view.cursors.length + 1;
}

/** `aria-sort` of a column header. */
export function ariaSort(view: DashboardView, column: DashboardSortColumn): 'ascending' | 'descending' | 'none' {
  if (view.column !== column) return 'none';
  return view.direction === 'asc' ? 'ascending' : 'descending';
}

/** The address of a procedure's dashboard showing `view`. */
export function procedureDashboardPath(procedureId: string, view: DashboardView): string {
  const search = dashboardSearch(view).toString();
  return `/instructeur/procedures/${encodeURIComponent(procedureId)}${search === '' ? '' : `?${search}`}`;
}
