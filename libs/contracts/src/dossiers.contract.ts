import { z } from 'zod';
import { dossierEventSchema, dossierStateSchema } from '@guichet/dossier-state';
import { defineEvent, defineRequest } from './contract';
import { isoDateTime, pageRequest, personSchema, uuid } from './common.schemas';
import { dossierLabelSchema } from './labels.contract';
import { dossierLookupSchema } from './lookups.contract';
import { maxGroupsPerAgent } from './groups.contract';
import { fieldDefinitionSchema } from './procedures.contract';

/** Values keyed by field stableId; each field type's value shape is checked by the compiled form. */
export const dossierValuesSchema = z.record(z.string(), z.unknown());

export const traitementSchema = z.object({
  id: uuid,
  event: dossierEventSchema,
  from: dossierStateSchema,
  to: dossierStateSchema,
  at: isoDateTime,
  actorEmail: z.string().nullable(),
  motivation: z.string().nullable(),
});

/** The instructor group a dossier was routed to at submission (procedures' routing rules). */
export const groupeInstructeurSchema = z.object({ id: uuid, label: z.string() });
export type GroupeInstructeur = z.infer<typeof groupeInstructeurSchema>;

export const dossierSchema = z.object({
  id: uuid,
  number: z.number().int().positive(),
  tenantId: uuid,
  procedureId: uuid,
  procedureTitle: z.string(),
  revisionId: uuid,
  state: dossierStateSchema,
  /**
   * A test dossier, started through the test link of a procedure still in brouillon: it follows the
   * draft form, and it is deleted when the procedure is first published.
   */
  test: z.boolean().default(false),
  usager: personSchema,
  values: dossierValuesSchema,
  correctionPending: z.boolean(),
  motivation: z.string().nullable(),
  createdAt: isoDateTime,
  updatedAt: isoDateTime,
  submittedAt: isoDateTime.nullable(),
  decidedAt: isoDateTime.nullable(),
  traitements: z.array(traitementSchema),
  /** Set at submission; null for a brouillon. Optional so older producers stay valid. */
  groupeInstructeur: groupeInstructeurSchema.nullable().optional(),
  /** For agents: the dossier's moves from one instructor group to another, oldest first. Optional so older producers stay valid. */
  groupChanges: z.array(z.object({ from: groupeInstructeurSchema.nullable(), to: groupeInstructeurSchema, at: isoDateTime, actorEmail: z.string().nullable() })).optional(),
  /** Put away once processed (the « archivés » tab). Optional so older producers stay valid. */
  archived: z.boolean().optional(),
  /** The instructeurs following it, for agents (empty for its usager). Optional so older producers stay valid. */
  followers: z.array(z.object({ accountId: uuid, email: z.string() })).optional(),
  /** Its labels (« étiquettes »), by name, for agents only: never in the usager's or an expert's read. Optional so older producers stay valid. */
  labels: z.array(dossierLabelSchema).optional(),
  /** External lookups of siret / rna / referentiel values, by stable id. Optional so older producers stay valid. */
  lookups: z.record(z.string(), dossierLookupSchema).optional(),
  /**
   * Only in the reply of `update_values`: field path (`values.<stableId>`) → French notice, e.g. a
   * value kept unchecked because its register did not answer.
   */
  warnings: z.record(z.string(), z.string()).optional(),
});
export type Dossier = z.infer<typeof dossierSchema>;

/** The form of a dossier: the fields of its revision (the draft's, for a test dossier). */
export const dossierFormSchema = z.object({
  dossierId: uuid,
  revisionId: uuid,
  test: z.boolean(),
  fields: z.array(fieldDefinitionSchema),
  /** The procedure's message to usagers once a dossier is submitted (its settings, read afresh). */
  submissionMessage: z.string(),
});
export type DossierForm = z.infer<typeof dossierFormSchema>;

export const dossierSummarySchema = dossierSchema.pick({ id: true, number: true, state: true, test: true, procedureId: true, procedureTitle: true, updatedAt: true, submittedAt: true, tenantId: true });
export type DossierSummary = z.infer<typeof dossierSummarySchema>;

const dossierId = z.object({ dossierId: uuid });

