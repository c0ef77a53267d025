import { type Role } from '@guichet/contracts';

/**
 * Who reaches the agents' workspace (`/instructeur`) and what it offers them. An instructeur works
 * the dossiers of their groups; an administrateur of the current administration reads every dossier
 * of its procedures (as the API lets them) but instructs only those of groups they are also in:
 * the actions need that, so they are offered to instructeurs only.
 */

/** Instructeurs and administrateurs of the current administration. */
export function reachesWorkspace(roles: readonly Role[]): boolean {
  return roles.includes('instructeur') || roles.includes('administrateur');
}

/** Whether the account instructs anything (batches, the actions of a dossier of their groups). */
export function instructs(roles: readonly Role[]): boolean {
  return roles.includes('instructeur');
}

/** The workspace's name, in its title and every breadcrumb: what it is for the account. */
export function workspaceTitle(roles: readonly Role[] | undefined): string {
  return roles !== undefined && !instructs(roles) && roles.includes('administrateur') ? 'Les dossiers de mes démarches' : 'Mes démarches à instruire';
}
