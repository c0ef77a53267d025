import { describe, expect, it } from 'vitest';
import { type DashboardField, type DashboardFilter } from '@guichet/contracts';
import {
  addColumn,
  ariaSort,
  columnLabel,
  currentCursor,
  dashboardErrors,
  dashboardSearch,
  type DashboardView,
  defaultDashboardView,
  draftFilter,
  draftFor,
  emptyFilterDraft,
  filterLabel,
  hasChosenView,
  moveColumn,
  namesField,
  nextPage,
  pageNumber,
  pageQuery,
  preferencesOf,
  previousPage,
  readDashboardView,
  removeColumn,
  samePreferences,
  withColumns,
  withFilter,
  withoutFilter,
  withPreferences,
  withSearch,
  withSort,
  withTab,
} from './dashboardView';

const read = (query: string) => readDashboardView(new URLSearchParams(query));

/** Stable ids as the procedures service gives them (the contract requires uuids). */
const ids = {
  type: '6f1c3c1e-8f1e-4e6a-9a55-1f0f5c1b2a01',
  name: '6f1c3c1e-8f1e-4e6a-9a55-1f0f5c1b2a02',
  amount: '6f1c3c1e-8f1e-4e6a-9a55-1f0f5c1b2a03',
  start: '6f1c3c1e-8f1e-4e6a-9a55-1f0f5c1b2a04',
  consent: '6f1c3c1e-8f1e-4e6a-9a55-1f0f5c1b2a05',
  budget: '6f1c3c1e-8f1e-4e6a-9a55-1f0f5c1b2a06',
  group: '7a2d4d2f-9f2f-4f7b-8b66-2a1a6d2c3b01',
  label: '8b3e5e3a-af3a-4a8c-9c77-3b2b7e3d4c01',
  gone: '00000000-0000-4000-8000-000000000000',
};

/** The fields GET …/preferences describes for the procedure. */
const fields: DashboardField[] = [
  { stableId: ids.type, label: 'Type de projet', type: 'drop_down_list', ops: ['equals', 'contains', 'filled'], sortable: true, choices: ['Sport', 'Culture'] },
  { stableId: ids.name, label: 'Nom du projet', type: 'text', ops: ['contains', 'filled'], sortable: true },
  { stableId: ids.amount, label: 'Montant', type: 'integer_number', ops: ['range', 'filled'], sortable: true },
  { stableId: ids.start, label: 'Début', type: 'date', ops: ['range', 'filled'], sortable: true },
  { stableId: ids.consent, label: 'Accord', type: 'checkbox', ops: ['is'], sortable: true },
  { stableId: ids.budget, label: 'Budget', type: 'piece_justificative', ops: ['filled'], sortable: false },
];
const groups = [{ id: ids.group, label: 'Paris' }];

const typeIsSport: DashboardFilter = { column: 'field', stableId: ids.type, match: { op: 'equals', values: ['Sport'] } };

