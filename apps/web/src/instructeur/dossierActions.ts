import { decisionJustificatifLimits } from '@guichet/contracts';
import { type DossierEvent, type DossierState, allowedEvents, dossierTransitions, isDecided, isDecisionEvent, nextState } from '@guichet/dossier-state';

/**
 * The events the instructeur's dossier page offers, in the order its buttons appear. A correction
 * request (`demander_correction`) needs a message and a reason: it comes with the messaging part.
 */
export const instructeurEvents = ['passer_en_instruction', 'repasser_en_construction', 'accepter', 'refuser', 'classer_sans_suite', 'repasser_en_instruction'] as const satisfies readonly DossierEvent[];
export type InstructeurEvent = (typeof instructeurEvents)[number];

/** How each action is taken: its button, and whether it asks for a motivation first (a decision does). */
export const instructeurEventDisplay: Readonly<Record<InstructeurEvent, { label: string; asksMotivation: boolean; done: string }>> = {
  passer_en_instruction: { label: 'Passer en instruction', asksMotivation: false, done: 'Le dossier est passé en instruction.' },
  repasser_en_construction: { label: 'Repasser en construction', asksMotivation: false, done: 'Le dossier est repassé en construction.' },
  accepter: { label: 'Accepter', asksMotivation: true, done: 'Le dossier a été accepté.' },
  refuser: { label: 'Refuser', asksMotivation: true, done: 'Le dossier a été refusé.' },
  classer_sans_suite: { label: 'Classer sans suite', asksMotivation: true, done: 'Le dossier a été classé sans suite.' },
  repasser_en_instruction: { label: 'Repasser en instruction', asksMotivation: false, done: 'Le dossier est repassé en instruction.' },
};

/** Each event as a line of the dossier's history. */
export const historyLabels: Readonly<Record<DossierEvent, string>> = {
  passer_en_construction: 'Dépôt du dossier',
  passer_en_instruction: 'Passage en instruction',
  repasser_en_construction: 'Retour en construction',
  demander_correction: 'Demande de correction',
  accepter: 'Acceptation',
  refuser: 'Refus',
  classer_sans_suite: 'Classement sans suite',
  repasser_en_instruction: 'Retour en instruction',
};

/** What the page knows of the dossier to decide which buttons to show. */
export type DossierFacts = { state: DossierState; correctionPending: boolean; archived: boolean };

/**
 * The transitions an instructeur may take now, from the state machine (the server checks again; a
 * procedure's SVA/SVR mode is not known here, so the server may still refuse one, with its reason).
 */
export function availableTransitions(dossier: DossierFacts): InstructeurEvent[] {
  const allowed = allowedEvents(dossier.state, { actorRole: 'instructeur', correctionPending: dossier.correctionPending });
  return instructeurEvents.filter((event) => allowed.includes(event));
}

/** Whether the state machine requires a motivation for an instructeur's event. */
export function motivationRequired(event: InstructeurEvent): boolean {
  return dossierTransitions.some((transition) => transition.event === event && transition.actors.includes('instructeur') && transition.motivationRequired);
}

/** The French message when a required motivation is missing (the state machine's own), else null. */
export function motivationError(dossier: DossierFacts, event: InstructeurEvent, motivation: string): string | null {
  if (!motivationRequired(event) || motivation.trim() !== '') return null;
  const result = nextState(dossier.state, event, { actorRole: 'instructeur', correctionPending: dossier.correctionPending, motivation });
  return result.ok ? null : result.message;
}

/** A decision (accepter, refuser, classer sans suite) may carry a justificatif file, as on DS. */
export function offersJustificatif(event: InstructeurEvent): boolean {
  return isDecisionEvent(event);
}

/** The file input's `accept`: the extensions the server takes for a justificatif. */
export const justificatifAccept = decisionJustificatifLimits.extensions.map((extension) => `.${extension}`).join(',');

const justificatifMaxMo = decisionJustificatifLimits.maxBytes / (1024 * 1024);

export const justificatifHint = `PDF, image (JPEG, PNG, GIF, WebP, TIFF) ou document bureautique (Word, Excel, PowerPoint, OpenDocument), ${justificatifMaxMo} Mo au plus. Il est transmis à l’usager avec la décision.`;

/**
 * Why a chosen file cannot be a decision's justificatif, in French, before anything is sent (the
 * documents service checks the bytes and the dossiers service the file again); null when it can.
 */
export function justificatifFileError(file: { name: string; size: number }): string | null {
  const dot = file.name.lastIndexOf('.');
  const extension = dot < 0 ? '' : file.name.slice(dot + 1).toLowerCase();
  if (!(decisionJustificatifLimits.extensions as readonly string[]).includes(extension)) {
    return `Le fichier « ${file.name} » n’est pas accepté : choisissez un PDF, une image ou un document bureautique.`;
  }
  if (file.size === 0) return `Le fichier « ${file.name} » est vide.`;
  if (file.size > decisionJustificatifLimits.maxBytes) return `Le fichier « ${file.name} » dépasse ${justificatifMaxMo} Mo.`;
  return null;
}

/** Archive (processed dossiers only, as the server rules) or take out of the archives; null: neither. */
export function archiveAction(dossier: DossierFacts): 'archiver' | 'desarchiver' | null {
  if (dossier.archived) return 'desarchiver';
  return isDecided(dossier.state) ? 'archiver' : null;
}

/** A brouillon is never shown to agents; every submitted dossier can be followed. */
export function canFollow(dossier: DossierFacts): boolean {
  return dossier.state !== 'brouillon';
}
