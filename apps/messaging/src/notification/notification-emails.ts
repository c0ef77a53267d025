import { dossierUrl, type RenderedEmail } from './dossier-email.renderer';
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
