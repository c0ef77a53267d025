import { type FrIconClassName } from '@codegouvfr/react-dsfr';
import { type Batch, type BatchAction, batchStartSchema, type DashboardTab, maxBatchDossiers } from '@guichet/contracts';
import { type BatchStart } from '../api/client';
import { motivationRequired } from './dossierActions';
import { type DashboardView } from './dashboardView';

/**
 * The instructeur's batches on the dashboard (DS « actions multiples »): which dossiers are
 * selected, what can be done to them from the tab shown, the request that starts the batch, and
 * how its progress reads.
 */

/** The decisions, which ask for a motivation in a modal before the batch starts. */
export const batchDecisions = ['accepter', 'refuser', 'classer_sans_suite'] as const satisfies readonly BatchAction[];
export type BatchDecision = (typeof batchDecisions)[number];

export function isDecision(action: BatchAction): action is BatchDecision {
  return (batchDecisions as readonly BatchAction[]).includes(action);
}

/** The button of each action (DS's words), and what the progress panel calls the batch. */
export const batchActionDisplay: Readonly<Record<BatchAction, { label: string; icon: FrIconClassName; running: string }>> = {
  suivre: { label: 'Suivre', icon: 'fr-icon-star-line', running: 'Suivi des dossiers' },
  ne_plus_suivre: { label: 'Ne plus suivre', icon: 'fr-icon-star-fill', running: 'Fin du suivi des dossiers' },
  passer_en_instruction: { label: 'Passer en instruction', icon: 'fr-icon-play-line', running: 'Passage en instruction' },
  repasser_en_construction: { label: 'Repasser en construction', icon: 'fr-icon-arrow-go-back-line', running: 'Retour en construction' },
  accepter: { label: 'Accepter', icon: 'fr-icon-check-line', running: 'Acceptation' },
  refuser: { label: 'Refuser', icon: 'fr-icon-close-line', running: 'Refus' },
  classer_sans_suite: { label: 'Classer sans suite', icon: 'fr-icon-folder-2-line', running: 'Classement sans suite' },
  archiver: { label: 'Archiver', icon: 'fr-icon-inbox-archive-line', running: 'Archivage' },
  desarchiver: { label: 'Désarchiver', icon: 'fr-icon-inbox-unarchive-line', running: 'Désarchivage' },
};

const instructionActions = ['passer_en_instruction', 'repasser_en_construction', 'accepter', 'refuser', 'classer_sans_suite'] as const satisfies readonly BatchAction[];

/**
 * What the action bar offers on each tab. « À suivre » lists dossiers nobody follows (so « Ne
 * plus suivre » would refuse every one), « Suivis par moi » those I follow; only processed
 * dossiers are archived, only archived ones taken out. « Au total » mixes everything: each
 * dossier the action does not fit is refused on its own, the others go on.
 */
export const tabBatchActions: Readonly<Record<DashboardTab, readonly BatchAction[]>> = {
  'a-suivre': ['suivre', ...instructionActions],
  suivis: ['ne_plus_suivre', ...instructionActions],
  traites: ['archiver'],
  tous: ['suivre', 'ne_plus_suivre', ...instructionActions, 'archiver'],
  // En construction or processed, archived or not, close to the end of their retention.
  expirant: ['suivre', 'ne_plus_suivre', ...instructionActions, 'archiver', 'desarchiver'],
  archives: ['desarchiver'],
  // Deleted dossiers are restored one by one, from their page.
  supprimes: [],
};

/** Whether the batch cannot start without a motivation (the state machine's rule for the decision). */
export function batchMotivationRequired(action: BatchAction): boolean {
  return isDecision(action) && motivationRequired(action);
}

/* The selection. */

/**
 * What the agent ticked: some dossiers (kept across the pages of one list), or every dossier of
 * the list (its tab, filters and search, whatever page is shown). `list` names the list it was
 * made on: another tab, filter or search starts from an empty selection.
 */
export type BatchSelection = { list: string; dossierIds: readonly string[] } | { list: string; wholeList: true };

