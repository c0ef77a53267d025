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
