import { GuichetError, uuid, type BusContext, type Role } from '@guichet/contracts';
import type { ActorRole } from '@guichet/dossier-state';

/**
 * Who may do what with dossiers (docs/architecture.md, "Authorization"). Roles in `ctx.actor` are
 * those held in `ctx.tenantId`, so an agent's role only counts for the tenant the request is made
 * in. System callers always name the tenant they act for.
 */

/** The request's tenant when it is a well-formed id; anything else counts as no tenant. */
export function tenantOf(ctx: BusContext): string | undefined {
  return ctx.tenantId !== undefined && uuid.safeParse(ctx.tenantId).success ? ctx.tenantId : undefined;
}

/** The account making the request, if any. */
export const accountOf = (ctx: BusContext): string | undefined => ctx.actor?.accountId;

function hasRoleIn(ctx: BusContext, tenantId: string, roles: readonly Role[]): boolean {
  return ctx.actor !== undefined && tenantOf(ctx) === tenantId && ctx.actor.roles.some((role) => roles.includes(role));
}

/** Administrateurs and instructeurs of the tenant read its dossiers. */
export const isAgentOf = (ctx: BusContext, tenantId: string): boolean => hasRoleIn(ctx, tenantId, ['administrateur', 'instructeur']);

export const isInstructeurOf = (ctx: BusContext, tenantId: string): boolean => hasRoleIn(ctx, tenantId, ['instructeur']);

/** A service acting on its own (consumers, jobs, experts on behalf of an invited expert), for one tenant. */
export const isSystemFor = (ctx: BusContext, tenantId: string): boolean => ctx.system !== undefined && tenantOf(ctx) === tenantId;

/** The tenant whose dossiers the caller may read as an agent or as the system, if any. */
export function readableTenantOf(ctx: BusContext): string | undefined {
  const tenantId = tenantOf(ctx);
  return tenantId !== undefined && (isAgentOf(ctx, tenantId) || isSystemFor(ctx, tenantId)) ? tenantId : undefined;
}

/** The role the state machine sees for a caller who may move the tenant's dossiers, if any. */
export function transitionRoleOf(ctx: BusContext): { tenantId: string; role: ActorRole } | undefined {
  const tenantId = tenantOf(ctx);
  if (tenantId === undefined) return undefined;
  if (isSystemFor(ctx, tenantId)) return { tenantId, role: 'system' };
  if (isInstructeurOf(ctx, tenantId)) return { tenantId, role: 'instructeur' };
  return undefined;
}

/** Never reveal that another account's or another tenant's dossier exists. */
export const dossierNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Dossier introuvable.');

export const signInRequired = (what: string): GuichetError => new GuichetError('UNAUTHENTICATED', `Connectez-vous pour ${what}.`);
