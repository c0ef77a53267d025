import { type ActorRole, type DossierEvent, type DossierState } from './dossier-state.model';

/** French labels shown to users, as DS words them. */
export const stateLabels: Readonly<Record<DossierState, string>> = {
  brouillon: 'Brouillon',
  en_construction: 'En construction',
  en_instruction: 'En instruction',
  accepte: 'Accepté',
  refuse: 'Refusé',
  sans_suite: 'Classé sans suite',
};

/** French labels of the actions behind each event (buttons, history rows). */
export const eventLabels: Readonly<Record<DossierEvent, string>> = {
  passer_en_construction: 'Déposer le dossier',
  passer_en_instruction: 'Passer en instruction',
  repasser_en_construction: 'Repasser en construction',
  demander_correction: 'Demander une correction',
  accepter: 'Accepter',
  refuser: 'Refuser',
  classer_sans_suite: 'Classer sans suite',
  repasser_en_instruction: 'Repasser en instruction',
};

export const actorRoleLabels: Readonly<Record<ActorRole, string>> = {
  usager: 'Usager',
  instructeur: 'Instructeur',
  system: 'Traitement automatique',
};
