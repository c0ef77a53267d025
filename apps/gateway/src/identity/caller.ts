import { GuichetError, uuid, type BusContext, type Role } from '@guichet/contracts';
import type { MembershipRole } from './membership.entity';

/** What the gateway knows about the signed-in person for one request. */
export interface Caller {
  sessionId: string;
  account: CallerAccount;
  memberships: MembershipView[];
  /** The tenant this request acts in (agents only). */
  currentTenant: { id: string; name: string } | null;
  roles: Role[];
}

export interface CallerAccount {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  isOperator: boolean;
  isExpert: boolean;
}

export interface MembershipView {
  tenantId: string;
  tenantName: string;
  role: MembershipRole;
}

/** The account as the API shows it: `{ id, email, firstName, lastName, roles }`. */
export interface AccountJson {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  roles: Role[];
}

/**
 * National roles come from the account (everyone is an usager; expert and operator are flags);
 * agent roles only from the memberships in the tenant the request acts in.
 */
export function rolesOf(account: Pick<CallerAccount, 'isOperator' | 'isExpert'>, memberships: readonly MembershipView[], tenantId: string | null): Role[] {
  const roles: Role[] = ['usager'];
  for (const role of ['administrateur', 'instructeur'] as const) {
    if (tenantId && memberships.some((membership) => membership.tenantId === tenantId && membership.role === role)) roles.push(role);
  }
  if (account.isExpert) roles.push('expert');
  if (account.isOperator) roles.push('operator');
  return roles;
}

/**
 * The tenant a request acts in: the one asked for in `x-guichet-tenant` (only among the caller's
 * own memberships), else the session's, provided the caller is still a member of it, else the
 * caller's first administration by name.
 */
export function chooseTenant(memberships: readonly MembershipView[], sessionTenantId: string | null, requested: string | undefined): { id: string; name: string } | null {
  const tenantOf = (id: string) => {
    const membership = memberships.find((candidate) => candidate.tenantId === id);
    return membership ? { id: membership.tenantId, name: membership.tenantName } : null;
  };
  if (requested !== undefined) {
    if (!uuid.safeParse(requested).success) throw new GuichetError('MALFORMED_REQUEST', 'L’en-tête x-guichet-tenant doit être un identifiant d’administration.');
    const chosen = tenantOf(requested);
    if (!chosen) throw new GuichetError('FORBIDDEN', 'Vous n’êtes pas membre de cette administration.');
    return chosen;
  }
  const fromSession = sessionTenantId ? tenantOf(sessionTenantId) : null;
  if (fromSession) return fromSession;
  // A role given while signed in (an instructor group), or the session's tenant left: the first one.
  const fallback = defaultTenantOf(memberships);
  return fallback ? tenantOf(fallback) : null;
}

/** The tenant a new session starts in: the first administration by name, if any. */
export function defaultTenantOf(memberships: readonly MembershipView[]): string | null {
  const sorted = [...memberships].sort((a, b) => a.tenantName.localeCompare(b.tenantName, 'fr') || a.tenantId.localeCompare(b.tenantId));
  return sorted[0]?.tenantId ?? null;
}

export function displayName(account: Pick<CallerAccount, 'firstName' | 'lastName'>): string {
  return `${account.firstName} ${account.lastName}`.trim();
}

/** Tenant and actor sent in NATS headers, so every service re-checks authorization for the same person. */
export function busContextOf(caller: Caller | null): BusContext {
  if (!caller) return {};
  return {
    ...(caller.currentTenant ? { tenantId: caller.currentTenant.id } : {}),
    actor: { accountId: caller.account.id, email: caller.account.email, name: displayName(caller.account), roles: caller.roles },
  };
}

export function accountJson(account: Pick<CallerAccount, 'id' | 'email' | 'firstName' | 'lastName'>, roles: Role[]): AccountJson {
  return { id: account.id, email: account.email, firstName: account.firstName, lastName: account.lastName, roles };
}