describe('dashboard view in the URL', () => {
  it('reads the default view from an empty query, and writes it as an empty query', () => {
    expect(read('')).toEqual(defaultDashboardView);
    expect(dashboardSearch(defaultDashboardView).toString()).toBe('');
  });

  it('reads the tab, the sort and the stack of cursors', () => {
    expect(read('onglet=traites&tri=updatedAt&ordre=asc&page=c1&page=c2')).toEqual({ ...defaultDashboardView, tab: 'traites', column: 'updatedAt', direction: 'asc', cursors: ['c1', 'c2'] });
  });

  it('falls back to the defaults for unknown values, and to the column’s first direction when none is given', () => {
    expect(read('onglet=corbeille&tri=nom&ordre=haut&page=')).toEqual(defaultDashboardView);
    expect(read('tri=state')).toMatchObject({ column: 'state', direction: 'asc' });
  });

  it('round-trips every view through the URL', () => {
    const views: DashboardView[] = [
      { ...defaultDashboardView, tab: 'suivis' },
      { ...defaultDashboardView, direction: 'asc', cursors: ['eyJjIjoibnVtYmVyIn0'] },
      { ...defaultDashboardView, tab: 'archives', column: 'submittedAt', cursors: ['a', 'b', 'c'] },
      { ...defaultDashboardView, column: `champ:${ids.type}`, direction: 'asc', search: 'jardin partagé', filters: [typeIsSport, { column: 'state', values: ['accepte', 'refuse'] }], columns: ['state', `champ:${ids.type}`, 'usager'] },
      { ...defaultDashboardView, columns: [] },
      { ...defaultDashboardView, filters: [{ column: 'label', values: [ids.label] }], columns: ['usager', 'labels'] },
    ];
    for (const view of views) expect(readDashboardView(dashboardSearch(view))).toEqual(view);
  });

  it('changing tab goes back to the first page and keeps the sort', () => {
    const view: DashboardView = { ...defaultDashboardView, tab: 'tous', column: 'updatedAt', direction: 'asc', cursors: ['a'], filters: [typeIsSport] };
    expect(withTab(view, 'traites')).toEqual({ ...view, tab: 'traites', cursors: [] });
  });

  it('a click on the sorted column turns it around; on another column, starts it in its first direction; both go back to the first page', () => {
    const view = { ...defaultDashboardView, cursors: ['a'] };
    expect(withSort(view, 'number')).toEqual({ ...defaultDashboardView, direction: 'asc' });
    expect(withSort(withSort(view, 'number'), 'number')).toEqual(defaultDashboardView);
    expect(withSort(view, 'submittedAt')).toEqual({ ...defaultDashboardView, column: 'submittedAt', direction: 'desc' });
    expect(withSort(view, 'state')).toEqual({ ...defaultDashboardView, column: 'state', direction: 'asc' });
  });

  it('pages forward with the next cursor and back by dropping the last one', () => {
    const first = defaultDashboardView;
    expect(currentCursor(first)).toBeUndefined();
    expect(pageNumber(first)).toBe(1);
    const second = nextPage(first, 'c1');
    const third = nextPage(second, 'c2');
    expect(currentCursor(third)).toBe('c2');
    expect(pageNumber(third)).toBe(3);
    expect(previousPage(third)).toEqual(second);
    expect(previousPage(previousPage(third))).toEqual(first);
    expect(previousPage(first)).toEqual(first);
  });

  it('marks the sorted column for assistive technologies', () => {
    const view = { ...defaultDashboardView, column: 'updatedAt', direction: 'asc' } as const;
    expect(ariaSort(view, 'updatedAt')).toBe('ascending');
    expect(ariaSort({ ...view, direction: 'desc' }, 'updatedAt')).toBe('descending');
    expect(ariaSort(view, 'number')).toBe('none');
  });
});