/** The list a view shows, whatever the page and sort: the tab, filters and search. */
export function listKeyOf(view: DashboardView): string {
  return JSON.stringify([view.tab, view.filters, view.search.trim()]);
}

export function emptySelection(view: DashboardView): BatchSelection {
  return { list: listKeyOf(view), dossierIds: [] };
}

/** The selection as it applies to the list shown (one made on another list is empty). */
export function currentSelection(selection: BatchSelection, view: DashboardView): BatchSelection {
  return selection.list === listKeyOf(view) ? selection : emptySelection(view);
}

export function isSelected(selection: BatchSelection, dossierId: string): boolean {
  return 'wholeList' in selection || selection.dossierIds.includes(dossierId);
}

export function hasSelection(selection: BatchSelection): boolean {
  return 'wholeList' in selection || selection.dossierIds.length > 0;
}

/** One row's checkbox: from « the whole list », unticking one keeps the rest of the page. */
export function toggleDossier(selection: BatchSelection, dossierId: string, pageIds: readonly string[]): BatchSelection {
  if ('wholeList' in selection) return { list: selection.list, dossierIds: pageIds.filter((id) => id !== dossierId) };
  const dossierIds = selection.dossierIds.includes(dossierId) ? selection.dossierIds.filter((id) => id !== dossierId) : [...selection.dossierIds, dossierId];
  return { list: selection.list, dossierIds };
}

/** How the header checkbox shows: every row of the page ticked, some (indeterminate), or none. */
export function pageSelectionState(selection: BatchSelection, pageIds: readonly string[]): 'all' | 'some' | 'none' {
  const ticked = pageIds.filter((id) => isSelected(selection, id)).length;
  if (ticked === 0) return 'none';
  return ticked === pageIds.length ? 'all' : 'some';
}

/** The header checkbox: ticks every row of the page, or unticks them all when they all were. */
export function togglePage(selection: BatchSelection, pageIds: readonly string[]): BatchSelection {
  if ('wholeList' in selection) return { list: selection.list, dossierIds: [] };
  if (pageSelectionState(selection, pageIds) === 'all') return { list: selection.list, dossierIds: selection.dossierIds.filter((id) => !pageIds.includes(id)) };
  return { list: selection.list, dossierIds: [...selection.dossierIds, ...pageIds.filter((id) => !selection.dossierIds.includes(id))] };
}

/** Every dossier of the list: offered once the whole page is ticked and the list goes on beyond it. */
export function offersWholeList(selection: BatchSelection, pageIds: readonly string[], listBeyondPage: boolean): boolean {
  return listBeyondPage && !('wholeList' in selection) && pageIds.length > 0 && pageSelectionState(selection, pageIds) === 'all';
}

export function selectWholeList(selection: BatchSelection): BatchSelection {
  return { list: selection.list, wholeList: true };
}

const plural = (count: number, one: string, many: string): string => `${count.toLocaleString('fr-FR')} ${count > 1 ? many : one}`;
const firstOnes = ` (les ${maxBatchDossiers} premiers)`;

/**
 * The link that selects every dossier of the list. The count is the tab's; with a search or
 * filters the list's own count is not known before the batch starts.
 */
export function wholeListOfferText(tabCount: number | undefined, narrowed: boolean): string {
  if (narrowed || tabCount === undefined) return `Sélectionner tous les dossiers de la liste filtrée (au plus ${maxBatchDossiers})`;
  return `Sélectionner les ${tabCount.toLocaleString('fr-FR')} dossiers de la liste${tabCount > maxBatchDossiers ? firstOnes : ''}`;
}

/** The action bar's title: how many dossiers the batch will take. */
export function selectionText(selection: BatchSelection, tabCount: number | undefined, narrowed: boolean): string {
  if (!('wholeList' in selection)) return plural(selection.dossierIds.length, 'dossier sélectionné', 'dossiers sélectionnés');
  if (narrowed || tabCount === undefined) return `Tous les dossiers de la liste filtrée sont sélectionnés (au plus ${maxBatchDossiers})`;
  return `${plural(tabCount, 'dossier sélectionné', 'dossiers sélectionnés')}${tabCount > maxBatchDossiers ? firstOnes : ''}`;
}

