import { GuichetError } from '@guichet/contracts';
import type { AgentScope } from '@guichet/platform-access';
import type { ActorRole } from '@guichet/dossier-state';

/**
 * Who may do what with dossiers (docs/architecture.md, "Authorization"). The tenant, role and group
 * checks are `@guichet/platform-access`: its `AgentScopes` says which dossiers an agent reads and
 * instructs, and the repository takes that scope as a required argument. What is left here is how
 * the dossiers service words its refusals.
 */

/** Never reveal that another account's, another group's or another tenant's dossier exists. */
export const dossierNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Dossier introuvable.');

export const signInRequired = (what: string): GuichetError => new GuichetError('UNAUTHENTICATED', `Connectez-vous pour ${what}.`);

/** Someone who reads the dossier (its usager, an administrateur) but may not instruct it. */
export const instructionForbidden = (): GuichetError => new GuichetError('FORBIDDEN', 'Seuls les instructeurs du groupe de ce dossier peuvent le faire évoluer.');

/** The role the state machine sees for a caller with this acting scope. */
export const transitionRoleOf = (scope: AgentScope): ActorRole => (scope.kind === 'system' ? 'system' : 'instructeur');
