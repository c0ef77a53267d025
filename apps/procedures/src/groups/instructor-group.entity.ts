import { Entity, Index, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/**
 * One row per procedure that has groups: the default group's id and a version bumped by every
 * change to the procedure's groups. Mutations lock this row, so they queue up per procedure; the
 * router compares its cached version with this row (a primary-key read) on every request, which
 * keeps replicas consistent without any message between them.
 */
@Entity({ tableName: 'instructor_group_set' })
export class InstructorGroupSet {
  @PrimaryKey({ type: 'uuid' })
  procedureId!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  defaultGroupId!: string;

  @Property({ type: 'integer' })
  version: number = 1;
}

/** A group of instructors of a procedure; `routingRule` is a condition of @guichet/conditions. */
@Entity({ tableName: 'instructor_group' })
@Unique({ name: 'instructor_group_label_unique', properties: ['procedureId', 'label'] })
@Index({ name: 'instructor_group_position_idx', properties: ['procedureId', 'position'] })
export class InstructorGroup {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  procedureId!: string;

  @Property({ type: 'text' })
  label!: string;

  @Property({ type: 'boolean' })
  isDefault: boolean = false;

  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'jsonb', nullable: true })
  routingRule: unknown = null;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** An instructor of a group, known by e-mail (lower-case) until the account is known. */
@Entity({ tableName: 'group_member' })
@Unique({ name: 'group_member_email_unique', properties: ['groupId', 'accountEmail'] })
@Index({ name: 'group_member_procedure_idx', properties: ['procedureId'] })
// The groups of an agent, asked at every request of an instructeur that touches dossiers.
@Index({ name: 'group_member_tenant_email_idx', properties: ['tenantId', 'accountEmail'] })
export class GroupMember {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  groupId!: string;

  @Property({ type: 'uuid' })
  procedureId!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'text' })
  accountEmail!: string;

  @Property({ type: 'uuid', nullable: true })
  accountId: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
