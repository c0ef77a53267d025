import { randomUUID } from 'node:crypto';
import { Entity, Enum, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { Account } from './account.entity';
import { Tenant } from './tenant.entity';

export const membershipRoles = ['administrateur', 'instructeur'] as const;
export type MembershipRole = (typeof membershipRoles)[number];

/** An agent's role in a tenant; an account may hold both roles in one tenant and roles in several. */
@Entity({ tableName: 'membership' })
@Unique({ name: 'membership_account_tenant_role_unique', properties: ['account', 'tenant', 'role'] })
export class Membership {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Account, { deleteRule: 'cascade' })
  account!: Account;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade', index: true })
  tenant!: Tenant;

  @Enum({ items: () => [...membershipRoles], type: 'text' })
  role!: MembershipRole;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