describe('search, filters and columns in the URL', () => {
  it('reads the search, the filters (JSON) and the columns (comma-separated)', () => {
    const query = new URLSearchParams({ q: 'dupont', filtres: JSON.stringify([typeIsSport]), colonnes: `usager,champ:${ids.type}` });
    expect(readDashboardView(query)).toEqual({ ...defaultDashboardView, search: 'dupont', filters: [typeIsSport], columns: ['usager', `champ:${ids.type}`] });
  });

  it('sorts on a field, starting in increasing order', () => {
    expect(read(`tri=champ:${ids.amount}`)).toMatchObject({ column: `champ:${ids.amount}`, direction: 'asc' });
    expect(withSort(defaultDashboardView, `champ:${ids.name}`)).toMatchObject({ column: `champ:${ids.name}`, direction: 'asc' });
    expect(ariaSort(withSort(defaultDashboardView, `champ:${ids.name}`), `champ:${ids.name}`)).toBe('ascending');
  });

  it('leaves out what it cannot read: bad JSON, unknown filters, unknown columns and repeats; an empty list shows the number alone', () => {
    expect(read('filtres=[{"column":').filters).toEqual([]);
    expect(read('filtres={"column":"state"}').filters).toEqual([]);
    const mixed = JSON.stringify([{ column: 'nope' }, { column: 'state', values: [] }, { column: 'state', values: ['brouillon'] }, typeIsSport]);
    expect(readDashboardView(new URLSearchParams({ filtres: mixed })).filters).toEqual([typeIsSport]);
    expect(read('colonnes=usager,inconnue,champ:pas-un-id,usager,state').columns).toEqual(['usager', 'state']);
    expect(read('colonnes=').columns).toEqual([]);
    expect(read('tri=champ:pas-un-id').column).toBe('number');
  });

  it('knows whether the URL chose columns, filters or sort (else the saved preferences apply); tab, search and page do not count', () => {
    expect(hasChosenView(new URLSearchParams('onglet=tous&q=dupont&page=c1'))).toBe(false);
    for (const query of ['tri=state', 'ordre=asc', 'filtres=[]', 'colonnes=']) expect(hasChosenView(new URLSearchParams(query))).toBe(true);
  });

  it('restores saved preferences over the URL’s tab and search, from the first page, and gives back what it saves', () => {
    const saved = { columns: [`champ:${ids.type}` as const, 'usager' as const], filters: [typeIsSport, { column: 'label' as const, values: [ids.label] }], sort: { column: 'updatedAt' as const, direction: 'asc' as const } };
    const view = withPreferences({ ...defaultDashboardView, tab: 'tous', search: 'dupont', cursors: ['c1'] }, saved);
    expect(view).toEqual({ tab: 'tous', search: 'dupont', cursors: [], columns: saved.columns, filters: saved.filters, column: 'updatedAt', direction: 'asc' });
    expect(preferencesOf(view)).toEqual(saved);
    expect(samePreferences(preferencesOf(view), saved)).toBe(true);
    expect(samePreferences(preferencesOf(withSort(view, 'number')), saved)).toBe(false);
    expect(samePreferences(preferencesOf(withSearch(view, 'autre')), saved)).toBe(true);
  });

  it('a search, a filter added or removed go back to the first page; a blank search is none', () => {
    const view = { ...defaultDashboardView, cursors: ['c1'] };
    expect(withSearch(view, '  dupont ')).toEqual({ ...defaultDashboardView, search: 'dupont' });
    expect(dashboardSearch(withSearch(view, '   ')).has('q')).toBe(false);
    const filtered = withFilter(view, typeIsSport);
    expect(filtered).toEqual({ ...defaultDashboardView, filters: [typeIsSport] });
    expect(withoutFilter({ ...filtered, cursors: ['c2'] }, 0)).toEqual(defaultDashboardView);
  });

  it('a new filter on the same column or field replaces the former one; others add up', () => {
    const state: DashboardFilter = { column: 'state', values: ['accepte'] };
    const otherState: DashboardFilter = { column: 'state', values: ['refuse'] };
    const culture: DashboardFilter = { ...typeIsSport, match: { op: 'equals', values: ['Culture'] } };
    const view = withFilter(withFilter(defaultDashboardView, state), typeIsSport);
    expect(withFilter(view, otherState).filters).toEqual([otherState, typeIsSport]);
    expect(withFilter(view, culture).filters).toEqual([state, culture]);
    expect(withFilter(view, { column: 'follower', value: 'me' }).filters).toHaveLength(3);
  });

  it('adds, removes and moves columns; the page is kept (the rows stay the same)', () => {
    const columns = addColumn(['usager', 'state'], `champ:${ids.type}`);
    expect(columns).toEqual(['usager', 'state', `champ:${ids.type}`]);
    expect(addColumn(columns, 'usager')).toEqual(columns);
    expect(moveColumn(columns, 2, -1)).toEqual(['usager', `champ:${ids.type}`, 'state']);
    expect(moveColumn(columns, 0, -1)).toEqual(columns);
    expect(moveColumn(columns, 2, 1)).toEqual(columns);
    expect(removeColumn(columns, 0)).toEqual(['state', `champ:${ids.type}`]);
    expect(withColumns({ ...defaultDashboardView, cursors: ['c1'] }, ['group', 'group'])).toEqual({ ...defaultDashboardView, cursors: ['c1'], columns: ['group'] });
  });

  it('sorts by number again when the column the list is sorted on is taken away', () => {
    const byField: DashboardView = { ...defaultDashboardView, column: `champ:${ids.type}`, direction: 'asc', columns: ['usager', `champ:${ids.type}`], cursors: ['c1'] };
    expect(withColumns(byField, ['usager', `champ:${ids.type}`, 'state'])).toEqual({ ...byField, columns: ['usager', `champ:${ids.type}`, 'state'] });
    expect(withColumns(byField, ['usager'])).toEqual({ ...defaultDashboardView, columns: ['usager'] });
    const byState: DashboardView = { ...defaultDashboardView, column: 'state', direction: 'asc' };
    expect(withColumns(byState, ['usager', 'group'])).toMatchObject({ column: 'number', direction: 'desc' });
    expect(withColumns(byState, ['state'])).toMatchObject({ column: 'state', direction: 'asc' });
  });

  it('builds the API query: the filters, the search, the field columns (those the procedure still has) and the cursor', () => {
    const view: DashboardView = { ...defaultDashboardView, tab: 'tous', search: ' dupont ', filters: [typeIsSport], columns: ['usager', `champ:${ids.type}`, `champ:${ids.gone}`], column: `champ:${ids.type}`, direction: 'asc', cursors: ['c1', 'c2'] };
    expect(pageQuery(view, 50)).toEqual({ tab: 'tous', column: `champ:${ids.type}`, direction: 'asc', filters: [typeIsSport], search: 'dupont', fieldColumns: [ids.type, ids.gone], limit: 50, after: 'c2' });
    expect(pageQuery(view, 50, fields).fieldColumns).toEqual([ids.type]);
    expect(pageQuery(defaultDashboardView, 20)).toEqual({ tab: 'a-suivre', column: 'number', direction: 'desc', filters: [], fieldColumns: [], limit: 20 });
    expect(namesField(defaultDashboardView)).toBe(false);
    expect(namesField(view)).toBe(true);
    expect(namesField({ ...defaultDashboardView, filters: [typeIsSport] })).toBe(true);
  });
});