/** A selection of chosen dossiers above the limit of a batch: the French reason the actions are off, else null. */
export function selectionTooLarge(selection: BatchSelection): string | null {
  if ('wholeList' in selection || selection.dossierIds.length <= maxBatchDossiers) return null;
  return `Un lot prend au plus ${maxBatchDossiers} dossiers : retirez-en ${(selection.dossierIds.length - maxBatchDossiers).toLocaleString('fr-FR')} de la sélection.`;
}

/** The body of POST /api/instructeur/procedures/:id/lots: the dossiers chosen, or the list as the view filters it. */
export function batchRequest(selection: BatchSelection, view: DashboardView, action: BatchAction, motivation = ''): BatchStart {
  const trimmed = motivation.trim();
  const search = view.search.trim();
  return {
    action,
    ...(trimmed !== '' ? { motivation: trimmed } : {}),
    ...('wholeList' in selection ? { matching: { tab: view.tab, filters: [...view.filters], ...(search !== '' ? { search } : {}) } } : { dossierIds: [...selection.dossierIds] }),
  };
}

/** Errors of a batch request, where the agent can act on them: the motivation's under its field, the others above. */
export type BatchErrors = { motivation: string | undefined; others: readonly string[] };

/** Sorts the field errors of a refused batch (422: `motivation`, `dossierIds`, `matching.filters.0…`). */
export function batchErrors(fields: Readonly<Record<string, string>>): BatchErrors {
  let motivation: string | undefined;
  const others: string[] = [];
  for (const [path, message] of Object.entries(fields)) {
    if (path.split('.')[0] === 'motivation') motivation ??= message;
    else if (!others.includes(message)) others.push(message);
  }
  return { motivation, others };
}

/** The contract's own check of a request before it is sent (a refusal without motivation, say), as `batchErrors`. */
export function checkBatchRequest(body: BatchStart): BatchErrors | null {
  const parsed = batchStartSchema.safeParse(body);
  if (parsed.success) return null;
  return batchErrors(Object.fromEntries(parsed.error.issues.map((issue) => [issue.path.join('.'), issue.message])));
}

/* The progress of a batch. */

/** The dossiers the batch has dealt with (done or refused). */
export function batchDone(batch: Pick<Batch, 'succeeded' | 'failed'>): number {
  return batch.succeeded + batch.failed;
}

/** « Traitement en cours : 3 sur 12 », then « 12 dossiers traités, 1 refusé ». */
export function batchProgressText(batch: Pick<Batch, 'state' | 'total' | 'succeeded' | 'failed'>): string {
  if (batch.state === 'en_cours') return `Traitement en cours : ${batchDone(batch).toLocaleString('fr-FR')} sur ${batch.total.toLocaleString('fr-FR')}`;
  return `${plural(batch.total, 'dossier traité', 'dossiers traités')}, ${plural(batch.failed, 'refusé', 'refusés')}`;
}

/** What the batch says of the dossiers it did not take (a list with more than the limit). */
export function batchCappedText(batch: Pick<Batch, 'capped'>): string | null {
  return batch.capped ? `La liste comptait plus de ${maxBatchDossiers} dossiers : seuls les ${maxBatchDossiers} premiers ont été pris dans ce lot.` : null;
}

/** The dossiers the action was refused for, with the reason, by number. */
export function refusedItems(batch: Pick<Batch, 'items'>): { dossierId: string; number: number | null; message: string }[] {
  return batch.items
    .filter((item) => item.status === 'refuse')
    .map((item) => ({ dossierId: item.dossierId, number: item.number, message: item.error?.message ?? 'Refusé sans motif donné.' }))
    .sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
}

/** How often the page reads a running batch. */
export const batchPollMs = 1_000;
