import type { ProcedureClosureReason } from '@guichet/contracts';
import { dossierUrl, formatFrenchDate, type RenderedEmail } from './dossier-email.renderer';
import { textToHtml } from './email-html';

const footer = 'Ce courriel a été envoyé automatiquement, merci de ne pas y répondre.';

function email(subject: string, paragraphs: string[]): RenderedEmail {
  const text = [...paragraphs, footer].join('\n\n');
  return { subject, text, html: textToHtml(text) };
}

/** Where an expert reads the avis asked of them (after signing in with the invited address). */
export const expertAvisUrl = (publicUrl: string): string => `${publicUrl}/expert/avis`;

/** Where an instructeur reads a dossier of their tenant. */
export const instructeurDossierUrl = (publicUrl: string, dossierId: string): string => `${publicUrl}/instructeur/dossiers/${dossierId}`;

export function avisRequestedEmail(input: {
  dossierNumber: number;
  procedureTitle: string;
  introduction: string;
  requestedBy: string;
  expertEmail: string;
  publicUrl: string;
}): RenderedEmail {
  return email(`Un avis vous est demandé sur le dossier n° ${input.dossierNumber}`, [
    'Bonjour,',
    `${input.requestedBy} vous demande votre avis sur le dossier n° ${input.dossierNumber} de la démarche « ${input.procedureTitle} ».`,
    input.introduction,
    `Pour consulter le dossier et donner votre avis, connectez-vous avec l’adresse ${input.expertEmail} : ${expertAvisUrl(input.publicUrl)}`,
  ]);
}

export function avisAnsweredEmail(input: { dossierId: string; dossierNumber: number; expertEmail: string; publicUrl: string }): RenderedEmail {
  return email(`Avis rendu sur le dossier n° ${input.dossierNumber}`, [
    'Bonjour,',
    `${input.expertEmail} a rendu l’avis que vous lui avez demandé sur le dossier n° ${input.dossierNumber}.`,
    `Pour le consulter : ${instructeurDossierUrl(input.publicUrl, input.dossierId)}`,
  ]);
}

/** The message itself is not copied into the e-mail: it is read on the platform, after signing in. */
export function newMessageEmail(input: { dossierId: string; dossierNumber: number; publicUrl: string }): RenderedEmail {
  return email(`Nouveau message sur votre dossier n° ${input.dossierNumber}`, [
    'Bonjour,',
    `L’administration vous a écrit au sujet de votre dossier n° ${input.dossierNumber}.`,
    `Pour lire le message et y répondre : ${dossierUrl(input.publicUrl, input.dossierId)}`,
  ]);
}

/** Why the procedure closed, as the end of a sentence the usager reads. */
const closureReasonSentences: Readonly<Record<ProcedureClosureReason, string>> = {
  autre_demarche: 'elle est remplacée par une autre démarche',
  demarche_terminee: 'la démarche est terminée',
  autre: 'l’administration l’a close pour une autre raison',
  date_limite_atteinte: 'la date limite de dépôt est atteinte',
};

/** Where a procedure is started, from its path. */
export const startProcedureUrl = (publicUrl: string, path: string): string => `${publicUrl}/commencer/${encodeURIComponent(path)}`;

/** To an usager who has a brouillon on a procedure that has just closed: it can no longer be submitted. */
export function procedureClosedEmail(input: {
  procedureTitle: string;
  reason: ProcedureClosureReason;
  details: string | null;
  replacementPath: string | null;
  closedAt: string;
  usager: { firstName: string; lastName: string };
  publicUrl: string;
}): RenderedEmail {
  const name = `${input.usager.firstName} ${input.usager.lastName}`.trim();
  const details = input.details?.trim() ?? '';
  return email(`La démarche « ${input.procedureTitle} » est close`, [
    name === '' ? 'Bonjour,' : `Bonjour ${name},`,
    `La démarche « ${input.procedureTitle} » est close depuis le ${formatFrenchDate(input.closedAt)} : ${closureReasonSentences[input.reason]}.`,
    ...(details === '' ? [] : [`Précisions de l’administration : ${details}`]),
    'Vous avez commencé un dossier sur cette démarche sans le déposer : ce brouillon ne peut plus être déposé.',
    ...(input.replacementPath === null ? [] : [`Vous pouvez faire votre demande sur la démarche qui la remplace : ${startProcedureUrl(input.publicUrl, input.replacementPath)}`]),
  ]);
}
