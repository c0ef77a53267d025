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

/**
 * The file an instructeur joined to a decision (DS `justificatif_motivation`): its id at documents
 * and the name documents stored for it. Downloaded with `documents.justificatif.presign_download`.
 */
export const decisionJustificatifSchema = z.object({ fileId: uuid, fileName: z.string() });
export type DecisionJustificatif = z.infer<typeof decisionJustificatifSchema>;

export const traitementSchema = z.object({
  id: uuid,
  event: dossierEventSchema,
  from: dossierStateSchema,
  to: dossierStateSchema,
  at: isoDateTime,
  actorEmail: z.string().nullable(),
  motivation: z.string().nullable(),
  /** A decision's justificatif, when the instructeur joined one. Optional so older producers stay valid. */
  justificatif: decisionJustificatifSchema.nullable().optional(),
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
  /**
   * The justificatif of the current decision (null without one, or once back in instruction), for
   * its usager and the agents who read it; never in an expert's read. Optional so older producers stay valid.
   */
  justificatif: decisionJustificatifSchema.nullable().optional(),
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
  /** Deleted by the administration (« supprimés » tab), for agents only; null otherwise. */
  hiddenByAdministrationAt: isoDateTime.nullable().optional(),
  /** The instructeurs following it, for agents (empty for its usager). Optional so older producers stay valid. */
  followers: z.array(z.object({ accountId: uuid, email: z.string() })).optional(),
  /**
   * In an agent's read of the dossier: whether that agent instructs it (transitions, follow, archive,
   * deletion, labels, annotations, reassignment) — an instructeur of its group. An administrateur
   * who is not reads it only. Absent elsewhere (the usager's read, the replies of those actions).
   */
  mayInstruct: z.boolean().optional(),
  /** Its labels (« étiquettes »), by name, for agents only: never in the usager's or an expert's read. Optional so older producers stay valid. */
  labels: z.array(dossierLabelSchema).optional(),
  /** External lookups of siret / rna / referentiel values, by stable id. Optional so older producers stay valid. */
  lookups: z.record(z.string(), dossierLookupSchema).optional(),
  /**
   * Private annotations (values of the revision's annotation fields, by stable id): for the agents
   * who read the dossier only, never its usager nor an expert. Optional so older producers stay valid.
   */
  annotations: dossierValuesSchema.optional(),
  /** When an annotation was last saved and by whom (agents only, like `annotations`). */
  annotationUpdatedAt: isoDateTime.nullable().optional(),
  annotationUpdatedBy: z.string().nullable().optional(),
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
  /** The revision's private annotation fields: for the agents who read the dossier only (absent for its usager). */
  annotations: z.array(fieldDefinitionSchema).optional(),
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
  /**
   * An instructeur's (or the system's) transition from the state machine.
   * `seenUpdatedAt`: the dossier's `updatedAt` as the agent saw it; if it changed since (another
   * agent decided, the usager edited it), the transition is refused with CONFLICT and nothing applies.
   * `justificatifFileId`: for a decision (accepter, refuser, classer_sans_suite), a file the deciding
   * agent uploaded on this dossier with purpose `justificatif`, confirmed and within
   * `decisionJustificatifLimits`; otherwise VALIDATION_FAILED on `justificatifFileId` and nothing applies.
   */
  transition: defineRequest(
    'dossiers',
    'dossiers.dossier.transition',
    dossierId.extend({ event: dossierEventSchema, motivation: z.string().trim().max(10_000).optional(), seenUpdatedAt: isoDateTime.optional(), justificatifFileId: uuid.optional() }),
    dossierSchema,
  ),
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
export const dashboardTabs = ['a-suivre', 'suivis', 'traites', 'tous', 'expirant', 'archives', 'supprimes'] as const;
export const dashboardTabSchema = z.enum(dashboardTabs);
export type DashboardTab = z.infer<typeof dashboardTabSchema>;

export const dashboardCountsSchema = z.object({
  'a-suivre': z.number().int(),
  suivis: z.number().int(),
  traites: z.number().int(),
  tous: z.number().int(),
  expirant: z.number().int(),
  archives: z.number().int(),
  supprimes: z.number().int(),
});
export type DashboardCounts = z.infer<typeof dashboardCountsSchema>;

/** Fixed columns a dashboard page sorts on; any field sorts too, as `champ:<stableId>`. */
export const dashboardSortColumns = ['number', 'submittedAt', 'updatedAt', 'decidedAt', 'state'] as const;
export type DashboardFixedSortColumn = (typeof dashboardSortColumns)[number];

/** A field of the procedure as a dashboard column: `champ:` and its stable id. */
export const dashboardFieldColumnPattern = /^champ:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export type DashboardFieldColumn = `champ:${string}`;
export const dashboardFieldColumnSchema = z.custom<DashboardFieldColumn>((value) => typeof value === 'string' && dashboardFieldColumnPattern.test(value), {
  message: 'Colonne inconnue : un champ s’écrit « champ: » suivi de son identifiant.',
});
export const dashboardSortColumnSchema = z.union([z.enum(dashboardSortColumns), dashboardFieldColumnSchema], {
  error: `Tri inconnu : choisissez parmi ${dashboardSortColumns.join(', ')} ou un champ (« champ:<identifiant> »).`,
});
export const dashboardSortSchema = z.object({ column: dashboardSortColumnSchema.default('number'), direction: z.enum(['asc', 'desc']).default('desc') });
export type DashboardSort = z.infer<typeof dashboardSortSchema>;

/** The fixed columns an agent may show besides the number (always shown) and any field. */
export const dashboardFixedColumns = ['usager', 'state', 'group', 'labels', 'submittedAt', 'updatedAt', 'decidedAt', 'followers'] as const;
export const dashboardColumnSchema = z.union([z.enum(dashboardFixedColumns), dashboardFieldColumnSchema], {
  error: `Colonne inconnue : choisissez parmi ${dashboardFixedColumns.join(', ')} ou un champ (« champ:<identifiant> »).`,
});
export type DashboardColumn = z.infer<typeof dashboardColumnSchema>;
export const maxDashboardColumns = 20;
export const maxDashboardFilters = 20;
/** Longer searches are refused (what a person types is far shorter; a page of text is an attack). */
export const maxDashboardSearchLength = 200;

const calendarDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Date attendue au format AAAA-MM-JJ.');
const dateRange = { from: calendarDate.optional(), to: calendarDate.optional() };
const submittedStateSchema = z.enum(['en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite'], { error: 'État inconnu.' });

/**
 * How a field filters (checked against the field's type by the dossiers service): text that
 * contains some words (accents and case ignored), one of some choices, a number or date range, a
 * checkbox or yes/no answer, or whether it was answered at all.
 */
export const dashboardFieldMatchSchema = z.discriminatedUnion('op', [
  z.strictObject({ op: z.literal('contains'), value: z.string().trim().min(1, 'Saisissez le texte recherché.').max(maxDashboardSearchLength, `Au plus ${maxDashboardSearchLength} caractères.`) }),
  z.strictObject({ op: z.literal('equals'), values: z.array(z.string().max(500)).min(1, 'Choisissez au moins une valeur.').max(100) }),
  z.strictObject({ op: z.literal('range'), min: z.union([z.number(), calendarDate]).optional(), max: z.union([z.number(), calendarDate]).optional() }),
  z.strictObject({ op: z.literal('is'), value: z.boolean() }),
  z.strictObject({ op: z.literal('filled'), value: z.boolean() }),
]);
export type DashboardFieldMatch = z.infer<typeof dashboardFieldMatchSchema>;

/** One filter of a dashboard page; filters add up (and). */
export const dashboardFilterSchema = z.discriminatedUnion('column', [
  z.strictObject({ column: z.literal('state'), values: z.array(submittedStateSchema).min(1, 'Choisissez au moins un état.').max(5) }),
  z.strictObject({ column: z.literal('group'), values: z.array(uuid).min(1, 'Choisissez au moins un groupe.').max(maxGroupsPerAgent) }),
  /** Dossiers carrying any of these labels (of the procedure). */
  z.strictObject({ column: z.literal('label'), values: z.array(uuid).min(1, 'Choisissez au moins une étiquette.').max(100) }),
  /** `me`: followed by the agent asking; `none`: by no one; `someone`: by anyone; or an agent's address. */
  z.strictObject({ column: z.literal('follower'), value: z.union([z.enum(['me', 'none', 'someone']), z.string().trim().toLowerCase().email('Adresse électronique invalide.').max(254)]) }),
  z.strictObject({ column: z.literal('submittedAt'), ...dateRange }),
  z.strictObject({ column: z.literal('updatedAt'), ...dateRange }),
  z.strictObject({ column: z.literal('decidedAt'), ...dateRange }),
  z.strictObject({ column: z.literal('field'), stableId: uuid, match: dashboardFieldMatchSchema }),
], { error: 'Filtre inconnu : les colonnes filtrables sont state, group, label, follower, submittedAt, updatedAt, decidedAt et field.' });
export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;
export const dashboardFiltersSchema = z.array(dashboardFilterSchema).max(maxDashboardFilters, `Au plus ${maxDashboardFilters} filtres.`);

/** What an agent keeps of a procedure's dashboard between visits (DS « procedure_presentation »). */
export const dashboardPreferencesSchema = z.object({
  columns: z.array(dashboardColumnSchema).max(maxDashboardColumns, `Au plus ${maxDashboardColumns} colonnes.`),
  filters: dashboardFiltersSchema,
  sort: dashboardSortSchema,
});
export type DashboardPreferences = z.infer<typeof dashboardPreferencesSchema>;
export const defaultDashboardPreferences: DashboardPreferences = { columns: ['usager', 'state', 'group', 'submittedAt'], filters: [], sort: { column: 'number', direction: 'desc' } };

/** A field an agent can show, filter and sort on (top-level fields of the published revision). */
export const dashboardFieldSchema = z.object({
  stableId: uuid,
  label: z.string(),
  type: z.string(),
  /** The match operators this field's type accepts. */
  ops: z.array(z.enum(['contains', 'equals', 'range', 'is', 'filled'])),
  sortable: z.boolean(),
  /** For choice fields: the choices to pick from. */
  choices: z.array(z.string()).optional(),
});
export type DashboardField = z.infer<typeof dashboardFieldSchema>;

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
  /** The requested field columns' values as text, by stable id (absent: not answered). */
  fields: z.record(z.string(), z.string()),
  /** The dossier's labels, by name. */
  labels: z.array(dossierLabelSchema),
});
export type DashboardRow = z.infer<typeof dashboardRowSchema>;

