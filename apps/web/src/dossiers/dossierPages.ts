/** Small rules of the usager's pages (start page, dossier, sign-in return). */

/** The notice every test dossier carries. */
export const testDossierNotice = 'Dossier de test : il sera supprimé à la publication de la démarche';

const closureReasons: Record<string, string> = {
  autre_demarche: 'Elle est remplacée par une autre démarche.',
  demarche_terminee: 'La démarche est terminée.',
  date_limite_atteinte: 'La date limite de dépôt est atteinte.',
};

/** Why a procedure is closed, as the usager reads it ('autre': the administrateur's details say why). */
export function closureReasonText(reason: string): string {
  return closureReasons[reason] ?? 'L’administration l’a close.';
}

/**
 * The page to go back to after signing in, from the `retour` query parameter: only a path of this
 * site (`/…`, not `//host` nor `/\host`), else null, so the link cannot send anyone elsewhere.
 */
export function safeReturnPath(raw: string | null): string | null {
  if (raw === null || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  return raw;
}

/** The sign-in page, coming back to `returnTo` once signed in. */
export function signInPath(returnTo: string): string {
  return `/connexion?retour=${encodeURIComponent(returnTo)}`;
}
