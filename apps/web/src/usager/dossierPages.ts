import { type ProcedureClosureReason } from '@guichet/contracts';

/** Small rules of the usager's pages (start page, dossier). */

/** The notice every test dossier carries. */
export const testDossierNotice = 'Dossier de test : il sera supprimé à la publication de la démarche';

/** Why a procedure is closed, as the usager reads it ('autre': the administrateur's details say why). */
const closureReasonTexts: Readonly<Record<ProcedureClosureReason, string>> = {
  autre_demarche: 'Elle est remplacée par une autre démarche.',
  demarche_terminee: 'La démarche est terminée.',
  date_limite_atteinte: 'La date limite de dépôt est atteinte.',
  autre: 'L’administration l’a close.',
};

export function closureReasonText(reason: ProcedureClosureReason): string {
  return closureReasonTexts[reason];
}
