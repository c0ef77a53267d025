import { type Batch, batchActions, type DashboardFilter, dashboardTabs } from '@guichet/contracts';
import { describe, expect, it } from 'vitest';
import {
  batchErrors,
  batchMotivationRequired,
  batchProgressText,
  batchRequest,
  checkBatchRequest,
  currentSelection,
  emptySelection,
  hasSelection,
  isSelected,
  offersWholeList,
  pageSelectionState,
  refusedItems,
  selectionText,
  selectionTooLarge,
  selectWholeList,
  tabBatchActions,
  toggleDossier,
  togglePage,
  wholeListOfferText,
} from './batchView';
import { type DashboardView, defaultDashboardView, readDashboardView, dashboardSearch, withBatch } from './dashboardView';

const id = (n: number) => `6f1c3c1e-8f1e-4e6a-9a55-${String(n).padStart(12, '0')}`;
const page = [id(1), id(2), id(3)];
const view: DashboardView = { ...defaultDashboardView, tab: 'suivis' };
const sport: DashboardFilter = { column: 'state', values: ['en_instruction'] };

describe('selection for a batch', () => {
  it('ticks rows one by one and the page at once; the header tells all, some or none', () => {
    let selection = emptySelection(view);
    expect(hasSelection(selection)).toBe(false);
    expect(pageSelectionState(selection, page)).toBe('none');
    selection = toggleDossier(selection, id(2), page);
    expect(isSelected(selection, id(2))).toBe(true);
    expect(pageSelectionState(selection, page)).toBe('some');
    selection = togglePage(selection, page);
    expect(pageSelectionState(selection, page)).toBe('all');
    expect(selection).toEqual({ list: selection.list, dossierIds: [id(2), id(1), id(3)] });
    selection = toggleDossier(selection, id(2), page);
    expect(pageSelectionState(selection, page)).toBe('some');
    selection = togglePage(togglePage(selection, page), page);
    expect(hasSelection(selection)).toBe(false);
  });

  it('keeps the dossiers ticked on other pages of the same list when the page is unticked', () => {
    const otherPage = [id(7), id(8)];
    const selection = togglePage(togglePage(emptySelection(view), otherPage), page);
    expect(togglePage(selection, page)).toMatchObject({ dossierIds: otherPage });
  });

  it('offers the whole list once every row of the page is ticked and the list goes beyond the page', () => {
    const all = togglePage(emptySelection(view), page);
    expect(offersWholeList(all, page, true)).toBe(true);
    expect(offersWholeList(all, page, false)).toBe(false);
    expect(offersWholeList(toggleDossier(all, id(1), page), page, true)).toBe(false);
    expect(offersWholeList(selectWholeList(all), page, true)).toBe(false);
    expect(offersWholeList(emptySelection(view), [], true)).toBe(false);
  });

  it('from the whole list, a row unticked leaves the rest of the page, the header leaves nothing', () => {
    const whole = selectWholeList(togglePage(emptySelection(view), page));
    expect(isSelected(whole, id(99))).toBe(true);
    expect(pageSelectionState(whole, page)).toBe('all');
    expect(toggleDossier(whole, id(1), page)).toEqual({ list: whole.list, dossierIds: [id(2), id(3)] });
    expect(hasSelection(togglePage(whole, page))).toBe(false);
  });

  it('starts empty on another tab, search or filter, and is kept across pages and sorts', () => {
    const selection = togglePage(emptySelection(view), page);
    expect(currentSelection(selection, { ...view, cursors: ['c1'], column: 'updatedAt' })).toBe(selection);
    expect(hasSelection(currentSelection(selection, { ...view, tab: 'a-suivre' }))).toBe(false);
    expect(hasSelection(currentSelection(selection, { ...view, search: 'jardin' }))).toBe(false);
    expect(hasSelection(currentSelection(selection, { ...view, filters: [sport] }))).toBe(false);
  });

  it('says how many dossiers are selected, the first 500 of a longer list, and nothing exact for a filtered list', () => {
    const one = toggleDossier(emptySelection(view), id(1), page);
    expect(selectionText(one, 40, false)).toBe('1 dossier sélectionné');
    expect(selectionText(togglePage(one, page), 40, false)).toBe('3 dossiers sélectionnés');
    expect(selectionText(selectWholeList(one), 120, false)).toBe('120 dossiers sélectionnés');
    expect(selectionText(selectWholeList(one), 812, false)).toBe('812 dossiers sélectionnés (les 500 premiers)');
    expect(selectionText(selectWholeList(one), 812, true)).toBe('Tous les dossiers de la liste filtrée sont sélectionnés (au plus 500)');
    expect(wholeListOfferText(120, false)).toBe('Sélectionner les 120 dossiers de la liste');
    expect(wholeListOfferText(1200, false)).toBe('Sélectionner les 1\u202f200 dossiers de la liste (les 500 premiers)');
    expect(wholeListOfferText(1200, true)).toBe('Sélectionner tous les dossiers de la liste filtrée (au plus 500)');
  });

  it('refuses a selection of more than 500 chosen dossiers, not a whole list', () => {
    const many = { list: 'x', dossierIds: Array.from({ length: 502 }, (_, n) => id(n)) };
    expect(selectionTooLarge(many)).toBe('Un lot prend au plus 500 dossiers : retirez-en 2 de la sélection.');
    expect(selectionTooLarge({ ...many, dossierIds: many.dossierIds.slice(0, 500) })).toBeNull();
    expect(selectionTooLarge(selectWholeList(many))).toBeNull();
  });
});

