import type { BusContext, Dossier } from '@guichet/contracts';
import { isAgentOf, isSystemFor } from '@guichet/platform-access';

/**
 * Who writes in a dossier's thread, and as what: its owner as `usager`, an agent (instructeur or
 * administrateur) of the dossier's tenant as `instructeur`. Roles in `ctx.actor` are those held in
 * `ctx.tenantId`, so an agent of another tenant is nobody here. Anyone else: null (NOT_FOUND).
 * Which agents of the tenant see the dossier at all (their groups) was decided by the dossiers
 * service when the thread's dossier was read as the caller.
 */
export function threadRoleOf(ctx: BusContext, dossier: Pick<Dossier, 'tenantId' | 'usager'>): 'usager' | 'instructeur' | null {
  const actor = ctx.actor;
  if (actor === undefined) return null;
  if (actor.accountId === dossier.usager.accountId) return 'usager';
  if (isAgentOf(ctx, dossier.tenantId)) return 'instructeur';
  return null;
}

/** Reading the thread: its participants, and a service acting for the dossier's tenant (exports, API). */
export function mayReadThread(ctx: BusContext, dossier: Pick<Dossier, 'tenantId' | 'usager'>): boolean {
  if (threadRoleOf(ctx, dossier) !== null) return true;
  return isSystemFor(ctx, dossier.tenantId);
}
