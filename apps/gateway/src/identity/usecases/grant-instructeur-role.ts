import type { EntityManager } from '@mikro-orm/postgresql';
import { normalizeEmail } from '@guichet/platform-access';
import { schemaTable } from '@guichet/platform-persistence';

/** Raw SQL names tables with the service's schema (the connection's search path is not set). */
const table = (em: EntityManager, name: string): string => schemaTable(em, name, 'gateway');

/** Runs in the caller's transaction, if any. */
async function run(em: EntityManager, sql: string, params: unknown[]): Promise<number> {
  const result = (await em.getConnection().execute(sql, params, 'run', em.getTransactionContext())) as { affectedRows: number };
  return result.affectedRows;
}

/**
 * Makes these addresses instructeurs of the tenant: a membership for each address that has an
 * account, a pending membership for the others. Idempotent (insert … on conflict do nothing); a
 * tenant that no longer exists grants nothing. The addresses travel as one JSON array parameter.
 */
export async function grantInstructeurRole(em: EntityManager, tenantId: string, emails: readonly string[]): Promise<{ memberships: number; pending: number }> {
  const addresses = JSON.stringify([...new Set(emails.map(normalizeEmail))]);
  const memberships = await run(
    em,
    `insert into ${table(em, 'membership')} (id, account_id, tenant_id, role, created_at)
     select gen_random_uuid(), a.id, t.id, 'instructeur', now()
     from ${table(em, 'account')} a join ${table(em, 'tenant')} t on t.id = ?
     where a.email in (select jsonb_array_elements_text(?::jsonb))
     on conflict on constraint membership_account_tenant_role_unique do nothing`,
    [tenantId, addresses],
  );
  const pending = await run(
    em,
    `insert into ${table(em, 'pending_membership')} (id, email, tenant_id, role, created_at)
     select gen_random_uuid(), e.email, t.id, 'instructeur', now()
     from jsonb_array_elements_text(?::jsonb) as e(email) join ${table(em, 'tenant')} t on t.id = ?
     where not exists (select 1 from ${table(em, 'account')} a where a.email = e.email)
     on conflict on constraint pending_membership_email_tenant_role_unique do nothing`,
    [addresses, tenantId],
  );
  return { memberships, pending };
}

/** The pending memberships of a new account's address become its memberships (in the caller's transaction). */
export async function claimPendingMemberships(em: EntityManager, accountId: string, email: string): Promise<number> {
  return run(
    em,
    `with claimed as (delete from ${table(em, 'pending_membership')} where email = ? returning tenant_id, role)
     insert into ${table(em, 'membership')} (id, account_id, tenant_id, role, created_at)
     select gen_random_uuid(), ?, tenant_id, role, now() from claimed
     on conflict on constraint membership_account_tenant_role_unique do nothing`,
    [normalizeEmail(email), accountId],
  );
}
