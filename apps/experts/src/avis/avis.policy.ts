import { uuid, type BusContext, type Role } from '@guichet/contracts';

const agentRoles: readonly Role[] = ['instructeur', 'administrateur'];

/** Experts are recognised by address, whatever its case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The request's tenant when it is a well-formed id; anything else counts as no tenant. */
function tenantOf(ctx: BusContext): string | undefined {
  return ctx.tenantId !== undefined && uuid.safeParse(ctx.tenantId).success ? ctx.tenantId : undefined;
}

/**
 * An instructeur or administrateur of the tenant. Roles in `ctx.actor` are those held in
 * `ctx.tenantId`, so a role counts only for the tenant the request is made in.
 */
export function isAgentOf(ctx: BusContext, tenantId: string): boolean {
  return ctx.actor !== undefined && tenantOf(ctx) === tenantId && ctx.actor.roles.some((role) => agentRoles.includes(role));
}

/** A service acting on its own (exports, API) for the dossier's tenant. */
export function isSystemFor(ctx: BusContext, tenantId: string): boolean {
  return ctx.actor === undefined && ctx.system !== undefined && tenantOf(ctx) === tenantId;
}

export interface VisibleAvis {
  readonly expertEmail: string;
  readonly confidential: boolean;
}

/**
 * Which avis of a dossier the caller sees, or null when the caller may not see its avis at all
 * (NOT_FOUND):
 * - agents of the dossier's tenant (and a service of that tenant): every avis, confidential ones included;
 * - an expert asked on this dossier: their own avis, and the other experts' non-confidential ones;
 * - anyone else, the usager included: null. Avis are the administration's working papers; the
 *   usager is never told whether any were asked.
 */
export function visibleAvisOf<A extends VisibleAvis>(ctx: BusContext, tenantId: string, avis: readonly A[]): A[] | null {
  if (isAgentOf(ctx, tenantId) || isSystemFor(ctx, tenantId)) return [...avis];
  if (ctx.actor === undefined) return null;
  const email = normalizeEmail(ctx.actor.email);
  if (!avis.some((item) => item.expertEmail === email)) return null;
  return avis.filter((item) => item.expertEmail === email || !item.confidential);
}
