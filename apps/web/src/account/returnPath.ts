import { type Role } from '@guichet/contracts';
import { reachesWorkspace } from '../instructeur/workspace';

/** Where signing in (or up) goes back to. */

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

/**
 * Where signing in (or up) leads when no page asked for it (`retour`): agents — instructeurs and
 * administrateurs of the current administration — to their dashboard, everyone else to « Mes
 * dossiers ».
 */
export function landingPath(roles: readonly Role[]): string {
  return reachesWorkspace(roles) ? '/instructeur' : '/mes-dossiers';
}

/** The page to go to once signed in: the one asked for, else the account's landing page. */
export function afterSignIn(returnTo: string | null, roles: readonly Role[]): string {
  return returnTo ?? landingPath(roles);
}