export const dossierContracts = {
  /**
   * An usager starts a dossier on a published procedure (the actor's account is the owner); with
   * `test`, a test dossier on a procedure in brouillon (any signed-in account holding the test link).
   */
  create: defineRequest('dossiers', 'dossiers.dossier.create', z.object({ procedureId: uuid, usager: personSchema.omit({ accountId: true }), test: z.boolean().default(false) }), dossierSchema),
  /** The form a dossier is filled with (its revision's fields), for its usager and the agents of its tenant. */
  form: defineRequest('dossiers', 'dossiers.dossier.form', dossierId, dossierFormSchema),
  /** Saves part of the values (a draft may be incomplete); 422 with field paths for values of the wrong shape. */
  updateValues: defineRequest('dossiers', 'dossiers.dossier.update_values', dossierId.extend({ values: dossierValuesSchema }), dossierSchema),
  /** brouillon → en_construction: every visible mandatory field valid, else 422 with field messages. */
  submit: defineRequest('dossiers', 'dossiers.dossier.submit', dossierId, dossierSchema),
  /** An instructeur's (or the system's) transition from the state machine. */
  transition: defineRequest('dossiers', 'dossiers.dossier.transition', dossierId.extend({ event: dossierEventSchema, motivation: z.string().trim().max(10_000).optional() }), dossierSchema),
  /** The owner, agents of the dossier's tenant, or the system. Anyone else: NOT_FOUND. */
  get: defineRequest('dossiers', 'dossiers.dossier.get', dossierId, dossierSchema),
  listMine: defineRequest('dossiers', 'dossiers.dossier.list_mine', z.object({}), z.object({ items: z.array(dossierSummarySchema) })),
  /**
   * Agents of the tenant within their scope (an instructeur: the dossiers of their groups), and
   * exports as system with the tenant: submitted dossiers, keyset-paginated by number. `groupIds`
   * narrows to some groups (an export asked by an instructeur covers their groups at the time).
   */
  listForProcedure: defineRequest(
    'dossiers',
    'dossiers.dossier.list_for_procedure',
    pageRequest.extend({ procedureId: uuid, states: z.array(dossierStateSchema).optional(), groupIds: z.array(uuid).max(maxGroupsPerAgent).optional() }),
    z.object({ items: z.array(dossierSchema), nextCursor: z.string().nullable() }),
  ),
};

/** The tabs of an instructeur's procedure page (DS « à suivre », « suivis par moi », « traités », « au total », « archivés »). */
export const dashboardTabs = ['a-suivre', 'suivis', 'traites', 'tous', 'archives'] as const;
export const dashboardTabSchema = z.enum(dashboardTabs);
export type DashboardTab = z.infer<typeof dashboardTabSchema>;

export const dashboardCountsSchema = z.object({ 'a-suivre': z.number().int(), suivis: z.number().int(), traites: z.number().int(), tous: z.number().int(), archives: z.number().int() });
export type DashboardCounts = z.infer<typeof dashboardCountsSchema>;

/** Columns a dashboard page sorts on (field values come with the filters). */
export const dashboardSortColumns = ['number', 'submittedAt', 'updatedAt', 'decidedAt', 'state'] as const;
export const dashboardSortSchema = z.object({ column: z.enum(dashboardSortColumns).default('number'), direction: z.enum(['asc', 'desc']).default('desc') });

/** One line of a dashboard page: what the list shows, without the values of every field. */
export const dashboardRowSchema = z.object({
  id: uuid,
  number: z.number().int().positive(),
  state: dossierStateSchema,
  test: z.boolean(),
  usager: personSchema.omit({ accountId: true }),
  submittedAt: isoDateTime.nullable(),
  updatedAt: isoDateTime,
  decidedAt: isoDateTime.nullable(),
  groupeInstructeur: groupeInstructeurSchema.nullable(),
  archived: z.boolean(),
  correctionPending: z.boolean(),
  /** Followed by the agent asking. */
  followedByMe: z.boolean(),
  followerCount: z.number().int().nonnegative(),
});
export type DashboardRow = z.infer<typeof dashboardRowSchema>;

export const dashboardProcedureSchema = z.object({ procedureId: uuid, procedureTitle: z.string(), counts: dashboardCountsSchema });
export type DashboardProcedure = z.infer<typeof dashboardProcedureSchema>;

