import { GuichetError, uuid, type BusContext } from '@guichet/contracts';

/** The tenant whose lookup settings the caller administers; FORBIDDEN for anyone else. */
export function administeredTenantOf(ctx: BusContext): string {
  const tenantId = ctx.tenantId;
  if (tenantId !== undefined && uuid.safeParse(tenantId).success && ctx.actor?.roles.includes('administrateur') === true) return tenantId;
  throw new GuichetError('FORBIDDEN', 'Seuls les administrateurs de l’administration peuvent consulter ou modifier les services de vérification.');
}
