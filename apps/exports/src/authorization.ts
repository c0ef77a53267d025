import { GuichetError, type BusContext } from '@guichet/contracts';
import { isAgentOf, tenantOf } from '@guichet/platform-access';

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
  const tenantId = tenantOf(ctx);
  if (tenantId === undefined || !ctx.actor || !isAgentOf(ctx, tenantId)) throw notFound();
  return { tenantId, accountId: ctx.actor.accountId };
}