export const dashboardProcedureSchema = z.object({ procedureId: uuid, procedureTitle: z.string(), counts: dashboardCountsSchema });
export type DashboardProcedure = z.infer<typeof dashboardProcedureSchema>;

/** The agents' workspace: follows, archives, and the dashboard's pages and counts, within the agent's scope. */
export const dossierInstructionContracts = {
  /** An instructeur of the dossier's group follows it (or stops following it); idempotent. Not a brouillon. */
  follow: defineRequest('dossiers', 'dossiers.dossier.follow', dossierId.extend({ follow: z.boolean() }), dossierSchema),
  /**
   * An instructeur of the dossier's group deletes a processed dossier from the administration's
   * lists (DS « supprimer » : it goes to the « supprimés » tab), or restores it; idempotent.
   */
  hide: defineRequest('dossiers', 'dossiers.dossier.hide', dossierId.extend({ hidden: z.boolean() }), dossierSchema),
  /** An instructeur of the dossier's group archives a processed dossier (or takes it out); idempotent. */
  archive: defineRequest('dossiers', 'dossiers.dossier.archive', dossierId.extend({ archived: z.boolean() }), dossierSchema),
  /**
   * An instructeur of the dossier's group hands it to another group of the procedure (DS « changer
   * de groupe instructeur »): open dossiers only; the move is kept in the dossier's history, and the
   * new group's instructeurs see it at once, the old group's no longer (unless in both).
   */
  reassign: defineRequest('dossiers', 'dossiers.dossier.reassign', dossierId.extend({ groupId: uuid }), dossierSchema),
  /**
   * An instructeur of the dossier's group saves one private annotation (`value` null clears it),
   * the others untouched; en construction or en instruction only. A value of the wrong shape, an
   * unknown or hidden annotation: VALIDATION_FAILED on `annotations.<stableId>…`.
   */
  saveAnnotation: defineRequest('dossiers', 'dossiers.dossier.save_annotation', dossierId.extend({ stableId: z.string().min(1).max(100), value: z.unknown() }), dossierSchema),
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
    z.object({
      procedureId: uuid,
      tab: dashboardTabSchema,
      sort: dashboardSortSchema.default({ column: 'number', direction: 'desc' }),
      filters: dashboardFiltersSchema.default([]),
      /** Full-text: the number, the usager's name and address, every value (French; accents and case ignored). */
      search: z.string().trim().max(maxDashboardSearchLength, `La recherche est limitée à ${maxDashboardSearchLength} caractères.`).optional(),
      /** Field columns whose values the rows carry. */
      fieldColumns: z.array(uuid).max(maxDashboardColumns).default([]),
      after: z.string().max(500).optional(),
      limit: z.number().int().min(1).max(100).default(50),
    }),
    z.object({ items: z.array(dashboardRowSchema), nextCursor: z.string().nullable() }),
  ),
  /** The fields an agent may show, filter and sort on, and what they chose last time (or the defaults). */
  dashboardPreferences: defineRequest(
    'dossiers',
    'dossiers.dashboard.preferences',
    z.object({ procedureId: uuid }),
    z.object({ fields: z.array(dashboardFieldSchema), preferences: dashboardPreferencesSchema, saved: z.boolean() }),
  ),
  /** Keeps the agent's columns, filters and sort for the procedure (unknown fields refused). */
  saveDashboardPreferences: defineRequest(
    'dossiers',
    'dossiers.dashboard.save_preferences',
    dashboardPreferencesSchema.extend({ procedureId: uuid }),
    z.object({ fields: z.array(dashboardFieldSchema), preferences: dashboardPreferencesSchema, saved: z.boolean() }),
  ),
};

