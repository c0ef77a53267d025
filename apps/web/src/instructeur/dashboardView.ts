import {
  type DashboardColumn,
  dashboardColumnSchema,
  type DashboardField,
  type DashboardFieldMatch,
  type DashboardFilter,
  dashboardFilterSchema,
  type dashboardFixedColumns,
  type DashboardFixedSortColumn,
  type DashboardPreferences,
  dashboardSortColumnSchema,
  type DashboardTab,
  dashboardTabs,
  defaultDashboardPreferences,
  maxDashboardColumns,
  maxDashboardFilters,
  uuid,
} from '@guichet/contracts';
import { type DashboardPageQuery, type DashboardSortColumn, type SortDirection } from '../api/client';

/**
 * What a procedure's dashboard shows, kept in the URL's search params so that a reload, a shared
 * link or the back button gives the same list: the tab (`onglet`), the sort (`tri`, `ordre`), the
 * search (`q`), the filters (`filtres`, the JSON list the API takes), the columns (`colonnes`,
 * comma-separated) and the page, as the stack of cursors that led to it (`page`, repeated; the
 * last one is the `after` of the page shown, none on the first page). The batch the agent last
 * started (`lot`) rides along, so a reload shows its progress, whatever tab is shown.
 */
export type DashboardView = {
  tab: DashboardTab;
  column: DashboardSortColumn;
  direction: SortDirection;
  cursors: readonly string[];
  /** The full-text search as typed ('' for none). */
  search: string;
  filters: readonly DashboardFilter[];
  /** The columns shown after the number (always shown), in order. */
  columns: readonly DashboardColumn[];
  /** The batch whose progress is shown (absent: none). */
  batchId?: string;
};

export type DashboardFixedColumn = (typeof dashboardFixedColumns)[number];
export type FieldMatchOp = DashboardFieldMatch['op'];

export const defaultDashboardView: DashboardView = {
  tab: 'a-suivre',
  column: defaultDashboardPreferences.sort.column,
  direction: defaultDashboardPreferences.sort.direction,
  cursors: [],
  search: '',
  filters: [],
  columns: defaultDashboardPreferences.columns,
};

/** French labels of the tabs (DS words them so). */
export const dashboardTabLabels: Readonly<Record<DashboardTab, string>> = {
  'a-suivre': 'À suivre',
  suivis: 'Suivis par moi',
  traites: 'Traités',
  tous: 'Au total',
  expirant: 'Expirant',
  archives: 'Archivés',
  supprimes: 'Supprimés',
};

/** What a tab's list says when it is empty. */
export const emptyTabTexts: Readonly<Record<DashboardTab, string>> = {
  'a-suivre': 'Aucun dossier à suivre : chaque dossier en cours est suivi par un instructeur.',
  suivis: 'Vous ne suivez aucun dossier en cours.',
  traites: 'Aucun dossier traité.',
  tous: 'Aucun dossier déposé.',
  expirant: 'Aucun dossier n’arrive au terme de sa durée de conservation dans les deux semaines.',
  archives: 'Aucun dossier archivé.',
  supprimes: 'Aucun dossier supprimé.',
};

/** French labels of the fixed sortable columns. */
export const sortColumnLabels: Readonly<Record<DashboardFixedSortColumn, string>> = {
  number: 'N°',
  submittedAt: 'Déposé le',
  updatedAt: 'Mis à jour',
  decidedAt: 'Décidé le',
  state: 'État',
};

/** French labels of the fixed columns an agent may show, and the sort each one offers. */
export const fixedColumns: Readonly<Record<DashboardFixedColumn, { label: string; sort: DashboardFixedSortColumn | null }>> = {
  usager: { label: 'Demandeur', sort: null },
  state: { label: sortColumnLabels.state, sort: 'state' },
  group: { label: 'Groupe', sort: null },
  labels: { label: 'Étiquettes', sort: null },
  submittedAt: { label: sortColumnLabels.submittedAt, sort: 'submittedAt' },
  updatedAt: { label: sortColumnLabels.updatedAt, sort: 'updatedAt' },
  decidedAt: { label: sortColumnLabels.decidedAt, sort: 'decidedAt' },
  followers: { label: 'Suivi par', sort: null },
};

