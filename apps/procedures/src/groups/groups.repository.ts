import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { schemaTable } from '@guichet/platform-persistence';
import type { RoutingGroupRow } from '@guichet/conditions';
import { GroupMember, InstructorGroup, InstructorGroupSet } from './instructor-group.entity';

export const defaultGroupLabel = 'Groupe par défaut';

/**
 * Data access for instructor groups. Every method takes the procedure id, whose tenant the caller
 * has checked; the EntityManager is the request's fork or the open transaction's.
 */
@Injectable()
export class GroupsRepository {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  private table(name: string): string {
    return schemaTable(this.em, name, 'procedures');
  }

  /**
   * The procedure's group set, row-locked until the transaction ends; created with its default group
   * when missing. `insert … on conflict do nothing` makes two first requests agree on one default.
   */
  async lockSet(procedure: { id: string; tenantId: string }): Promise<InstructorGroupSet> {
    const locked = await this.em.findOne(InstructorGroupSet, { procedureId: procedure.id }, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (locked !== null) return locked;
    await this.createSetIfMissing(procedure);
    const created = await this.em.findOne(InstructorGroupSet, { procedureId: procedure.id }, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true });
    if (created === null) throw new Error(`procedure ${procedure.id}: group set not created`);
    return created;
  }

  /**
   * Creates the set and its default group unless they exist; safe to race (one transaction each).
   * Resolves with whether this call created them.
   */
  async createSetIfMissing(procedure: { id: string; tenantId: string }): Promise<boolean> {
    const groupId = randomUUID();
    // One statement: the set row and its default group appear together or not at all.
    const created = await this.em.execute<{ id: string }[]>(
      `with new_set as (
         insert into ${this.table('instructor_group_set')} (procedure_id, tenant_id, default_group_id, version) values (?, ?, ?, 1)
         on conflict (procedure_id) do nothing returning default_group_id
       )
       insert into ${this.table('instructor_group')} (id, tenant_id, procedure_id, label, is_default, active, routing_rule, position, created_at)
       select default_group_id, ?, ?, ?, true, true, null, 0, now() from new_set
       returning id`,
      [procedure.id, procedure.tenantId, groupId, procedure.tenantId, procedure.id, defaultGroupLabel],
    );
    return created.length > 0;
  }

  findSet(procedureId: string): Promise<InstructorGroupSet | null> {
    return this.em.findOne(InstructorGroupSet, { procedureId });
  }

  /** The routing hot path: only the version, by primary key, without the identity map. */
  async currentVersion(procedureId: string): Promise<{ version: number; tenantId: string } | null> {
    const rows = await this.em.execute<{ version: number; tenant_id: string }[]>(`select version, tenant_id from ${this.table('instructor_group_set')} where procedure_id = ?`, [procedureId]);
    const row = rows[0];
    return row === undefined ? null : { version: row.version, tenantId: row.tenant_id };
  }

  /** What the router compiles, in evaluation order, without entities (thousands of rows). */
  async routingRows(procedureId: string): Promise<RoutingGroupRow[]> {
    const rows = await this.em.execute<{ id: string; label: string; is_default: boolean; active: boolean; routing_rule: unknown }[]>(
      `select id, label, is_default, active, routing_rule from ${this.table('instructor_group')} where procedure_id = ? order by position, id`,
      [procedureId],
    );
    return rows.map((row) => ({ id: row.id, label: row.label, isDefault: row.is_default, active: row.active, routingRule: row.routing_rule }));
  }

  countGroups(procedureId: string): Promise<number> {
    return this.em.count(InstructorGroup, { procedureId });
  }

  listGroups(procedureId: string): Promise<InstructorGroup[]> {
    return this.em.find(InstructorGroup, { procedureId }, { orderBy: { position: 'asc', id: 'asc' } });
  }

  findGroup(procedureId: string, groupId: string): Promise<InstructorGroup | null> {
    return this.em.findOne(InstructorGroup, { id: groupId, procedureId });
  }