describe('labels', () => {
  it('names the columns, fixed or fields; a field the procedure no longer has says so', () => {
    expect(columnLabel('usager', fields)).toBe('Demandeur');
    expect(columnLabel('submittedAt', fields)).toBe('Déposé le');
    expect(columnLabel(`champ:${ids.type}`, fields)).toBe('Type de projet');
    expect(columnLabel(`champ:${ids.gone}`, fields)).toBe('Champ supprimé');
  });

  it('writes every active filter in French, as its tag reads', () => {
    const label = (filter: DashboardFilter) => filterLabel(filter, { fields, groups, labels: [{ id: ids.label, name: 'Urgent' }] });
    expect(label(typeIsSport)).toBe('Type de projet : Sport');
    expect(label({ column: 'state', values: ['en_construction', 'sans_suite'] })).toBe('État : En construction, Classé sans suite');
    expect(label({ column: 'group', values: [ids.group, ids.gone] })).toBe('Groupe : Paris, groupe inconnu');
    expect(label({ column: 'label', values: [ids.label, ids.gone] })).toBe('Étiquettes : Urgent, étiquette inconnue');
    expect(label({ column: 'follower', value: 'me' })).toBe('Suivi par : moi');
    expect(label({ column: 'follower', value: 'none' })).toBe('Suivi par : personne');
    expect(label({ column: 'follower', value: 'someone' })).toBe('Suivi par : quelqu’un');
    expect(label({ column: 'follower', value: 'agent@example.fr' })).toBe('Suivi par : agent@example.fr');
    expect(label({ column: 'submittedAt', from: '2026-01-01', to: '2026-01-31' })).toBe('Date de dépôt : du 01/01/2026 au 31/01/2026');
    expect(label({ column: 'decidedAt', from: '2026-03-01' })).toBe('Date de décision : depuis le 01/03/2026');
    expect(label({ column: 'updatedAt', to: '2026-03-01' })).toBe('Date de mise à jour : jusqu’au 01/03/2026');
    expect(label({ column: 'field', stableId: ids.name, match: { op: 'contains', value: 'jardin' } })).toBe('Nom du projet : contient « jardin »');
    expect(label({ column: 'field', stableId: ids.amount, match: { op: 'range', min: 1000, max: 2500 } })).toBe(`Montant : de ${(1000).toLocaleString('fr-FR')} à ${(2500).toLocaleString('fr-FR')}`);
    expect(label({ column: 'field', stableId: ids.amount, match: { op: 'range', max: 10 } })).toBe('Montant : au plus 10');
    expect(label({ column: 'field', stableId: ids.start, match: { op: 'range', min: '2026-05-14' } })).toBe('Début : depuis le 14/05/2026');
    expect(label({ column: 'field', stableId: ids.consent, match: { op: 'is', value: false } })).toBe('Accord : non coché');
    expect(label({ column: 'field', stableId: ids.budget, match: { op: 'filled', value: true } })).toBe('Budget : rempli');
    expect(label({ column: 'field', stableId: ids.gone, match: { op: 'filled', value: false } })).toBe('Champ supprimé : vide');
  });
});

