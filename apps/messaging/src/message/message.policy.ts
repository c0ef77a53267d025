import { uuid, type BusContext, type Dossier, type Role } from '@guichet/contracts';

const agentRoles: readonly Role[] = ['instructeur', 'administrateur'];

/** The request's tenant when it is a well-formed id; anything else counts as no tenant. */
function tenantOf(ctx: BusContext): string | undefined {
  return ctx.tenantId !== undefined && uuid.safeParse(ctx.tenantId).success ? ctx.tenantId : undefined;
}

/**
 * Who writes in a dossier's thread, and as what: its owner as `usager`, an agent (instructeur or
 * administrateur) of the dossier's tenant as `instructeur`. Roles in `ctx.actor` are those held in
 * `ctx.tenantId`, so an agent of another tenant is nobody here. Anyone else: null (NOT_FOUND).
 */
export function threadRoleOf(ctx: BusContext, dossier: Pick<Dossier, 'tenantId' | 'usager'>): 'usager' | 'instructeur' | null {
  const actor = ctx.actor;
  if (actor === undefined) return null;
  if (actor.accountId === dossier.usager.accountId) return 'usager';
  if (tenantOf(ctx) === dossier.tenantId && actor.roles.some((role) => agentRoles.includes(role))) return 'instructeur';
  return null;
}

/** Reading the thread: its participants, and a service acting for the dossier's tenant (exports, API). */
export function mayReadThread(ctx: BusContext, dossier: Pick<Dossier, 'tenantId' | 'usager'>): boolean {
  if (threadRoleOf(ctx, dossier) !== null) return true;
  return ctx.actor === undefined && ctx.system !== undefined && tenantOf(ctx) === dossier.tenantId;
}
