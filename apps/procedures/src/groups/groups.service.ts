import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { groupEvents, GuichetError, maxGroupsPerAgent, uuid, type AgentGroup, type BusContext, type FieldDefinition, type groupContracts, type InstructorGroup as InstructorGroupDto, type RequestOf, type VisibleGroup } from '@guichet/contracts';
import { isAdministratorOf, isAgentOf, normalizeEmail, tenantOf } from '@guichet/platform-access';
import { addToOutbox } from '@guichet/platform-persistence';
import { ProcedureChanges } from '../procedure/procedure-changes';
import type { Procedure } from '../procedure/procedure.entity';
import { isSystemFor } from '../procedure/procedure.policy';
import { parseGroupsCsv } from './groups.csv';
import { GroupsAccess } from './groups.access';
import { toGroupDto, toGroupWithMembersDto } from './groups.mapper';
import { GroupsRepository } from './groups.repository';
import type { InstructorGroup, InstructorGroupSet } from './instructor-group.entity';
import { checkRoutingRule } from './routing-rule';

type Payload<K extends keyof typeof groupContracts> = RequestOf<(typeof groupContracts)[K]>;

/** Real instances have thousands of groups; this bound keeps one procedure's routing table in memory. */
export const maxGroupsPerProcedure = 10_000;

/** Members of one group: the group with its members is one bus message (1 MiB at most). */
export const maxMembersPerGroup = 2_000;
/** A rule, serialized; generous for a condition tree, and it keeps list pages small. */
const maxRuleBytes = 10_000;
const maxPageBytes = 600_000;

const tooManyMembers = (label: string): GuichetError =>
  new GuichetError('VALIDATION_FAILED', `Un groupe compte au plus ${maxMembersPerGroup} instructeurs (« ${label} »).`, { members: `Au plus ${maxMembersPerGroup} instructeurs par groupe.` });
const groupNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Groupe introuvable.');
const labelTaken = (): GuichetError => new GuichetError('CONFLICT', 'Un groupe de cette démarche porte déjà ce nom.', { label: 'Ce nom est déjà pris.' });
const tooManyGroups = (): GuichetError => new GuichetError('VALIDATION_FAILED', `Une démarche compte au plus ${maxGroupsPerProcedure} groupes.`, { groups: `Au plus ${maxGroupsPerProcedure} groupes.` });

/** `after` as written by `list`: `<position>:<group id>`. */
function parseCursor(after: string | undefined): { position: number; id: string } | undefined {
  if (after === undefined) return undefined;
  const match = /^(-?\d{1,9}):([0-9a-f-]{36})$/.exec(after);
  if (match === null || !uuid.safeParse(match[2]).success) throw new GuichetError('VALIDATION_FAILED', 'Curseur de page invalide.', { after: 'Curseur invalide.' });
  return { position: Number(match[1]), id: match[2] as string };
}

/** Groups by name as agents read them: French order, case and accents ignored, numbers as numbers; then id. */
const labelOrder = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });
const byLabel = (a: VisibleGroup, b: VisibleGroup): number => labelOrder.compare(a.label, b.label) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** `after` as written by `visible`: base64url JSON `[label, id]` of the last group of the page before. */
function parseVisibleCursor(after: string | undefined): VisibleGroup | undefined {
  if (after === undefined) return undefined;
  try {
    const [label, id] = JSON.parse(Buffer.from(after, 'base64url').toString()) as unknown[];
    if (typeof label === 'string' && uuid.safeParse(id).success) return { label, id: id as string };
  } catch {
    // Not ours: refused below.
  }
  throw new GuichetError('VALIDATION_FAILED', 'Curseur de page invalide.', { after: 'Curseur invalide.' });
}
const visibleCursorOf = (group: VisibleGroup): string => Buffer.from(JSON.stringify([group.label, group.id])).toString('base64url');

/** The fields a rule may use: the draft's and the published revision's (the draft wins on a shared id). */
function ruleFields(draft: readonly FieldDefinition[], published: readonly FieldDefinition[] | undefined): FieldDefinition[] {
  const draftIds = new Set(draft.map((field) => field.stableId));
  return [...draft, ...(published ?? []).filter((field) => !draftIds.has(field.stableId))];
}