describe('the filter form', () => {
  const draft = (patch: Partial<typeof emptyFilterDraft>) => ({ ...emptyFilterDraft, ...patch });

  it('starts a field with its first operator', () => {
    expect(draftFor(`champ:${ids.type}`, fields).op).toBe('equals');
    expect(draftFor(`champ:${ids.amount}`, fields).op).toBe('range');
    expect(draftFor('state', fields)).toEqual({ ...emptyFilterDraft, target: 'state' });
  });

  it('turns each kind of draft into the filter the API takes', () => {
    const ok = (patch: Partial<typeof emptyFilterDraft>) => draftFilter(draft(patch), fields);
    expect(ok({ target: 'state', values: ['accepte'] })).toEqual({ ok: true, filter: { column: 'state', values: ['accepte'] } });
    expect(ok({ target: 'group', values: [ids.group] })).toEqual({ ok: true, filter: { column: 'group', values: [ids.group] } });
    expect(ok({ target: 'label', values: [ids.label] })).toEqual({ ok: true, filter: { column: 'label', values: [ids.label] } });
    expect(ok({ target: 'follower', text: 'none' })).toEqual({ ok: true, filter: { column: 'follower', value: 'none' } });
    expect(ok({ target: 'submittedAt', min: '2026-01-01' })).toEqual({ ok: true, filter: { column: 'submittedAt', from: '2026-01-01' } });
    expect(ok({ target: `champ:${ids.type}`, op: 'equals', values: ['Sport'] })).toEqual({ ok: true, filter: typeIsSport });
    expect(ok({ target: `champ:${ids.name}`, op: 'contains', text: ' jardin ' })).toEqual({ ok: true, filter: { column: 'field', stableId: ids.name, match: { op: 'contains', value: 'jardin' } } });
    expect(ok({ target: `champ:${ids.amount}`, op: 'range', min: '1,5', max: '' })).toEqual({ ok: true, filter: { column: 'field', stableId: ids.amount, match: { op: 'range', min: 1.5 } } });
    expect(ok({ target: `champ:${ids.start}`, op: 'range', max: '2026-06-30' })).toEqual({ ok: true, filter: { column: 'field', stableId: ids.start, match: { op: 'range', max: '2026-06-30' } } });
    expect(ok({ target: `champ:${ids.consent}`, op: 'is', flag: true })).toEqual({ ok: true, filter: { column: 'field', stableId: ids.consent, match: { op: 'is', value: true } } });
    expect(ok({ target: `champ:${ids.budget}`, op: 'filled', flag: false })).toEqual({ ok: true, filter: { column: 'field', stableId: ids.budget, match: { op: 'filled', value: false } } });
  });

  it('refuses an incomplete draft with a French message, the contract’s where it has one', () => {
    const error = (patch: Partial<typeof emptyFilterDraft>) => {
      const result = draftFilter(draft(patch), fields);
      return result.ok ? undefined : result.error;
    };
    expect(error({})).toBe('Choisissez sur quoi filtrer.');
    expect(error({ target: 'state' })).toBe('Choisissez au moins un état.');
    expect(error({ target: 'group' })).toBe('Choisissez au moins un groupe.');
    expect(error({ target: 'label' })).toBe('Choisissez au moins une étiquette.');
    expect(error({ target: 'follower' })).toBe('Choisissez par qui le dossier est suivi.');
    expect(error({ target: 'decidedAt' })).toBe('Indiquez une date de début, de fin, ou les deux.');
    expect(error({ target: `champ:${ids.type}`, op: 'equals' })).toBe('Choisissez au moins une valeur.');
    expect(error({ target: `champ:${ids.name}`, op: 'contains', text: '  ' })).toBe('Saisissez le texte recherché.');
    expect(error({ target: `champ:${ids.amount}`, op: 'range', min: 'douze' })).toBe('Saisissez un nombre.');
    expect(error({ target: `champ:${ids.amount}`, op: 'range' })).toBe('Indiquez un minimum, un maximum, ou les deux.');
    expect(error({ target: `champ:${ids.consent}`, op: 'is' })).toBe('Choisissez oui ou non.');
    expect(error({ target: `champ:${ids.budget}`, op: 'filled' })).toBe('Choisissez rempli ou vide.');
    expect(error({ target: `champ:${ids.budget}`, op: 'contains', text: 'x' })).toBe('Le champ « Budget » ne se filtre pas ainsi.');
    expect(error({ target: `champ:${ids.gone}`, op: 'filled', flag: true })).toBe('Ce champ n’existe plus dans la démarche.');
  });
});