  async labelTaken(procedureId: string, label: string, exceptGroupId?: string): Promise<boolean> {
    return (await this.em.count(InstructorGroup, { procedureId, label, ...(exceptGroupId !== undefined ? { id: { $ne: exceptGroupId } } : {}) })) > 0;
  }

  async nextPosition(procedureId: string): Promise<number> {
    const rows = await this.em.execute<{ max: number | null }[]>(`select max(position) as max from ${this.table('instructor_group')} where procedure_id = ?`, [procedureId]);
    return (rows[0]?.max ?? 0) + 1;
  }

  async memberCounts(groupIds: readonly string[]): Promise<Map<string, number>> {
    if (groupIds.length === 0) return new Map();
    const rows = await this.em.execute<{ group_id: string; count: string }[]>(`select group_id, count(*) as count from ${this.table('group_member')} where group_id in (${groupIds.map(() => '?').join(', ')}) group by group_id`, [...groupIds]);
    return new Map(rows.map((row) => [row.group_id, Number(row.count)]));
  }

  /** Groups after a cursor, in evaluation order (position, then id). */
  pageOfGroups(procedureId: string, after: { position: number; id: string } | undefined, limit: number): Promise<InstructorGroup[]> {
    const where = after === undefined ? { procedureId } : { procedureId, $or: [{ position: { $gt: after.position } }, { position: after.position, id: { $gt: after.id } }] };
    return this.em.find(InstructorGroup, where, { orderBy: { position: 'asc', id: 'asc' }, limit });
  }

  /** Every group of the procedure, id and label only (thousands of rows: no entities). */
  groupLabels(procedureId: string): Promise<Array<{ id: string; label: string }>> {
    return this.em.execute<Array<{ id: string; label: string }>>(`select id, label from ${this.table('instructor_group')} where procedure_id = ?`, [procedureId]);
  }

  /** The groups of the procedure an address belongs to, id and label (index `group_member_tenant_email_idx`). */
  groupLabelsOfMember(tenantId: string, procedureId: string, email: string): Promise<Array<{ id: string; label: string }>> {
    return this.em.execute<Array<{ id: string; label: string }>>(
      `select g.id, g.label from ${this.table('group_member')} m join ${this.table('instructor_group')} g on g.id = m.group_id
       where m.tenant_id = ? and m.account_email = ? and m.procedure_id = ? and g.procedure_id = ?`,
      [tenantId, email, procedureId, procedureId],
    );
  }

  members(groupId: string): Promise<GroupMember[]> {
    return this.em.find(GroupMember, { groupId }, { orderBy: { accountEmail: 'asc' } });
  }

  /** The groups of a tenant an address belongs to (index `group_member_tenant_email_idx`). */
  async groupsOfMember(tenantId: string, email: string, limit: number): Promise<Array<{ groupId: string; procedureId: string }>> {
    // Asked at every agent's request on dossiers: one plain statement, no entities.
    const rows = await this.em.execute<{ group_id: string; procedure_id: string }[]>(
      `select group_id, procedure_id from ${this.table('group_member')} where tenant_id = ? and account_email = ? order by procedure_id, group_id limit ?`,
      [tenantId, email, limit],
    );
    return rows.map((row) => ({ groupId: row.group_id, procedureId: row.procedure_id }));
  }

  membersOfProcedure(procedureId: string): Promise<GroupMember[]> {
    return this.em.find(GroupMember, { procedureId });
  }

  newGroup(data: Pick<InstructorGroup, 'tenantId' | 'procedureId' | 'label' | 'active' | 'routingRule' | 'position'>): InstructorGroup {
    return this.em.create(InstructorGroup, { id: randomUUID(), isDefault: false, createdAt: new Date(), ...data });
  }

  newMember(group: Pick<InstructorGroup, 'id' | 'procedureId' | 'tenantId'>, email: string, accountId: string | null): GroupMember {
    return this.em.create(GroupMember, { id: randomUUID(), groupId: group.id, procedureId: group.procedureId, tenantId: group.tenantId, accountEmail: email, accountId, createdAt: new Date() });
  }

  remove(entity: InstructorGroup | GroupMember): void {
    this.em.remove(entity);
  }
}
