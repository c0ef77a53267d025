import { z } from 'zod';
import { type DossierEvent, type DossierState } from './dossier-state.model';

/** The per-procedure e-mail templates (DS `mail_templates`). */
export const emailTemplateKinds = ['initiated', 'received', 'closed', 'refused', 'without_continuation', 're_instructed'] as const;
export type EmailTemplateKind = (typeof emailTemplateKinds)[number];
export const emailTemplateKindSchema = z.enum(emailTemplateKinds);

export const emailTemplateLabels: Readonly<Record<EmailTemplateKind, string>> = {
  initiated: 'Accusé de réception',
  received: 'Accusé de passage en instruction',
  closed: 'Accusé d’acceptation',
  refused: 'Accusé de rejet',
  without_continuation: 'Accusé de classement sans suite',
  re_instructed: 'Accusé de réexamen',
};

/**
 * The template sent to the usager after each event; `null` when the event sends none (returning
 * to construction and correction requests reach the usager through the messaging thread).
 */
const templateByEvent: Readonly<Record<DossierEvent, EmailTemplateKind | null>> = {
  passer_en_construction: 'initiated',
  passer_en_instruction: 'received',
  repasser_en_construction: null,
  demander_correction: null,
  accepter: 'closed',
  refuser: 'refused',
  classer_sans_suite: 'without_continuation',
  repasser_en_instruction: 're_instructed',
};

export function emailTemplateFor(event: DossierEvent): EmailTemplateKind | null {
  return templateByEvent[event];
}

/**
 * The state a dossier is in when each template is rendered, hence which tags it may use
 * (DS `DOSSIER_STATE` of each mail template).
 */
export const emailTemplateStates: Readonly<Record<EmailTemplateKind, DossierState>> = {
  initiated: 'en_construction',
  received: 'en_instruction',
  closed: 'accepte',
  refused: 'refuse',
  without_continuation: 'sans_suite',
  re_instructed: 'en_instruction',
};