/** What a batch does to each of its dossiers (DS « actions multiples »). */
export const batchActions = ['passer_en_instruction', 'repasser_en_construction', 'accepter', 'refuser', 'classer_sans_suite', 'archiver', 'desarchiver', 'suivre', 'ne_plus_suivre'] as const;
export const batchActionSchema = z.enum(batchActions, { error: `Action inconnue : choisissez parmi ${batchActions.join(', ')}.` });
export type BatchAction = z.infer<typeof batchActionSchema>;
export const maxBatchDossiers = 500;

export const batchItemSchema = z.object({
  dossierId: uuid,
  number: z.number().int().nullable(),
  status: z.enum(['en_attente', 'fait', 'refuse']),
  /** Why this dossier was refused (the others went on). */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export const batchSchema = z.object({
  id: uuid,
  procedureId: uuid,
  action: batchActionSchema,
  state: z.enum(['en_cours', 'termine']),
  total: z.number().int(),
  succeeded: z.number().int(),
  failed: z.number().int(),
  /** « Tous les dossiers filtrés » matched more than the limit: the first ones were taken. */
  capped: z.boolean(),
  createdAt: isoDateTime,
  finishedAt: isoDateTime.nullable(),
  items: z.array(batchItemSchema),
});
export type Batch = z.infer<typeof batchSchema>;

const motivationRequired: ReadonlySet<BatchAction> = new Set(['refuser', 'classer_sans_suite']);

const batchFields = z.object({
  action: batchActionSchema,
  motivation: z.string().trim().max(5_000, 'Au plus 5 000 caractères.').optional(),
  dossierIds: z.array(uuid).min(1, 'Choisissez au moins un dossier.').max(maxBatchDossiers, `Au plus ${maxBatchDossiers} dossiers par lot.`).optional(),
  matching: z.object({ tab: dashboardTabSchema, filters: dashboardFiltersSchema.default([]), search: z.string().trim().max(maxDashboardSearchLength).optional() }).optional(),
});
const batchChecks = (value: z.infer<typeof batchFields>, ctx: z.RefinementCtx): void => {
  if ((value.dossierIds === undefined) === (value.matching === undefined)) ctx.addIssue({ code: 'custom', path: ['dossierIds'], message: 'Choisissez des dossiers, ou tous ceux de la liste filtrée.' });
  if (motivationRequired.has(value.action) && (value.motivation ?? '') === '') ctx.addIssue({ code: 'custom', path: ['motivation'], message: 'La motivation est obligatoire pour refuser ou classer sans suite.' });
};
/** What an agent sends to start a batch (the procedure aside). */
export const batchStartSchema = batchFields.strict().superRefine(batchChecks);

/** Agents' batches: run as a job, one dossier at a time, each in its own transaction. */
export const dossierBatchContracts = {
  /**
   * Starts a batch on some dossiers of a procedure (`dossierIds`, at most 500) or on every dossier
   * a dashboard view shows (`matching`: tab, filters, search; the first 500). Answers at once; the
   * batch runs in the background (`get` tells its progress).
   */
  create: defineRequest(
    'dossiers',
    'dossiers.batch.create',
    batchFields.extend({ procedureId: uuid }).superRefine(batchChecks),
    batchSchema,
  ),
  /** A batch and each dossier's result: its author only. */
  get: defineRequest('dossiers', 'dossiers.batch.get', z.object({ batchId: uuid }), batchSchema),
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
  /**
   * The private annotations at the time of the transition (the annotation tags of e-mails and
   * attestations). Services never pass them on to the usager. Optional so older producers stay valid.
   */
  annotations: dossierValuesSchema.optional(),
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
  /** An agent saved a private annotation (who, when, which one); the value stays in the dossiers service. */
  annotationChanged: defineEvent(
    'dossiers',
    'dossier.annotation_changed',
    1,
    z.object({ dossierId: uuid, number: z.number().int().positive(), procedureId: uuid, stableId: z.string(), cleared: z.boolean(), at: isoDateTime, actorEmail: z.string().nullable() }),
  ),
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
