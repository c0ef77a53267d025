import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Account } from './account.entity';
import { Tenant } from './tenant.entity';

/**
 * A signed-in browser. The cookie holds a random token; only its SHA-256 is stored, so a leaked
 * table does not give usable sessions.
 */
@Entity({ tableName: 'session' })
export class Session {
  [OptionalProps]?: 'tenant' | 'createdAt' | 'lastSeenAt';

  /** Hex SHA-256 of the cookie token. */
  @PrimaryKey({ type: 'text' })
  id!: string;

  @ManyToOne(() => Account, { deleteRule: 'cascade', index: true })
  account!: Account;

  /** The tenant an agent currently works in; null for accounts without memberships. */
  @ManyToOne(() => Tenant, { nullable: true, deleteRule: 'set null' })
  tenant: Tenant | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  /** Absolute end of the session (created + 7 days), whatever the activity. */
  @Index({ name: 'session_expires_at_idx' })
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  /** Last request seen; the session ends after 12 hours without one. */
  @Property({ type: 'timestamptz' })
  lastSeenAt: Date = new Date();
}