describe('errors of a page or of saved preferences', () => {
  it('puts each field error where the agent can act on it, whether named as in the query or as in the preferences', () => {
    const page = dashboardErrors({ 'filtres.1.match.min': 'Le champ « Début » attend une date (AAAA-MM-JJ).', 'filtres.1.match.max': 'Cette date n’existe pas.', q: 'Saisissez au moins une lettre ou un chiffre.', tri: 'Ce champ n’existe pas dans la démarche.', 'champs.0': 'Colonne inconnue.', after: 'Reprenez la liste depuis la première page.', filtres: 'Les filtres doivent être une liste JSON.' });
    expect([...page.filters.entries()]).toEqual([[1, ['Le champ « Début » attend une date (AAAA-MM-JJ).', 'Cette date n’existe pas.']]]);
    expect(page.search).toBe('Saisissez au moins une lettre ou un chiffre.');
    expect(page.sort).toBe('Ce champ n’existe pas dans la démarche.');
    expect(page.columns).toEqual(['Colonne inconnue.']);
    expect(page.others).toEqual(['Reprenez la liste depuis la première page.', 'Les filtres doivent être une liste JSON.']);
    const saved = dashboardErrors({ 'filters.0.stableId': 'Ce champ n’existe pas dans la démarche.', 'sort.column': 'Le champ « Budget » ne se trie pas.', 'columns.2': 'Cette colonne n’est pas un champ de la démarche.' });
    expect(saved.filters.get(0)).toEqual(['Ce champ n’existe pas dans la démarche.']);
    expect(saved.sort).toBe('Le champ « Budget » ne se trie pas.');
    expect(saved.columns).toEqual(['Cette colonne n’est pas un champ de la démarche.']);
    expect(saved.others).toEqual([]);
  });
});
