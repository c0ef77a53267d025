import { z } from 'zod';
import { defineEvent, defineNotice, defineRequest } from './contract';
import { isoDateTime, pageRequest, uuid } from './common.schemas';

/**
 * Instructor groups of a procedure and routing (issue #3, point 7). Every procedure has exactly one
 * default group, which receives the dossiers no routing rule takes.
 */

/**
 * A routing rule is a condition of the shared evaluator (@guichet/conditions). The service checks it
 * against `conditionSchema` and the procedure's fields; the contract only carries it.
 */
export const routingRuleSchema = z.record(z.string(), z.unknown());

/** No control characters: labels are shown in lists and e-mails, and PostgreSQL text refuses NUL. */
export const groupLabelSchema = z.string().trim().min(1).max(200).refine((label) => ![...label].some((char) => char.charCodeAt(0) < 32 || char.charCodeAt(0) === 127), 'Caractères de contrôle interdits.');
export const memberEmailSchema = z.string().trim().toLowerCase().pipe(z.string().email().max(320));

export const instructorGroupSchema = z.object({
  id: uuid,
  procedureId: uuid,
  label: z.string(),
  isDefault: z.boolean(),
  active: z.boolean(),
  routingRule: z.unknown().nullable(),
  /** Order of evaluation: the first active group whose rule matches takes the dossier. */
  position: z.number().int(),
  memberCount: z.number().int().nonnegative(),
  createdAt: isoDateTime,
});
export type InstructorGroup = z.infer<typeof instructorGroupSchema>;

export const groupMemberSchema = z.object({ email: z.string(), accountId: uuid.nullable() });
export type GroupMember = z.infer<typeof groupMemberSchema>;

export const instructorGroupWithMembersSchema = instructorGroupSchema.extend({ members: z.array(groupMemberSchema) });

const inProcedure = z.object({ procedureId: uuid });
const inGroup = inProcedure.extend({ groupId: uuid });

/** A group as a dashboard's group filter names it. */
export const visibleGroupSchema = z.object({ id: uuid, label: z.string() });
export type VisibleGroup = z.infer<typeof visibleGroupSchema>;
/** Groups per page of `visible`: 1,000 labels of 200 characters stay far below the bus's 1 MiB. */
export const maxVisibleGroupsPage = 1_000;

export const groupContracts = {
  /**
   * Agents of the procedure's tenant and system callers; creates the default group if missing. In
   * position order, by pages (`next` is the `after` of the following page, null on the last one).
   */
  list: defineRequest(
    'procedures',
    'procedures.groups.list',
    inProcedure.extend(pageRequest.shape),
    z.object({ items: z.array(instructorGroupSchema), version: z.number().int(), next: z.string().nullable() }),
  ),
  get: defineRequest('procedures', 'procedures.groups.get', inGroup, instructorGroupWithMembersSchema),
  /**
   * The groups whose dossiers the caller reads on the procedure's dashboard (its group filter): an
   * administrateur of the tenant (or the system) every group, an instructeur the groups they belong
   * to. By name (French order, case and accents ignored, then id), by pages (`next`: the `after` of
   * the following page, null on the last one).
   */
  visible: defineRequest(
    'procedures',
    'procedures.groups.visible',
    inProcedure.extend({ after: z.string().max(600).optional(), limit: z.number().int().min(1).max(maxVisibleGroupsPage).default(maxVisibleGroupsPage) }),
    z.object({ items: z.array(visibleGroupSchema), next: z.string().nullable() }),
  ),
  create: defineRequest(
    'procedures',
    'procedures.groups.create',
    inProcedure.extend({ label: groupLabelSchema, active: z.boolean().default(true), routingRule: routingRuleSchema.nullable().default(null) }),
    instructorGroupSchema,
  ),
  update: defineRequest('procedures', 'procedures.groups.update', inGroup.extend({ label: groupLabelSchema.optional(), active: z.boolean().optional() }), instructorGroupSchema),
  /** Refused for the default group, and for a group with members unless `moveMembersTo` names another group. */
  delete: defineRequest('procedures', 'procedures.groups.delete', inGroup.extend({ moveMembersTo: uuid.optional() }), z.object({ deleted: z.literal(true) })),
  setRoutingRule: defineRequest('procedures', 'procedures.groups.set_routing_rule', inGroup.extend({ routingRule: routingRuleSchema.nullable() }), instructorGroupSchema),
  addMembers: defineRequest(
    'procedures',
    'procedures.groups.add_members',
    inGroup.extend({ members: z.array(z.object({ email: memberEmailSchema, accountId: uuid.nullable().default(null) })).min(1).max(1000) }),
    instructorGroupWithMembersSchema,
  ),
  removeMembers: defineRequest('procedures', 'procedures.groups.remove_members', inGroup.extend({ emails: z.array(memberEmailSchema).min(1).max(1000) }), instructorGroupWithMembersSchema),
  /** `groupIds`: every group of the procedure once, in the new order (the default group may be left out). */
  reorder: defineRequest('procedures', 'procedures.groups.reorder', inProcedure.extend({ groupIds: z.array(uuid).min(1).max(20_000) }), z.object({ version: z.number().int() })),
  /** CSV `groupe;email` (or `,`), UTF-8 with or without BOM: missing groups and members are created in one transaction. */
  importCsv: defineRequest(
    'procedures',
    'procedures.groups.import_csv',
    inProcedure.extend({ csv: z.string().max(800_000) }),
    z.object({ groupsCreated: z.number().int(), membersAdded: z.number().int(), membersAlreadyPresent: z.number().int() }),
  ),
  /**
   * The group that takes a dossier with these values (field stableId → value): the first active
   * group, in position order, whose rule matches; else the default group. System callers and agents.
   */
  route: defineRequest('procedures', 'procedures.procedure.route', inProcedure.extend({ values: z.record(z.string(), z.unknown()) }), z.object({ groupId: uuid, label: z.string() })),
};

/** One instructor group an agent belongs to, with its procedure. */
export const agentGroupSchema = z.object({ groupId: uuid, procedureId: uuid });
export type AgentGroup = z.infer<typeof agentGroupSchema>;

/** An agent belongs to at most this many groups of one tenant (the reply stays one bus message). */
export const maxGroupsPerAgent = 5_000;

export const agentGroupContracts = {
  /**
   * The groups of the request's tenant the calling agent belongs to, by the actor's address (an
   * address added before its account existed counts once that account signs in). Kept by the
   * services that scope dossiers until `groupNotices.membersChanged` names the tenant, so a removal
   * takes effect on the next request.
   */
  ofAgent: defineRequest('procedures', 'procedures.groups.of_agent', z.object({}), z.object({ groups: z.array(agentGroupSchema).max(maxGroupsPerAgent) })),
};

export const groupNotices = {
  /**
   * Members were added to or removed from groups of the tenant's procedures (a group deleted moves
   * its members): sent by procedures once committed and before the change's reply, so the agents'
   * groups kept elsewhere (`AgentScopes`) are dropped before the agent's next request.
   */
  membersChanged: defineNotice('procedures', 'group_members.changed', z.object({ tenantId: uuid })),
};

export const groupEvents = {
  /**
   * Addresses added to or removed from a group (by hand, by CSV import, or moved when a group is
   * deleted). The gateway makes the added addresses instructeurs of the tenant (pending until an
   * account with that address exists).
   */
  membersChanged: defineEvent(
    'procedures',
    'group.members_changed',
    1,
    z.object({ procedureId: uuid, groupId: uuid, added: z.array(z.string()).max(20_000), removed: z.array(z.string()).max(20_000) }),
  ),
};