describe('actions of each tab', () => {
  it('offers actions that fit the tab, each a batch action', () => {
    expect(tabBatchActions['a-suivre']).toEqual(['suivre', 'passer_en_instruction', 'repasser_en_construction', 'accepter', 'refuser', 'classer_sans_suite']);
    expect(tabBatchActions.suivis).toContain('ne_plus_suivre');
    expect(tabBatchActions.suivis).not.toContain('suivre');
    expect(tabBatchActions.traites).toEqual(['archiver']);
    expect(tabBatchActions.archives).toEqual(['desarchiver']);
    for (const tab of dashboardTabs) for (const action of tabBatchActions[tab]) expect(batchActions).toContain(action);
  });

  it('requires a motivation to refuse or close without follow-up, not to accept', () => {
    expect(batchActions.filter(batchMotivationRequired)).toEqual(['refuser', 'classer_sans_suite']);
  });
});

describe('the request that starts a batch', () => {
  it('names the dossiers chosen, with the motivation trimmed (none when blank)', () => {
    const selection = togglePage(emptySelection(view), page);
    expect(batchRequest(selection, view, 'suivre')).toEqual({ action: 'suivre', dossierIds: page });
    expect(batchRequest(selection, view, 'accepter', '  Conforme.  ')).toEqual({ action: 'accepter', motivation: 'Conforme.', dossierIds: page });
    expect(batchRequest(selection, view, 'accepter', '   ')).toEqual({ action: 'accepter', dossierIds: page });
  });

  it('names the list as the view shows it for the whole list: tab, filters and search', () => {
    const filtered = { ...view, filters: [sport], search: ' jardin ' };
    const whole = selectWholeList(emptySelection(filtered));
    expect(batchRequest(whole, filtered, 'archiver')).toEqual({ action: 'archiver', matching: { tab: 'suivis', filters: [sport], search: 'jardin' } });
    expect(batchRequest(selectWholeList(emptySelection(view)), view, 'suivre')).toEqual({ action: 'suivre', matching: { tab: 'suivis', filters: [] } });
  });

  it('is checked by the contract before it is sent: a refusal without motivation, too many dossiers', () => {
    const selection = togglePage(emptySelection(view), page);
    expect(checkBatchRequest(batchRequest(selection, view, 'refuser', ' '))).toEqual({ motivation: 'La motivation est obligatoire pour refuser ou classer sans suite.', others: [] });
    expect(checkBatchRequest(batchRequest(selection, view, 'refuser', 'Incomplet.'))).toBeNull();
    const many = { list: selection.list, dossierIds: Array.from({ length: 501 }, (_, n) => id(n)) };
    expect(checkBatchRequest(batchRequest(many, view, 'suivre'))).toEqual({ motivation: undefined, others: ['Au plus 500 dossiers par lot.'] });
  });

  it('sorts the server’s field errors: the motivation under its field, the others above', () => {
    expect(batchErrors({ motivation: 'Au plus 5 000 caractères.', 'matching.filters.0.values': 'Choisissez un état.', dossierIds: 'Choisissez au moins un dossier.' })).toEqual({
      motivation: 'Au plus 5 000 caractères.',
      others: ['Choisissez un état.', 'Choisissez au moins un dossier.'],
    });
  });
});

describe('the batch in the URL and its progress', () => {
  const batchId = '0d3c2b1a-8f1e-4e6a-9a55-1f0f5c1b2a01';

  it('keeps the batch shown in the URL (`lot`), leaves out one that is not an id', () => {
    const shown = withBatch(view, batchId);
    expect(dashboardSearch(shown).get('lot')).toBe(batchId);
    expect(readDashboardView(dashboardSearch(shown))).toEqual(shown);
    expect(readDashboardView(new URLSearchParams('lot=abc'))).toEqual(defaultDashboardView);
    expect(withBatch(shown, undefined)).toEqual(view);
  });

  const batch = (patch: Partial<Batch>): Batch => ({
    id: batchId,
    procedureId: batchId,
    action: 'accepter',
    state: 'en_cours',
    total: 12,
    succeeded: 2,
    failed: 1,
    capped: false,
    createdAt: '2026-12-02T08:00:00.000Z',
    finishedAt: null,
    items: [],
    ...patch,
  });

  it('tells the progress while it runs, then what was done and refused', () => {
    expect(batchProgressText(batch({}))).toBe('Traitement en cours : 3 sur 12');
    expect(batchProgressText(batch({ state: 'termine', succeeded: 11 }))).toBe('12 dossiers traités, 1 refusé');
    expect(batchProgressText(batch({ state: 'termine', total: 1, succeeded: 1, failed: 0 }))).toBe('1 dossier traité, 0 refusé');
    expect(batchProgressText(batch({ state: 'termine', total: 3, succeeded: 0, failed: 3 }))).toBe('3 dossiers traités, 3 refusés');
  });

  it('lists the refused dossiers by number with their reason', () => {
    const items: Batch['items'] = [
      { dossierId: id(1), number: 14, status: 'refuse', error: { code: 'INVALID_TRANSITION', message: 'Un dossier en construction ne peut pas être accepté.' } },
      { dossierId: id(2), number: 12, status: 'fait', error: null },
      { dossierId: id(3), number: 9, status: 'refuse', error: { code: 'NOT_FOUND', message: 'Dossier introuvable' } },
      { dossierId: id(4), number: 8, status: 'en_attente', error: null },
    ];
    expect(refusedItems(batch({ items }))).toEqual([
      { dossierId: id(3), number: 9, message: 'Dossier introuvable' },
      { dossierId: id(1), number: 14, message: 'Un dossier en construction ne peut pas être accepté.' },
    ]);
  });
});
