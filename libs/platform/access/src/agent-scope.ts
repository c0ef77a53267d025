import type { DossierState } from '@guichet/dossier-state';

/**
 * Which of a tenant's dossiers a caller works on, other than as their usager:
 * - `system`: a service acting on its own for the tenant (consumers, jobs): every dossier;
 * - `tenant`: an administrateur of the tenant: every dossier of its procedures but brouillons;
 * - `groups`: an instructeur: the submitted dossiers of the instructor groups they belong to.
 * A brouillon is the usager's alone: no agent sees it.
 *
 * Repositories take a scope as a required argument, so a dossier query without one does not
 * type-check.
 */
export type AgentScope =
  | { readonly kind: 'system'; readonly tenantId: string }
  | { readonly kind: 'tenant'; readonly tenantId: string }
  | { readonly kind: 'groups'; readonly tenantId: string; readonly groupIds: readonly string[] };

export interface ScopedDossier {
  readonly tenantId: string;
  readonly groupId: string | null;
  readonly state: DossierState;
}

/** Whether a dossier is within the scope (the same rule the repositories write in SQL). */
export function scopeIncludes(scope: AgentScope, dossier: ScopedDossier): boolean {
  if (dossier.tenantId !== scope.tenantId) return false;
  switch (scope.kind) {
    case 'system':
      return true;
    case 'tenant':
      return dossier.state !== 'brouillon';
    case 'groups':
      return dossier.state !== 'brouillon' && dossier.groupId !== null && scope.groupIds.includes(dossier.groupId);
  }
}

/** The groups a scope limits to, or null when it covers the whole tenant. */
export const groupsOfScope = (scope: AgentScope): readonly string[] | null => (scope.kind === 'groups' ? scope.groupIds : null);

/** A scope narrowed to some groups (an export of some groups, a filter): never wider than it was. */
export function narrowScope(scope: AgentScope, groupIds: readonly string[] | null | undefined): AgentScope {
  if (groupIds === null || groupIds === undefined) return scope;
  const allowed = scope.kind === 'groups' ? groupIds.filter((id) => scope.groupIds.includes(id)) : [...new Set(groupIds)];
  return { kind: 'groups', tenantId: scope.tenantId, groupIds: allowed };
}