/** The agents' workspace: follows, archives, and the dashboard's pages and counts, within the agent's scope. */
export const dossierInstructionContracts = {
  /** An instructeur of the dossier's group follows it (or stops following it); idempotent. Not a brouillon. */
  follow: defineRequest('dossiers', 'dossiers.dossier.follow', dossierId.extend({ follow: z.boolean() }), dossierSchema),
  /** An instructeur of the dossier's group archives a processed dossier (or takes it out); idempotent. */
  archive: defineRequest('dossiers', 'dossiers.dossier.archive', dossierId.extend({ archived: z.boolean() }), dossierSchema),
  /**
   * An instructeur of the dossier's group hands it to another group of the procedure (DS « changer
   * de groupe instructeur »): open dossiers only; the move is kept in the dossier's history, and the
   * new group's instructeurs see it at once, the old group's no longer (unless in both).
   */
  reassign: defineRequest('dossiers', 'dossiers.dossier.reassign', dossierId.extend({ groupId: uuid }), dossierSchema),
  /**
   * The procedures an agent works on, with their counts: an instructeur's, those where they belong
   * to a group; an administrateur's, every procedure of the tenant that has submitted dossiers.
   */
  dashboardProcedures: defineRequest('dossiers', 'dossiers.dashboard.procedures', z.object({}), z.object({ items: z.array(dashboardProcedureSchema) })),
  /** Each tab's count on one procedure, within the agent's scope. */
  dashboardCounts: defineRequest('dossiers', 'dossiers.dashboard.counts', z.object({ procedureId: uuid }), dashboardCountsSchema),
  /** A page of one tab, sorted, keyset-paginated (`after` is the previous page's `nextCursor`). */
  dashboardPage: defineRequest(
    'dossiers',
    'dossiers.dashboard.page',
    z.object({ procedureId: uuid, tab: dashboardTabSchema, sort: dashboardSortSchema.default({ column: 'number', direction: 'desc' }), after: z.string().max(500).optional(), limit: z.number().int().min(1).max(100).default(50) }),
    z.object({ items: z.array(dashboardRowSchema), nextCursor: z.string().nullable() }),
  ),
};

export const dossierChangeSchema = z.object({
  dossierId: uuid,
  number: z.number().int().positive(),
  procedureId: uuid,
  procedureTitle: z.string(),
  revisionId: uuid,
  traitementId: uuid,
  event: dossierEventSchema,
  from: dossierStateSchema,
  to: dossierStateSchema,
  motivation: z.string().nullable(),
  usager: personSchema,
  values: dossierValuesSchema,
  submittedAt: isoDateTime.nullable(),
  decidedAt: isoDateTime.nullable(),
  /** The dossier's instructor group (messaging's `--groupe instructeur--` tag); null before submission. */
  groupeInstructeur: groupeInstructeurSchema.nullable().optional(),
});
export type DossierChange = z.infer<typeof dossierChangeSchema>;

export const dossierEventContracts = {
  /** A dossier moved to another instructor group (agents' notifications, webhooks). */
  groupChanged: defineEvent(
    'dossiers',
    'dossier.group_changed',
    1,
    z.object({ dossierId: uuid, number: z.number().int().positive(), procedureId: uuid, from: groupeInstructeurSchema.nullable(), to: groupeInstructeurSchema }),
  ),
  /** One per transition (submission included); consumers pick the ones they care about. */
  stateChanged: defineEvent('dossiers', 'dossier.state_changed', 1, dossierChangeSchema),
  /**
   * Dossiers deleted for good (test dossiers at the first publication of their procedure): the
   * services holding data of theirs (messages, avis, files, attestations) delete it too. At most
   * 500 ids per event.
   */
  deleted: defineEvent(
    'dossiers',
    'dossier.deleted',
    1,
    z.object({ procedureId: uuid, dossierIds: z.array(uuid).min(1).max(500), reason: z.enum(['test_purge']) }),
  ),
};

/** One usager with a brouillon on a procedure: an address once, with the names of their latest brouillon. */
export const brouillonUsagerSchema = z.object({ email: z.string(), firstName: z.string(), lastName: z.string() });
export type BrouillonUsager = z.infer<typeof brouillonUsagerSchema>;

/** What other services ask of a procedure's dossiers as a whole when the procedure closes. */
export const dossierClosureContracts = {
  /**
   * System callers of the procedure's tenant only (messaging tells them the procedure closed): the
   * distinct addresses (case-insensitive) of the usagers having a dossier in brouillon on the
   * procedure, test dossiers included, keyset-paginated by lower-case address (`nextCursor` is the
   * last one; null on the last page).
   */
  listBrouillonUsagers: defineRequest(
    'dossiers',
    'dossiers.procedure.list_brouillon_usagers',
    pageRequest.extend({ procedureId: uuid }),
    z.object({ items: z.array(brouillonUsagerSchema), nextCursor: z.string().nullable() }),
  ),
};
