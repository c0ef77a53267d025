import type { EntityManager } from '@mikro-orm/postgresql';
import { Account } from './account.entity';
import type { MembershipView } from './caller';
import { Membership } from './membership.entity';

/** Accounts and their memberships. Accounts are national: no tenant scope on account lookups. */
export class AccountRepository {
  constructor(private readonly em: EntityManager) {}

  findByEmail(email: string, options: { withPasswordHash?: boolean } = {}): Promise<Account | null> {
    return this.em.findOne(Account, { email }, options.withPasswordHash ? { populate: ['passwordHash'] } : {});
  }

  findById(id: string): Promise<Account | null> {
    return this.em.findOne(Account, { id });
  }

  /** Every membership of the account, administrations in name order. */
  async membershipsOf(accountId: string): Promise<MembershipView[]> {
    const memberships = await this.em.find(Membership, { account: accountId }, { populate: ['tenant'], orderBy: { tenant: { name: 'asc' }, role: 'asc' } });
    return memberships.map((membership) => ({ tenantId: membership.tenant.id, tenantName: membership.tenant.name, role: membership.role }));
  }

  /** The membership of one account in one tenant with one role, if any (tenant scope explicit). */
  findMembership(tenantId: string, accountId: string, role: Membership['role']): Promise<Membership | null> {
    return this.em.findOne(Membership, { tenant: tenantId, account: accountId, role });
  }
}
