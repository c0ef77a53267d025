import { uuid, type BusContext, type Role } from '@guichet/contracts';

/**
 * Who is calling, read from the bus context the gateway (or a service acting on its own) sent.
 * Roles in `ctx.actor` are those held in `ctx.tenantId`, so an agent's role only counts for the
 * tenant the request is made in. These checks were copied in six services' policy files; they
 * live here once.
 */

/** The request's tenant when it is a well-formed id; anything else counts as no tenant. */
export function tenantOf(ctx: BusContext): string | undefined {
  return ctx.tenantId !== undefined && uuid.safeParse(ctx.tenantId).success ? ctx.tenantId : undefined;
}

/** The account making the request, if any. */
export const accountOf = (ctx: BusContext): string | undefined => ctx.actor?.accountId;

/** Addresses are compared whatever their case (group members, experts). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function hasRoleIn(ctx: BusContext, tenantId: string, roles: readonly Role[]): boolean {
  return ctx.actor !== undefined && tenantOf(ctx) === tenantId && ctx.actor.roles.some((role) => roles.includes(role));
}

export const isAdministratorOf = (ctx: BusContext, tenantId: string): boolean => hasRoleIn(ctx, tenantId, ['administrateur']);

export const isInstructeurOf = (ctx: BusContext, tenantId: string): boolean => hasRoleIn(ctx, tenantId, ['instructeur']);

/** Administrateurs and instructeurs of the tenant. Which dossiers they see is the agent scope's business. */
export const isAgentOf = (ctx: BusContext, tenantId: string): boolean => hasRoleIn(ctx, tenantId, ['administrateur', 'instructeur']);

/** A service acting on its own (consumers, jobs), without an account, naming the tenant it works for. */
export const isSystemFor = (ctx: BusContext, tenantId: string): boolean => ctx.actor === undefined && ctx.system !== undefined && tenantOf(ctx) === tenantId;
