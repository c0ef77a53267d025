import { GuichetError, uuid, type BusContext } from '@guichet/contracts';

/**
 * Exports are for agents (instructeurs, administrateurs) of the procedure's tenant. Roles in
 * `ctx.actor` are those held in `ctx.tenantId`, so a role only counts for that tenant.
 */
export interface AgentOfTenant {
  tenantId: string;
  accountId: string;
}

export const exportNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Export introuvable.');

/** The caller as an agent of the request's tenant; anyone else learns nothing (NOT_FOUND). */
export function requireAgent(ctx: BusContext, notFound: () => GuichetError = exportNotFound): AgentOfTenant {
  const tenantId = ctx.tenantId !== undefined && uuid.safeParse(ctx.tenantId).success ? ctx.tenantId : undefined;
  const isAgent = ctx.actor?.roles.some((role) => role === 'instructeur' || role === 'administrateur') ?? false;
  if (tenantId === undefined || !ctx.actor || !isAgent) throw notFound();
  return { tenantId, accountId: ctx.actor.accountId };
}