/**
 * The direction a column starts with when it is chosen: the newest first for numbers and dates;
 * states in their lifecycle order; a field's values in alphabetical or increasing order.
 */
const firstDirection: Readonly<Record<DashboardFixedSortColumn, SortDirection>> = {
  number: 'desc',
  submittedAt: 'desc',
  updatedAt: 'desc',
  decidedAt: 'desc',
  state: 'asc',
};

const directionOf = (column: DashboardSortColumn): SortDirection => (isFieldColumn(column) ? 'asc' : firstDirection[column]);

const params = { tab: 'onglet', column: 'tri', direction: 'ordre', cursor: 'page', search: 'q', filters: 'filtres', columns: 'colonnes', batch: 'lot' } as const;

/** The params that carry what an agent chose and saves (columns, filters, sort); the tab, search and page are not saved. */
const chosenParams = [params.column, params.direction, params.filters, params.columns] as const;

const fieldPrefix = 'champ:';

export function isFieldColumn(column: string): column is `champ:${string}` {
  return column.startsWith(fieldPrefix);
}

/** The stable id of a field column (`champ:<stableId>`). */
export function fieldIdOf(column: `champ:${string}`): string {
  return column.slice(fieldPrefix.length);
}

export function fieldColumn(stableId: string): `champ:${string}` {
  return `${fieldPrefix}${stableId}`;
}

function isTab(value: string | null): value is DashboardTab {
  return (dashboardTabs as readonly (string | null)[]).includes(value);
}

