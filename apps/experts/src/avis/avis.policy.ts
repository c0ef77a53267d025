import type { BusContext } from '@guichet/contracts';
import { isAgentOf, isSystemFor, normalizeEmail } from '@guichet/platform-access';

export interface VisibleAvis {
  readonly expertEmail: string;
  readonly confidential: boolean;
}

/**
 * Which avis of a dossier the caller sees, or null when the caller may not see its avis at all
 * (NOT_FOUND):
 * - agents of the dossier's tenant who see the dossier (the dossiers service decided, when it was
 *   read as the caller), and a service of that tenant: every avis, confidential ones included;
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
