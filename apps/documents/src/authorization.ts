import { uuid, type BusContext, type Role } from '@guichet/contracts';

/**
 * Who may read what in this service (docs/architecture.md, "Authorization"). Roles in `ctx.actor`
 * are those held in `ctx.tenantId`, so a role only counts for the tenant the request is made in.
 */

const agentRoles: readonly Role[] = ['instructeur', 'administrateur'];

/** The request's tenant when it is a well-formed id; anything else counts as no tenant. */
export function tenantOf(ctx: BusContext): string | undefined {
  return ctx.tenantId !== undefined && uuid.safeParse(ctx.tenantId).success ? ctx.tenantId : undefined;
}

export function isAgentOf(ctx: BusContext, tenantId: string): boolean {
  return ctx.actor !== undefined && tenantOf(ctx) === tenantId && ctx.actor.roles.some((role) => agentRoles.includes(role));
}

export function isAdministratorOf(ctx: BusContext, tenantId: string): boolean {
  return ctx.actor !== undefined && tenantOf(ctx) === tenantId && ctx.actor.roles.includes('administrateur');
}

/** A service acting on its own must name the tenant it works for. */
export function isSystemFor(ctx: BusContext, tenantId: string): boolean {
  return ctx.system !== undefined && tenantOf(ctx) === tenantId;
}