function sortColumnOf(value: string | null): DashboardSortColumn | undefined {
  const parsed = dashboardSortColumnSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The filters of the URL: a JSON list; each filter the contract does not accept is left out. */
function readFilters(text: string | null): DashboardFilter[] {
  if (text === null || text === '') return [];
  let list: unknown;
  try {
    list = JSON.parse(text);
  } catch {
    return [];
  }
  if (!Array.isArray(list)) return [];
  return list
    .flatMap((item: unknown) => {
      const parsed = dashboardFilterSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    })
    .slice(0, maxDashboardFilters);
}

/** The columns of the URL (absent: the defaults; empty: the number alone); unknown ones and repeats are left out. */
function readColumns(text: string | null): DashboardColumn[] {
  if (text === null) return [...defaultDashboardView.columns];
  const columns: DashboardColumn[] = [];
  for (const part of text.split(',')) {
    const parsed = dashboardColumnSchema.safeParse(part.trim());
    if (parsed.success && !columns.includes(parsed.data)) columns.push(parsed.data);
  }
  return columns.slice(0, maxDashboardColumns);
}

/** The view a URL asks for; anything unknown falls back to the default (never an error page). */
export function readDashboardView(search: URLSearchParams): DashboardView {
  const tab = search.get(params.tab);
  const column = sortColumnOf(search.get(params.column));
  const direction = search.get(params.direction);
  const batchId = uuid.safeParse(search.get(params.batch));
  return {
    tab: isTab(tab) ? tab : defaultDashboardView.tab,
    column: column ?? defaultDashboardView.column,
    direction: direction === 'asc' || direction === 'desc' ? direction : column !== undefined ? directionOf(column) : defaultDashboardView.direction,
    cursors: search.getAll(params.cursor).filter((cursor) => cursor !== ''),
    search: search.get(params.search) ?? '',
    filters: readFilters(search.get(params.filters)),
    columns: readColumns(search.get(params.columns)),
    ...(batchId.success ? { batchId: batchId.data } : {}),
  };
}

const sameColumns = (a: readonly DashboardColumn[], b: readonly DashboardColumn[]): boolean => a.length === b.length && a.every((column, index) => column === b[index]);

/** The search params of a view (the defaults left out, so the first page has a short address). */
export function dashboardSearch(view: DashboardView): URLSearchParams {
  const search = new URLSearchParams();
  if (view.tab !== defaultDashboardView.tab) search.set(params.tab, view.tab);
  if (view.column !== defaultDashboardView.column || view.direction !== defaultDashboardView.direction) {
    search.set(params.column, view.column);
    search.set(params.direction, view.direction);
  }
  if (view.search.trim() !== '') search.set(params.search, view.search.trim());
  if (view.filters.length > 0) search.set(params.filters, JSON.stringify(view.filters));
  if (!sameColumns(view.columns, defaultDashboardView.columns)) search.set(params.columns, view.columns.join(','));
  for (const cursor of view.cursors) search.append(params.cursor, cursor);
  if (view.batchId !== undefined) search.set(params.batch, view.batchId);
  return search;
}

/**
 * Whether the URL says which columns, filters or sort to show. Without, the agent's saved
 * preferences apply (the tab, the search and the page are kept).
 */
export function hasChosenView(search: URLSearchParams): boolean {
  return chosenParams.some((param) => search.has(param));
}

/** What is saved of a view for the agent's next visit. */
export function preferencesOf(view: DashboardView): DashboardPreferences {
  return { columns: [...view.columns], filters: [...view.filters], sort: { column: view.column, direction: view.direction } };
}

export function samePreferences(a: DashboardPreferences, b: DashboardPreferences): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** The view with the agent's saved columns, filters and sort (tab and search kept, first page). */
export function withPreferences(view: DashboardView, preferences: DashboardPreferences): DashboardView {
  return { ...view, columns: [...preferences.columns], filters: [...preferences.filters], column: preferences.sort.column, direction: preferences.sort.direction, cursors: [] };
}

/** The batch whose progress the page shows, or none (`undefined`). */
export function withBatch(view: DashboardView, batchId: string | undefined): DashboardView {
  const { batchId: _shown, ...rest } = view;
  return batchId === undefined ? rest : { ...rest, batchId };
}

/** Another tab: its first page, the sort, search and filters kept. */
export function withTab(view: DashboardView, tab: DashboardTab): DashboardView {
  return { ...view, tab, cursors: [] };
}

/** A click on a column header: the same column turns around, another starts in its first direction; back to the first page. */
export function withSort(view: DashboardView, column: DashboardSortColumn): DashboardView {
  const direction = view.column === column ? (view.direction === 'asc' ? 'desc' : 'asc') : directionOf(column);
  return { ...view, column, direction, cursors: [] };
}

/** A new search (blank: none), from the first page. */
export function withSearch(view: DashboardView, search: string): DashboardView {
  return { ...view, search: search.trim(), cursors: [] };
}

/** What a filter applies to: a fixed column, or a field by its stable id. One filter per target. */
export function filterTarget(filter: DashboardFilter): string {
  return filter.column === 'field' ? fieldColumn(filter.stableId) : filter.column;
}

/** A new filter replaces the one on the same column or field (filters add up: two on one column would rarely match anything); first page. */
export function withFilter(view: DashboardView, filter: DashboardFilter): DashboardView {
  const target = filterTarget(filter);
  const index = view.filters.findIndex((existing) => filterTarget(existing) === target);
  const filters = index === -1 ? [...view.filters, filter] : view.filters.map((existing, at) => (at === index ? filter : existing));
  return { ...view, filters: filters.slice(0, maxDashboardFilters), cursors: [] };
}

export function withoutFilter(view: DashboardView, index: number): DashboardView {
  return { ...view, filters: view.filters.filter((_, at) => at !== index), cursors: [] };
}

/** Whether the list shows the column it is sorted on (the number always is), so its header tells the sort. */
function showsSortColumn(column: DashboardSortColumn, columns: readonly DashboardColumn[]): boolean {
  return column === 'number' || columns.some((shown) => (isFieldColumn(shown) ? shown : fixedColumns[shown].sort) === column);
}

/**
 * Other columns: the rows stay the same and the page is kept, unless the column the list is
 * sorted on goes away: then it is sorted by number again, from the first page.
 */
export function withColumns(view: DashboardView, columns: readonly DashboardColumn[]): DashboardView {
  const next = [...new Set(columns)].slice(0, maxDashboardColumns);
  if (showsSortColumn(view.column, next)) return { ...view, columns: next };
  return { ...view, columns: next, column: defaultDashboardView.column, direction: defaultDashboardView.direction, cursors: [] };
}

export function addColumn(columns: readonly DashboardColumn[], column: DashboardColumn): DashboardColumn[] {
  return columns.includes(column) || columns.length >= maxDashboardColumns ? [...columns] : [...columns, column];
}

export function removeColumn(columns: readonly DashboardColumn[], index: number): DashboardColumn[] {
  return columns.filter((_, at) => at !== index);
}

/** Moves a column one place left (-1) or right (+1); at an end, nothing moves. */
export function moveColumn(columns: readonly DashboardColumn[], index: number, delta: -1 | 1): DashboardColumn[] {
  const target = index + delta;
  const moved = columns[index];
  const other = columns[target];
  if (moved === undefined || other === undefined) return [...columns];
  return columns.map((column, at) => (at === index ? other : at === target ? moved : column));
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

/** Whether the view needs the procedure's fields (a field column, sort or filter). */
export function namesField(view: DashboardView): boolean {
  return isFieldColumn(view.column) || view.columns.some(isFieldColumn) || view.filters.some((filter) => filter.column === 'field');
}

/**
 * The API query of the page a view shows. The field columns' values come with the rows; a field
 * column the procedure no longer has (an old bookmark) is not asked for once the fields are known.
 */
export function pageQuery(view: DashboardView, limit: number, knownFields?: readonly DashboardField[]): DashboardPageQuery {
  const after = currentCursor(view);
  const known = knownFields === undefined ? undefined : new Set(knownFields.map((field) => field.stableId));
  const fieldColumns = view.columns.filter(isFieldColumn).map(fieldIdOf).filter((stableId) => known === undefined || known.has(stableId));
  return {
    tab: view.tab,
    column: view.column,
    direction: view.direction,
    filters: view.filters,
    ...(view.search.trim() !== '' ? { search: view.search.trim() } : {}),
    fieldColumns,
    limit,
    ...(after !== undefined ? { after } : {}),
  };
}

/* Labels: columns and active filters in French. */

/** The label of a column header; a field the procedure no longer has says so. */
export function columnLabel(column: DashboardColumn, fields: readonly DashboardField[]): string {
  if (!isFieldColumn(column)) return fixedColumns[column].label;
  const stableId = fieldIdOf(column);
  return fields.find((field) => field.stableId === stableId)?.label ?? 'Champ supprimé';
}

type StateFilterValue = Extract<DashboardFilter, { column: 'state' }>['values'][number];
type FollowerChoice = 'me' | 'none' | 'someone';
type DateFilterColumn = Extract<DashboardFilter, { column: 'submittedAt' | 'updatedAt' | 'decidedAt' }>['column'];

/** The states a dashboard filters on (a brouillon never reaches it), in lifecycle order. */
export const stateFilterLabels: Readonly<Record<StateFilterValue, string>> = {
  en_construction: 'En construction',
  en_instruction: 'En instruction',
  accepte: 'Accepté',
  refuse: 'Refusé',
  sans_suite: 'Classé sans suite',
};
export const filterableStates = Object.keys(stateFilterLabels) as StateFilterValue[];

export const followerLabels: Readonly<Record<FollowerChoice, string>> = { me: 'moi', none: 'personne', someone: 'quelqu’un' };
export const followerChoices = Object.keys(followerLabels) as FollowerChoice[];

export const dateFilterLabels: Readonly<Record<DateFilterColumn, string>> = {
  submittedAt: 'Date de dépôt',
  updatedAt: 'Date de mise à jour',
  decidedAt: 'Date de décision',
};

/** How each field operator reads in the filter form. */
export const opLabels: Readonly<Record<FieldMatchOp, string>> = {
  contains: 'contient',
  equals: 'est l’un des choix',
  range: 'est compris entre',
  is: 'vaut oui ou non',
  filled: 'est rempli ou vide',
};

/** `2026-01-31` as `31/01/2026` (calendar dates, no time zone involved). */
export function frenchDate(date: string): string {
  const [year, month, day] = date.split('-');
  return year !== undefined && month !== undefined && day !== undefined ? `${day}/${month}/${year}` : date;
}

function rangeText(min: string | number | undefined, max: string | number | undefined): string {
  const show = (value: string | number) => (typeof value === 'number' ? value.toLocaleString('fr-FR') : frenchDate(value));
  const dates = typeof min === 'string' || typeof max === 'string';
  if (min !== undefined && max !== undefined) return dates ? `du ${show(min)} au ${show(max)}` : `de ${show(min)} à ${show(max)}`;
  if (min !== undefined) return dates ? `depuis le ${show(min)}` : `au moins ${show(min)}`;
  if (max !== undefined) return dates ? `jusqu’au ${show(max)}` : `au plus ${show(max)}`;
  return 'sans limite';
}

function matchText(match: DashboardFieldMatch, field: DashboardField | undefined): string {
  switch (match.op) {
    case 'contains':
      return `contient « ${match.value} »`;
    case 'equals':
      return match.values.join(', ');
    case 'range':
      return rangeText(match.min, match.max);
    case 'is':
      return field?.type === 'checkbox' ? (match.value ? 'coché' : 'non coché') : match.value ? 'oui' : 'non';
    case 'filled':
      return match.value ? 'rempli' : 'vide';
  }
}

export type FilterLabelContext = { fields: readonly DashboardField[]; groups: readonly { id: string; label: string }[]; labels?: readonly { id: string; name: string }[] };

/** An active filter as its tag reads, e.g. « Type de projet : Sport, Culture » or « État : Accepté ». */
export function filterLabel(filter: DashboardFilter, { fields, groups, labels = [] }: FilterLabelContext): string {
  switch (filter.column) {
    case 'state':
      return `État : ${filter.values.map((state) => stateFilterLabels[state]).join(', ')}`;
    case 'group':
      return `Groupe : ${filter.values.map((id) => groups.find((group) => group.id === id)?.label ?? 'groupe inconnu').join(', ')}`;
    case 'label':
      return `Étiquettes : ${filter.values.map((id) => labels.find((label) => label.id === id)?.name ?? 'étiquette inconnue').join(', ')}`;
    case 'follower':
      return `Suivi par : ${filter.value === 'me' || filter.value === 'none' || filter.value === 'someone' ? followerLabels[filter.value] : filter.value}`;
    case 'submittedAt':
    case 'updatedAt':
    case 'decidedAt':
      return `${dateFilterLabels[filter.column]} : ${rangeText(filter.from, filter.to)}`;
    case 'field': {
      const field = fields.find((candidate) => candidate.stableId === filter.stableId);
      return `${field?.label ?? 'Champ supprimé'} : ${matchText(filter.match, field)}`;
    }
  }
}

/* The filter form: what the agent filled in, turned into a filter the contract accepts. */

/** The targets of the filter form: the fixed columns, or a field as `champ:<stableId>`. */
export type FilterFormTarget = 'state' | 'group' | 'label' | 'follower' | DateFilterColumn | `champ:${string}`;

export type FilterDraft = {
  target: FilterFormTarget | '';
  /** The operator, for a field. */
  op: FieldMatchOp;
  /** Ticked states, groups, labels or choices. */
  values: readonly string[];
  /** Text searched in a field, or the follower choice. */
  text: string;
  /** Range bounds (dates as YYYY-MM-DD, numbers as typed). */
  min: string;
  max: string;
  /** Yes/no, ticked/unticked, filled/empty. */
  flag: boolean | null;
};

export const emptyFilterDraft: FilterDraft = { target: '', op: 'contains', values: [], text: '', min: '', max: '', flag: null };

/** The first operator of a field, a new draft for it. */
export function draftFor(target: FilterFormTarget, fields: readonly DashboardField[]): FilterDraft {
  const field = isFieldColumn(target) ? fields.find((candidate) => candidate.stableId === fieldIdOf(target)) : undefined;
  return { ...emptyFilterDraft, target, op: field?.ops[0] ?? 'contains' };
}

/** Whether a field's range is on dates (date inputs) rather than numbers. */
export function rangeOnDates(field: DashboardField): boolean {
  return field.type === 'date' || field.type === 'datetime';
}

export type DraftResult = { ok: true; filter: DashboardFilter } | { ok: false; error: string };

/**
 * The filter a draft describes, checked by the contract's own schema (its French messages); what
 * only the server knows (a date that does not exist, a minimum above the maximum) comes back from
 * the page as a field error of that filter.
 */
export function draftFilter(draft: FilterDraft, fields: readonly DashboardField[]): DraftResult {
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
  let candidate: unknown;
  switch (draft.target) {
    case '':
      return { ok: false, error: 'Choisissez sur quoi filtrer.' };
    case 'state':
    case 'group':
    case 'label':
      candidate = { column: draft.target, values: draft.values };
      break;
    case 'follower':
      if (draft.text === '') return { ok: false, error: 'Choisissez par qui le dossier est suivi.' };
      candidate = { column: 'follower', value: draft.text };
      break;
    case 'submittedAt':
    case 'updatedAt':
    case 'decidedAt': {
      const from = optional(draft.min);
      const to = optional(draft.max);
      if (from === undefined && to === undefined) return { ok: false, error: 'Indiquez une date de début, de fin, ou les deux.' };
      candidate = { column: draft.target, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) };
      break;
    }
    default: {
      const stableId = fieldIdOf(draft.target);
      const field = fields.find((candidateField) => candidateField.stableId === stableId);
      if (field === undefined) return { ok: false, error: 'Ce champ n’existe plus dans la démarche.' };
      if (!field.ops.includes(draft.op)) return { ok: false, error: `Le champ « ${field.label} » ne se filtre pas ainsi.` };
      const match = fieldMatch(draft, field);
      if (!match.ok) return match;
      candidate = { column: 'field', stableId, match: match.match };
    }
  }
  const parsed = dashboardFilterSchema.safeParse(candidate);
  if (parsed.success) return { ok: true, filter: parsed.data };
  return { ok: false, error: parsed.error.issues[0]?.message ?? 'Ce filtre est invalide.' };
}

function fieldMatch(draft: FilterDraft, field: DashboardField): { ok: true; match: unknown } | { ok: false; error: string } {
  switch (draft.op) {
    case 'contains':
      return { ok: true, match: { op: 'contains', value: draft.text } };
    case 'equals':
      return { ok: true, match: { op: 'equals', values: draft.values } };
    case 'range': {
      const bound = (text: string): { value?: string | number; error?: string } => {
        const trimmed = text.trim();
        if (trimmed === '') return {};
        if (rangeOnDates(field)) return { value: trimmed };
        const number = Number(trimmed.replace(',', '.'));
        return Number.isFinite(number) ? { value: number } : { error: 'Saisissez un nombre.' };
      };
      const min = bound(draft.min);
      const max = bound(draft.max);
      const error = min.error ?? max.error;
      if (error !== undefined) return { ok: false, error };
      if (min.value === undefined && max.value === undefined) return { ok: false, error: 'Indiquez un minimum, un maximum, ou les deux.' };
      return { ok: true, match: { op: 'range', ...(min.value !== undefined ? { min: min.value } : {}), ...(max.value !== undefined ? { max: max.value } : {}) } };
    }
    case 'is':
    case 'filled':
      if (draft.flag === null) return { ok: false, error: draft.op === 'is' ? 'Choisissez oui ou non.' : 'Choisissez rempli ou vide.' };
      return { ok: true, match: { op: draft.op, value: draft.flag } };
  }
}

/* Errors of a page or of saved preferences, each where the agent can act on it. */

export type DashboardErrors = {
  /** Messages by filter index. */
  filters: ReadonlyMap<number, readonly string[]>;
  search: string | undefined;
  sort: string | undefined;
  columns: readonly string[];
  others: readonly string[];
};

/**
 * Sorts field errors out: a page names them as its query does (`filtres.0.match.min`, `q`, `tri`,
 * `champs.0`), saved preferences as their body does (`filters.0…`, `sort.column`, `columns.0`).
 */
export function dashboardErrors(fields: Readonly<Record<string, string>>): DashboardErrors {
  const filters = new Map<number, string[]>();
  let search: string | undefined;
  let sort: string | undefined;
  const columns: string[] = [];
  const others: string[] = [];
  for (const [key, message] of Object.entries(fields)) {
    const [head, second] = key.split('.');
    const index = second === undefined ? Number.NaN : Number(second);
    if ((head === 'filtres' || head === 'filters') && Number.isInteger(index)) filters.set(index, [...(filters.get(index) ?? []), message]);
    else if (head === 'q' || head === 'search') search ??= message;
    else if (head === 'tri' || head === 'sort') sort ??= message;
    else if (head === 'champs' || head === 'columns' || head === 'fieldColumns') columns.push(message);
    else others.push(message);
  }
  return { filters, search, sort, columns, others };
}
