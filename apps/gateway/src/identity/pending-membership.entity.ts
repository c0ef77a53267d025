import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import { membershipRoles, type MembershipRole } from './membership.entity';
import { Tenant } from './tenant.entity';

/**
 * A role in a tenant given to an address that has no account yet (an administrateur added it to an
 * instructor group): it becomes a membership when an account with that address is created.
 */
@Entity({ tableName: 'pending_membership' })
@Unique({ name: 'pending_membership_email_tenant_role_unique', properties: ['email', 'tenant', 'role'] })
@Index({ name: 'pending_membership_tenant_idx', properties: ['tenant'] })
export class PendingMembership {
  [OptionalProps]?: 'id' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Lower-case, as account addresses are stored. */
  @Property({ type: 'text' })
  email!: string;

  @ManyToOne(() => Tenant, { deleteRule: 'cascade' })
  tenant!: Tenant;

  @Enum({ items: () => [...membershipRoles], type: 'text' })
  role!: MembershipRole;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