/**
 * Edits of a procedure's groups. Each runs in one transaction that locks the procedure's group set
 * row, so edits of one procedure queue up, and bumps the set's version when routing may change.
 */
@Injectable()
export class GroupsService {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(GroupsAccess) private readonly access: GroupsAccess,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(ProcedureChanges) private readonly changes: ProcedureChanges,
  ) {}

  async list({ procedureId, after, limit }: Payload<'list'>, ctx: BusContext): Promise<{ items: InstructorGroupDto[]; version: number; next: string | null }> {
    const procedure = await this.access.forRead(ctx, procedureId);
    const cursor = parseCursor(after);
    if (await this.groups.createSetIfMissing(procedure)) this.changes.announce(procedure.id);
    const set = await this.groups.findSet(procedure.id);
    const page = await this.groups.pageOfGroups(procedure.id, cursor, limit + 1);
    const counts = await this.groups.memberCounts(page.slice(0, limit).map((group) => group.id));
    // A page stays well under the bus's 1 MiB message limit, however long the rules are.
    const items: InstructorGroupDto[] = [];
    let bytes = 0;
    for (const group of page.slice(0, limit)) {
      const dto = toGroupDto(group, counts.get(group.id) ?? 0);
      bytes += JSON.stringify(dto).length;
      if (items.length > 0 && bytes > maxPageBytes) break;
      items.push(dto);
    }
    const last = items[items.length - 1];
    return {
      items,
      version: set?.version ?? 1,
      next: items.length < page.length && last !== undefined ? `${last.position}:${last.id}` : null,
    };
  }

  /**
   * The groups of a procedure whose dossiers the caller reads on its dashboard (its group filter):
   * an administrateur of the tenant and the system every group, an instructeur their own. By name,
   * by pages: the order is the collator's, so the keyset runs over the sorted list.
   */
  async visible({ procedureId, after, limit }: Payload<'visible'>, ctx: BusContext): Promise<{ items: VisibleGroup[]; next: string | null }> {
    const procedure = await this.access.forRead(ctx, procedureId);
    const cursor = parseVisibleCursor(after);
    // The default group exists from the first read, as for `list`.
    if (await this.groups.createSetIfMissing(procedure)) this.changes.announce(procedure.id);
    const everyGroup = isAdministratorOf(ctx, procedure.tenantId) || isSystemFor(ctx, procedure.tenantId);
    const rows = everyGroup ? await this.groups.groupLabels(procedure.id) : await this.groups.groupLabelsOfMember(procedure.tenantId, procedure.id, normalizeEmail(ctx.actor?.email ?? ''));
    const sorted = rows.map((row) => ({ id: row.id, label: row.label })).sort(byLabel);
    const start = cursor === undefined ? 0 : sorted.findIndex((group) => byLabel(group, cursor) > 0);
    const items = start < 0 ? [] : sorted.slice(start, start + limit);
    const last = items[items.length - 1];
    return { items, next: start >= 0 && start + limit < sorted.length && last !== undefined ? visibleCursorOf(last) : null };
  }

  /** The groups of the request's tenant the calling agent belongs to, by the actor's address. */
  async ofAgent(ctx: BusContext): Promise<{ groups: AgentGroup[] }> {
    const tenantId = tenantOf(ctx);
    if (ctx.actor === undefined || tenantId === undefined || !isAgentOf(ctx, tenantId)) {
      throw new GuichetError('FORBIDDEN', 'Seuls les agents d’une administration ont des groupes instructeurs.');
    }
    return { groups: await this.groups.groupsOfMember(tenantId, normalizeEmail(ctx.actor.email), maxGroupsPerAgent) };
  }

  async get({ procedureId, groupId }: Payload<'get'>, ctx: BusContext) {
    const procedure = await this.access.forRead(ctx, procedureId);
    const group = await this.groups.findGroup(procedure.id, groupId);
    if (group === null) throw groupNotFound();
    return toGroupWithMembersDto(group, await this.groups.members(group.id));
  }

  create(payload: Payload<'create'>, ctx: BusContext): Promise<InstructorGroupDto> {
    return this.em.transactional(async (tx) => {
      const { procedure, set } = await this.editing(ctx, payload.procedureId);
      if (await this.groups.labelTaken(procedure.id, payload.label)) throw labelTaken();
      if ((await this.groups.countGroups(procedure.id)) >= maxGroupsPerProcedure) throw tooManyGroups();
      const routingRule = payload.routingRule === null ? null : await this.checkedRule(procedure, payload.routingRule);
      const group = this.groups.newGroup({ tenantId: procedure.tenantId, procedureId: procedure.id, label: payload.label, active: payload.active, routingRule, position: await this.groups.nextPosition(procedure.id) });
      set.version += 1;
      await tx.flush();
      return toGroupDto(group, 0);
    });
  }

  update(payload: Payload<'update'>, ctx: BusContext): Promise<InstructorGroupDto> {
    return this.em.transactional(async (tx) => {
      const { procedure, set } = await this.editing(ctx, payload.procedureId);
      const group = await this.groupOf(procedure.id, payload.groupId);
      if (payload.label !== undefined && payload.label !== group.label) {
        if (await this.groups.labelTaken(procedure.id, payload.label, group.id)) throw labelTaken();
        group.label = payload.label;
      }
      if (payload.active === false && group.isDefault) {
        throw new GuichetError('VALIDATION_FAILED', 'Le groupe par défaut reste actif : il reçoit les dossiers qu’aucune règle n’attribue.', { active: 'Le groupe par défaut reste actif.' });
      }
      if (payload.active !== undefined) group.active = payload.active;
      set.version += 1;
      await tx.flush();
      return toGroupDto(group, (await this.groups.members(group.id)).length);
    });
  }

  delete(payload: Payload<'delete'>, ctx: BusContext): Promise<{ deleted: true }> {
    return this.changingMembers(async (tx, changed) => {
      const { procedure, set } = await this.editing(ctx, payload.procedureId);
      const group = await this.groupOf(procedure.id, payload.groupId);
      if (group.isDefault) throw new GuichetError('CONFLICT', 'Le groupe par défaut ne peut pas être supprimé.');
      const members = await this.groups.members(group.id);
      if (members.length > 0) {
        if (payload.moveMembersTo === undefined) {
          throw new GuichetError('CONFLICT', 'Ce groupe compte des instructeurs : indiquez le groupe qui les reçoit.', { moveMembersTo: 'Choisissez le groupe qui reçoit ses instructeurs.' });
        }
        if (payload.moveMembersTo === group.id) throw new GuichetError('VALIDATION_FAILED', 'Les instructeurs doivent rejoindre un autre groupe.', { moveMembersTo: 'Choisissez un autre groupe.' });
        const target = await this.groupOf(procedure.id, payload.moveMembersTo);
        const present = new Set((await this.groups.members(target.id)).map((member) => member.accountEmail));
        const moved: string[] = [];
        for (const member of members) {
          if (present.has(member.accountEmail)) this.groups.remove(member);
          else {
            member.groupId = target.id;
            moved.push(member.accountEmail);
          }
        }
        this.membersChanged(tx, procedure, target.id, moved, [], ctx, changed);
        this.membersChanged(tx, procedure, group.id, [], members.map((member) => member.accountEmail), ctx, changed);
      }
      this.groups.remove(group);
      set.version += 1;
      await tx.flush();
      return { deleted: true as const };
    });
  }

  setRoutingRule(payload: Payload<'setRoutingRule'>, ctx: BusContext): Promise<InstructorGroupDto> {
    return this.em.transactional(async (tx) => {
      const { procedure, set } = await this.editing(ctx, payload.procedureId);
      const group = await this.groupOf(procedure.id, payload.groupId);
      if (group.isDefault && payload.routingRule !== null) {
        throw new GuichetError('VALIDATION_FAILED', 'Le groupe par défaut n’a pas de règle : il reçoit les dossiers qu’aucune règle n’attribue.', { routingRule: 'Pas de règle pour le groupe par défaut.' });
      }
      group.routingRule = payload.routingRule === null ? null : await this.checkedRule(procedure, payload.routingRule);
      set.version += 1;
      await tx.flush();
      return toGroupDto(group, (await this.groups.members(group.id)).length);
    });
  }

  addMembers(payload: Payload<'addMembers'>, ctx: BusContext) {
    return this.changingMembers(async (tx, changed) => {
      const { procedure } = await this.editing(ctx, payload.procedureId);
      const group = await this.groupOf(procedure.id, payload.groupId);
      const members = await this.groups.members(group.id);
      const present = new Set(members.map((member) => member.accountEmail));
      const added: string[] = [];
      for (const { email, accountId } of payload.members) {
        if (present.has(email)) continue;
        present.add(email);
        added.push(email);
        members.push(this.groups.newMember(group, email, accountId));
      }
      if (members.length > maxMembersPerGroup) throw tooManyMembers(group.label);
      this.membersChanged(tx, procedure, group.id, added, [], ctx, changed);
      await tx.flush();
      return toGroupWithMembersDto(group, [...members].sort((a, b) => a.accountEmail.localeCompare(b.accountEmail)));
    });
  }

  removeMembers(payload: Payload<'removeMembers'>, ctx: BusContext) {
    return this.changingMembers(async (tx, changed) => {
      const { procedure } = await this.editing(ctx, payload.procedureId);
      const group = await this.groupOf(procedure.id, payload.groupId);
      const leaving = new Set(payload.emails);
      const members = await this.groups.members(group.id);
      const removed: string[] = [];
      for (const member of members) {
        if (!leaving.has(member.accountEmail)) continue;
        this.groups.remove(member);
        removed.push(member.accountEmail);
      }
      this.membersChanged(tx, procedure, group.id, [], removed, ctx, changed);
      await tx.flush();
      return toGroupWithMembersDto(group, members.filter((member) => !leaving.has(member.accountEmail)));
    });
  }

  reorder(payload: Payload<'reorder'>, ctx: BusContext): Promise<{ version: number }> {
    return this.em.transactional(async (tx) => {
      const { procedure, set } = await this.editing(ctx, payload.procedureId);
      const groups = await this.groups.listGroups(procedure.id);
      const ordered = groups.filter((group) => !group.isDefault);
      const byId = new Map(ordered.map((group) => [group.id, group]));
      const wanted = payload.groupIds.filter((id) => id !== set.defaultGroupId);
      if (wanted.length !== ordered.length || new Set(wanted).size !== wanted.length || wanted.some((id) => !byId.has(id))) {
        throw new GuichetError('VALIDATION_FAILED', 'Indiquez chaque groupe de la démarche une fois, dans le nouvel ordre.', { groupIds: 'Chaque groupe de la démarche, une fois.' });
      }
      wanted.forEach((id, index) => {
        (byId.get(id) as InstructorGroup).position = index + 1;
      });
      set.version += 1;
      await tx.flush();
      return { version: set.version };
    });
  }

  /** Checks every line first; then creates the missing groups and members in one transaction. */
  async importCsv(payload: Payload<'importCsv'>, ctx: BusContext) {
    // Authorization before reading the file: an outsider learns nothing, not even its errors.
    await this.access.forEdit(ctx, payload.procedureId);
    const parsed = parseGroupsCsv(payload.csv);
    if (!parsed.ok) throw new GuichetError('VALIDATION_FAILED', 'Le fichier contient des erreurs ; rien n’a été importé.', parsed.fields);
    return this.changingMembers(async (tx, changed) => {
      const { procedure, set } = await this.editing(ctx, payload.procedureId);
      const groups = await this.groups.listGroups(procedure.id);
      const byLabel = new Map(groups.map((group) => [group.label, group]));
      const existing = await this.groups.membersOfProcedure(procedure.id);
      const present = new Set(existing.map((member) => `${member.groupId} ${member.accountEmail}`));
      const memberCounts = new Map<string, number>();
      for (const member of existing) memberCounts.set(member.groupId, (memberCounts.get(member.groupId) ?? 0) + 1);
      let position = await this.groups.nextPosition(procedure.id);
      let groupsCreated = 0;
      let membersAdded = 0;
      let membersAlreadyPresent = 0;
      const addedByGroup = new Map<string, string[]>();
      for (const row of parsed.rows) {
        let group = byLabel.get(row.label);
        if (group === undefined) {
          group = this.groups.newGroup({ tenantId: procedure.tenantId, procedureId: procedure.id, label: row.label, active: true, routingRule: null, position });
          position += 1;
          groupsCreated += 1;
          byLabel.set(row.label, group);
          if (byLabel.size > maxGroupsPerProcedure) throw tooManyGroups();
        }
        const key = `${group.id} ${row.email}`;
        if (present.has(key)) {
          membersAlreadyPresent += 1;
          continue;
        }
        present.add(key);
        const count = (memberCounts.get(group.id) ?? 0) + 1;
        if (count > maxMembersPerGroup) throw tooManyMembers(group.label);
        memberCounts.set(group.id, count);
        this.groups.newMember(group, row.email, null);
        const added = addedByGroup.get(group.id) ?? [];
        added.push(row.email);
        addedByGroup.set(group.id, added);
        membersAdded += 1;
      }
      for (const [groupId, added] of addedByGroup) this.membersChanged(tx, procedure, groupId, added, [], ctx, changed);
      if (groupsCreated > 0) set.version += 1;
      await tx.flush();
      return { groupsCreated, membersAdded, membersAlreadyPresent };
    });
  }

  /**
   * Runs `work` in a transaction; once it is committed, announces the tenants whose members it
   * changed (`changed`), before the reply: the agents' groups kept by other services go.
   */
  private async changingMembers<T>(work: (tx: EntityManager, changed: (tenantId: string) => void) => Promise<T>): Promise<T> {
    const tenants = new Set<string>();
    const result = await this.em.transactional((tx) => work(tx, (tenantId) => tenants.add(tenantId)));
    for (const tenantId of tenants) this.changes.announceMembers(tenantId);
    return result;
  }

  /** Tells the other services (the gateway grants the instructeur role) in the same transaction. */
  private membersChanged(tx: EntityManager, procedure: Procedure, groupId: string, added: readonly string[], removed: readonly string[], ctx: BusContext, changed: (tenantId: string) => void): void {
    if (added.length === 0 && removed.length === 0) return;
    changed(procedure.tenantId);
    addToOutbox(tx, groupEvents.membersChanged, { procedureId: procedure.id, groupId, added: [...added], removed: [...removed] }, { ...ctx, tenantId: procedure.tenantId });
  }

  /** The procedure, for an administrateur, with its group set locked (created on first use). */
  private async editing(ctx: BusContext, procedureId: string): Promise<{ procedure: Procedure; set: InstructorGroupSet }> {
    const procedure = await this.access.forEdit(ctx, procedureId);
    const set = await this.groups.lockSet(procedure);
    return { procedure, set };
  }

  private async groupOf(procedureId: string, groupId: string): Promise<InstructorGroup> {
    const group = await this.groups.findGroup(procedureId, groupId);
    if (group === null) throw groupNotFound();
    return group;
  }

  private async checkedRule(procedure: Procedure, rule: unknown): Promise<unknown> {
    const serialized = JSON.stringify(rule);
    if (serialized.length > maxRuleBytes) throw new GuichetError('VALIDATION_FAILED', 'La règle de routage est trop longue.', { routingRule: `Au plus ${maxRuleBytes} caractères.` });
    // PostgreSQL's jsonb refuses the NUL character: say so rather than fail on insert.
    if (serialized.includes('\\u0000')) throw new GuichetError('VALIDATION_FAILED', 'La règle de routage contient un caractère interdit.', { routingRule: 'Caractère NUL interdit.' });
    const loaded = await this.access.withRevisions(procedure);
    return checkRoutingRule(rule, ruleFields(loaded.draft.fields, loaded.published?.fields));
  }
}
