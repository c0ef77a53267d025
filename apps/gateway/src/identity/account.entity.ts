import { randomUUID } from 'node:crypto';
import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/** A person who signs in: usager by default, agent through memberships, expert or operator by flag. */
@Entity({ tableName: 'account' })
export class Account {
  [OptionalProps]?: 'id' | 'isOperator' | 'isExpert' | 'createdAt' | 'lastSignInAt';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Always stored lower-case (see normalizeEmail), so the unique index is case-insensitive in effect. */
  @Property({ type: 'text', unique: true })
  email!: string;

  /** argon2id; never leaves the gateway. */
  @Property({ type: 'text', lazy: true })
  passwordHash!: string;

  @Property({ type: 'text' })
  firstName!: string;

  @Property({ type: 'text' })
  lastName!: string;

  @Property({ type: 'boolean' })
  isOperator: boolean = false;

  @Property({ type: 'boolean' })
  isExpert: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  lastSignInAt: Date | null = null;
}
