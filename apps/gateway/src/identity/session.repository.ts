import type { EntityManager } from '@mikro-orm/postgresql';
import type { CallerAccount, MembershipView } from './caller';
import { Account } from './account.entity';
import { Membership } from './membership.entity';
import { Session } from './session.entity';
import { Tenant } from './tenant.entity';

/** What a request needs of its session: the session's times and tenant, its account and every membership. */
export interface SessionOfRequest {
  id: string;
  /** The session's current tenant (null when none, or once that tenant is gone). */
  tenantId: string | null;
  expiresAt: Date;
  lastSeenAt: Date;
  account: CallerAccount;
  /** Administrations in name order, then role. */
  memberships: MembershipView[];
}

interface SessionOfRequestRow {
  id: string;
  tenant_id: string | null;
  /** The ORM's pg connection leaves timestamps as text (it parses them when hydrating entities). */
  expires_at: string | Date;
  last_seen_at: string | Date;
  account_id: string;
  email: string;
  first_name: string;
  last_name: string;
  is_operator: boolean;
  is_expert: boolean;
  memberships: MembershipView[];
}

export class SessionRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The session with its account and memberships, whatever its expiry, in one statement (every
   * signed-in request runs it): no entity is loaded, nothing is left in an identity map, so the
   * global EntityManager serves (only its connection is used).
   */
  async findForRequest(id: string): Promise<SessionOfRequest | null> {
    const [session, account, membership, tenant] = [Session, Account, Membership, Tenant].map((entity) => this.table(entity));
    const row = (await this.em.getConnection().execute(
      `select s.id, s.tenant_id, s.expires_at, s.last_seen_at,
         a.id as account_id, a.email, a.first_name, a.last_name, a.is_operator, a.is_expert,
         coalesce((select json_agg(json_build_object('tenantId', t.id, 'tenantName', t.name, 'role', m.role) order by t.name asc, m.role asc)
                   from ${membership} m join ${tenant} t on t.id = m.tenant_id
                   where m.account_id = s.account_id), '[]'::json) as memberships
       from ${session} s join ${account} a on a.id = s.account_id
       where s.id = ?`,
      [id],
      'get',
    )) as SessionOfRequestRow | undefined;
    if (!row) return null;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      expiresAt: new Date(row.expires_at),
      lastSeenAt: new Date(row.last_seen_at),
      account: { id: row.account_id, email: row.email, firstName: row.first_name, lastName: row.last_name, isOperator: row.is_operator, isExpert: row.is_expert },
      memberships: row.memberships,
    };
  }

  async delete(id: string): Promise<void> {
    await this.em.nativeDelete(Session, { id });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.em.nativeUpdate(Session, { id }, { lastSeenAt: at });
  }

  async setTenant(id: string, tenantId: string | null): Promise<void> {
    await this.em.nativeUpdate(Session, { id }, { tenant: tenantId });
  }

  /** Removes sessions past their absolute or idle limit. */
  async deleteExpired(now: Date, idleSince: Date): Promise<number> {
    return this.em.nativeDelete(Session, { $or: [{ expiresAt: { $lte: now } }, { lastSeenAt: { $lte: idleSince } }] });
  }

  /** The quoted, schema-qualified table of an entity, as the ORM names it. */
  private table(entity: abstract new (...args: never[]) => object): string {
    const meta = this.em.getMetadata().get(entity.name);
    const schema = meta.schema ?? this.em.config.get('schema');
    return schema ? `"${schema}"."${meta.tableName}"` : `"${meta.tableName}"`;
  }
}
