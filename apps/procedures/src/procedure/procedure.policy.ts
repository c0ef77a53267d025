import { GuichetError, type BusContext } from '@guichet/contracts';
import { isAdministratorOf, isAgentOf, tenantOf } from '@guichet/platform-access';

/**
 * Who may do what with procedures (docs/architecture.md, "Authorization"). The tenant and role
 * checks are those of `@guichet/platform-access`; what is procedure-specific is here.
 */

/**
 * A service acting on its own (consumers, jobs); when it names a tenant, only that tenant's data.
 * Unlike the shared check, procedures still answers a system caller without a tenant (routing and
 * revision reads by id); the locked bus (issue 10) takes that away.
 */
export function isSystemFor(ctx: BusContext, tenantId: string): boolean {
  return ctx.system !== undefined && (ctx.tenantId === undefined || ctx.tenantId === tenantId);
}

export function mayReadProcedure(ctx: BusContext, tenantId: string): boolean {
  return isAgentOf(ctx, tenantId) || isSystemFor(ctx, tenantId);
}

/**
 * Which procedures a read may look among: the tenant the request is made in, or any for a system
 * caller naming no tenant; null for anyone else (told the procedure does not exist).
 */
export function readScope(ctx: BusContext): { tenantId: string } | 'any' | null {
  const tenantId = tenantOf(ctx);
  if (tenantId !== undefined) return { tenantId };
  return ctx.system !== undefined && ctx.tenantId === undefined ? 'any' : null;
}

export const procedureNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Démarche introuvable.');

/**
 * For edits: outsiders learn nothing (NOT_FOUND); an instructeur of the tenant, who can already
 * read the procedure, is told that editing is for administrateurs.
 */
export function assertMayEditProcedure(ctx: BusContext, tenantId: string): void {
  if (isAdministratorOf(ctx, tenantId)) return;
  if (isAgentOf(ctx, tenantId)) throw new GuichetError('FORBIDDEN', 'Seuls les administrateurs de la démarche peuvent la modifier.');
  throw procedureNotFound();
}

/** Creating needs an administrateur of the tenant the request is made in; returns that tenant. */
export function assertMayCreateProcedure(ctx: BusContext): string {
  if (ctx.actor === undefined) throw new GuichetError('UNAUTHENTICATED', 'Connectez-vous pour créer une démarche.');
  const tenantId = tenantOf(ctx);
  if (tenantId === undefined || !isAdministratorOf(ctx, tenantId)) {
    throw new GuichetError('FORBIDDEN', 'Seuls les administrateurs d’un organisme peuvent créer une démarche.');
  }
  return tenantId;
}

/** Listing needs an agent of the request's tenant (or a system caller naming one). */
export function assertMayListProcedures(ctx: BusContext): string {
  const tenantId = tenantOf(ctx);
  if (tenantId === undefined || !mayReadProcedure(ctx, tenantId)) {
    throw new GuichetError('FORBIDDEN', 'Seuls les agents d’un organisme peuvent lister ses démarches.');
  }
  return tenantId;
}
