import { z } from 'zod';
import { conditionSchema } from '@guichet/conditions';
import { anyFieldOptionsSchema, formFieldTypes, inapplicableOptions } from '@guichet/forms';
import { defineEvent, defineNotice, defineRequest } from './contract';
import { isoDateTime, uuid } from './common.schemas';

/** Every field type (one list, owned by the browser-safe form library with its catalogue). */
export const fieldTypes = formFieldTypes;
export const fieldTypeSchema = z.enum(fieldTypes);
export type FieldType = z.infer<typeof fieldTypeSchema>;

const fieldDefinitionBase = z.object({
  /** Stays the same across revisions; dossier values are keyed by it. */
  stableId: uuid,
  type: fieldTypeSchema,
  label: z.string().trim().min(1).max(500),
  description: z.string().max(5000).default(''),
  mandatory: z.boolean().default(false),
  /**
   * Every option of every type, loosely typed; options a type does not take are refused here, the
   * rules of each option (choices present, min ≤ max, valid regex…) by the procedures service with
   * the catalogue (`fieldCatalogue[type].optionsSchema`), so they come back as precise field errors.
   */
  options: anyFieldOptionsSchema.default({}),
  /**
   * Shown only when this holds (absent: always shown). It may only read earlier fields; references,
   * operators per type and cycles are checked by the procedures service when the form is saved.
   */
  condition: conditionSchema.optional(),
});

/** Options the field's type does not take are a contract violation, as unknown options are. */
function refuseInapplicableOptions(field: { type: FieldType; options: object }, ctx: z.RefinementCtx): void {
  for (const key of inapplicableOptions(field.type, field.options)) {
    ctx.addIssue({ code: 'custom', path: ['options', key], message: 'Cette option ne s’applique pas à ce type de champ.' });
  }
}

/** A field of a repetition's row (no nested repetition; the service reports it precisely). */
export const childFieldDefinitionSchema = fieldDefinitionBase.superRefine(refuseInapplicableOptions);

export const fieldDefinitionSchema = fieldDefinitionBase
  .extend({
    /** The fields of each row of a `repetition`; absent for other types. */
    children: z.array(childFieldDefinitionSchema).max(200).optional(),
  })
  .superRefine(refuseInapplicableOptions);
export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;

export const mailTemplateKinds = ['initiated', 'received', 'closed', 'refused', 'without_continuation', 're_instructed'] as const;
export const mailTemplateKindSchema = z.enum(mailTemplateKinds);
export type MailTemplateKind = z.infer<typeof mailTemplateKindSchema>;
export const mailTemplateSchema = z.object({ subject: z.string().trim().min(1).max(300), body: z.string().trim().min(1).max(20_000) });
export type MailTemplate = z.infer<typeof mailTemplateSchema>;

export const attestationTemplateSchema = z.object({
  kind: z.enum(['acceptation', 'refus']),
  title: z.string().trim().min(1).max(300),
  body: z.string().trim().min(1).max(20_000),
  footer: z.string().max(1000).default(''),
  /** Optional images as file ids stored by the documents service. */
  logoFileId: uuid.nullable().default(null),
  signatureFileId: uuid.nullable().default(null),
});
export type AttestationTemplate = z.infer<typeof attestationTemplateSchema>;

export const procedureStates = ['brouillon', 'publiee', 'close', 'depubliee'] as const;
export const procedureStateSchema = z.enum(procedureStates);
export type ProcedureState = z.infer<typeof procedureStateSchema>;

/** A procedure named in a list (the agents' dashboard): no form, no settings. */
export const procedureSummarySchema = z.object({ id: uuid, title: z.string(), state: procedureStateSchema });
export type ProcedureSummary = z.infer<typeof procedureSummarySchema>;

/** Why an administrateur closes a procedure (`autre_demarche`: replaced by another of the tenant's). */
export const closureReasons = ['autre_demarche', 'demarche_terminee', 'autre'] as const;
/** Every reason a closure may carry: the administrateurs' ones, and the deadline's. */
export const procedureClosureReasons = [...closureReasons, 'date_limite_atteinte'] as const;
export const procedureClosureReasonSchema = z.enum(procedureClosureReasons);
export type ProcedureClosureReason = z.infer<typeof procedureClosureReasonSchema>;
export const closureReasonLabels: Readonly<Record<ProcedureClosureReason, string>> = {
  autre_demarche: 'Remplacée par une autre démarche',
  demarche_terminee: 'Démarche terminée',
  autre: 'Autre raison',
  date_limite_atteinte: 'Date limite de dépôt atteinte',
};

export const procedureClosureSchema = z.object({
  reason: procedureClosureReasonSchema,
  /** The administrateur's explanation (required for `autre`). */
  details: z.string().nullable(),
  replacementProcedureId: uuid.nullable(),
  /** The replacement's current path while it is published; null otherwise. */
  replacementPath: z.string().nullable(),
  closedAt: isoDateTime,
  /** Closed by its deadline rather than by an administrateur. */
  automatic: z.boolean(),
});
export type ProcedureClosure = z.infer<typeof procedureClosureSchema>;

/** A French phone number (0X XX XX XX XX, spaces, dots or dashes) or an international one (+…). */
const phonePattern = /^(?:0[1-9](?:[ .-]?\d{2}){4}|\+[1-9](?:[ .-]?\d){6,14})$/;

/** The service usagers may contact about the procedure. */
export const serviceContactSchema = z.object({
  organisation: z.string().trim().min(1).max(300),
  email: z.string().trim().email(),
  phone: z
    .string()
    .trim()
    .max(30)
    .refine((phone) => phone === '' || phonePattern.test(phone), 'Numéro de téléphone invalide (par exemple 01 23 45 67 89 ou +33 1 23 45 67 89).')
    .default(''),
  address: z.string().trim().max(500).default(''),
  openingHours: z.string().trim().max(500).default(''),
});
export type ServiceContact = z.infer<typeof serviceContactSchema>;

/** Declarative procedures: a submitted dossier goes on by itself to this state. */
export const declarativeModes = ['en_instruction', 'accepte'] as const;
export const declarativeModeSchema = z.enum(declarativeModes);
export type DeclarativeMode = z.infer<typeof declarativeModeSchema>;

/**
 * Silence vaut accord / rejet: without a decision after `delay` `unit`s the dossier is accepted (SVA)
 * or refused (SVR); a correction request pauses the clock or restarts it.
 */
export const svaSvrSettingsSchema = z.object({
  decision: z.enum(['sva', 'svr']),
  delay: z.number().int().min(1).max(365),
  unit: z.enum(['days', 'weeks', 'months']),
  resubmission: z.enum(['pause', 'reset']),
});
export type SvaSvrSettings = z.infer<typeof svaSvrSettingsSchema>;

export const procedureSettingsSchema = z.object({
  serviceContact: serviceContactSchema.nullable(),
  /** A file id of the documents service. */
  logoFileId: uuid.nullable(),
  declarativeMode: declarativeModeSchema.nullable(),
  svaSvr: svaSvrSettingsSchema.nullable(),
  /** How long decided dossiers are kept. */
  retentionMonths: z.number().int().min(1).max(60),
  /** Whether instructeurs may ask experts for an avis. */
  expertsAllowed: z.boolean(),
  /** Shown to the usager after submission. */
  submissionMessage: z.string().max(5000),
});
export type ProcedureSettings = z.infer<typeof procedureSettingsSchema>;

export const defaultProcedureSettings = (): ProcedureSettings => ({
  serviceContact: null,
  logoFileId: null,
  declarativeMode: null,
  svaSvr: null,
  retentionMonths: 12,
  expertsAllowed: true,
  submissionMessage: '',
});

export const revisionSchema = z.object({
  id: uuid,
  procedureId: uuid,
  tenantId: uuid,
  fields: z.array(fieldDefinitionSchema),
  /**
   * Private annotations: fields only the instructeurs see and fill. Their conditions may read the
   * usager's fields and earlier annotations; the usager's fields never read them.
   */
  annotations: z.array(fieldDefinitionSchema).default([]),
  publishedAt: isoDateTime.nullable(),
});
export type Revision = z.infer<typeof revisionSchema>;

export const procedureSchema = z.object({
  id: uuid,
  tenantId: uuid,
  tenantName: z.string(),
  path: z.string(),
  title: z.string(),
  description: z.string(),
  state: procedureStateSchema,
  draftRevision: revisionSchema,
  publishedRevision: revisionSchema.nullable(),
  mailTemplates: z.record(mailTemplateKindSchema, mailTemplateSchema),
  attestationTemplates: z.array(attestationTemplateSchema),
  createdAt: isoDateTime,
  publishedAt: isoDateTime.nullable(),
  /** The deadline: once passed, the procedure closes by itself. */
  closesAt: isoDateTime.nullable(),
  settings: procedureSettingsSchema.default(defaultProcedureSettings),
  /** Set while the procedure is `close`. */
  closure: procedureClosureSchema.nullable().default(null),
});
export type Procedure = z.infer<typeof procedureSchema>;

/** A published procedure in the public catalogue. */
export const publicProcedureSummarySchema = z.object({
  id: uuid,
  path: z.string(),
  title: z.string(),
  description: z.string(),
  tenant: z.object({ id: uuid, name: z.string() }),
  closesAt: isoDateTime.nullable(),
});
export type PublicProcedureSummary = z.infer<typeof publicProcedureSummarySchema>;

/** What anyone may see of a published procedure: its form and what a usager needs around it. */
export const publicProcedureSchema = publicProcedureSummarySchema.extend({
  state: z.literal('publiee'),
  serviceContact: serviceContactSchema.nullable(),
  logoFileId: uuid.nullable(),
  submissionMessage: z.string(),
  fields: z.array(fieldDefinitionSchema),
});
export type PublicProcedure = z.infer<typeof publicProcedureSchema>;

/** What anyone may see of a closed procedure: why, and where to go instead (no form). */
export const closedPublicProcedureSchema = z.object({
  state: z.literal('close'),
  id: uuid,
  path: z.string(),
  title: z.string(),
  tenant: z.object({ id: uuid, name: z.string() }),
  closure: procedureClosureSchema.pick({ reason: true, details: true, replacementPath: true, closedAt: true }),
});
export type ClosedPublicProcedure = z.infer<typeof closedPublicProcedureSchema>;

/**
 * What the test link shows of a procedure in brouillon to any signed-in account: the draft form,
 * as usagers will see it once published.
 */
export const testProcedureSchema = publicProcedureSchema.extend({ state: z.literal('brouillon') });
export type TestProcedure = z.infer<typeof testProcedureSchema>;

/** The read behind a test link: the brouillon's test view, or, once published or closed, the public read. */
export const testProcedureReadSchema = z.discriminatedUnion('state', [testProcedureSchema, publicProcedureSchema, closedPublicProcedureSchema]);
export type TestProcedureRead = z.infer<typeof testProcedureReadSchema>;

/** The public read of a procedure by id or path: published, or closed (a brouillon or depubliee one is not found). */
export const publicProcedureReadSchema = z.discriminatedUnion('state', [publicProcedureSchema, closedPublicProcedureSchema]);
export type PublicProcedureRead = z.infer<typeof publicProcedureReadSchema>;

/** One difference between the published and the draft form (`diffRevisions` of `@guichet/forms`). */
export const revisionChangeSchema = z.object({
  kind: z.enum(['added', 'removed', 'moved', 'changed']),
  stableId: uuid,
  label: z.string(),
  path: z.string(),
  summary: z.string(),
  changes: z.array(z.object({ attribute: z.string(), from: z.unknown(), to: z.unknown(), summary: z.string() })),
});
export type RevisionChange = z.infer<typeof revisionChangeSchema>;

export const revisionDiffSchema = z.object({
  draftRevisionId: uuid,
  /** Null before the first publication: every field of the draft is then `added`. */
  publishedRevisionId: uuid.nullable(),
  changes: z.array(revisionChangeSchema),
  /** The same comparison for the private annotations. */
  annotationChanges: z.array(revisionChangeSchema).default([]),
});
export type RevisionDiff = z.infer<typeof revisionDiffSchema>;

/** One tag an administrateur may write in a template (`tag` as written, e.g. `--numéro du dossier--`). */
export const procedureTagSchema = z.object({
  id: z.string(),
  name: z.string(),
  tag: z.string(),
  description: z.string(),
  kind: z.string(),
  /** The dossier states in which it has a value. */
  availableIn: z.array(z.string()),
});

/** The tags of a procedure's draft, and the dossier state each template is sent in (what its tags may be). */
export const procedureTagsSchema = z.object({
  tags: z.array(procedureTagSchema),
  mailTemplateStates: z.record(mailTemplateKindSchema, z.string()),
  attestationTemplateStates: z.record(z.enum(['acceptation', 'refus']), z.string()),
});
export type ProcedureTags = z.infer<typeof procedureTagsSchema>;

/** Administrateurs close with a reason; `details` and the replacement are checked by the service. */
export const closeProcedureSchema = z.object({
  reason: z.enum(closureReasons),
  details: z.string().trim().max(2000).optional(),
  replacementProcedureId: uuid.nullable().optional(),
});

/** The public address (`/commencer/<path>`). */
export const procedurePathSchema = z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lettres minuscules, chiffres et tirets uniquement.').min(3).max(100);

/** A partial update: absent keys are left as they are, `null` clears a nullable setting. */
export const procedureSettingsPatchSchema = z.object({
  path: procedurePathSchema.optional(),
  closesAt: isoDateTime.nullable().optional(),
  serviceContact: serviceContactSchema.nullable().optional(),
  logoFileId: uuid.nullable().optional(),
  declarativeMode: declarativeModeSchema.nullable().optional(),
  svaSvr: svaSvrSettingsSchema.nullable().optional(),
  retentionMonths: z.number().int().min(1).max(60).optional(),
  expertsAllowed: z.boolean().optional(),
  submissionMessage: z.string().max(5000).optional(),
});

/** What the dossiers service needs at each submission (small, read on every one: settings change). */
export const procedureStatusSchema = z.object({
  procedureId: uuid,
  tenantId: uuid,
  state: procedureStateSchema,
  closesAt: isoDateTime.nullable(),
  settings: procedureSettingsSchema,
});
export type ProcedureStatus = z.infer<typeof procedureStatusSchema>;

/**
 * What a new dossier needs of the procedure a usager starts it on: found by the public read's rule
 * (published, or closed to say so; anything else is NOT_FOUND), with its published revision, which
 * only the system is told.
 */
export const procedureForNewDossierSchema = z.object({
  procedureId: uuid,
  tenantId: uuid,
  title: z.string(),
  state: z.enum(['publiee', 'close']),
  closesAt: isoDateTime.nullable(),
  publishedRevisionId: uuid.nullable(),
});
export type ProcedureForNewDossier = z.infer<typeof procedureForNewDossierSchema>;

/**
 * A submission's two questions to procedures in one request: the procedure's status (as
 * `get_status`), and the instructor group the values route to (as `procedures.procedure.route`),
 * null when the procedure does not take this submission (closed, past its deadline, or a test
 * dossier on a procedure no longer in brouillon): the dossiers service refuses it from the status.
 */
export const submissionRoutingSchema = z.object({
  status: procedureStatusSchema,
  group: z.object({ groupId: uuid, label: z.string() }).nullable(),
});
export type SubmissionRouting = z.infer<typeof submissionRoutingSchema>;

/** A procedure's instructor groups as routing needs them, at a version of its group set. */
export const routingGroupsSchema = z.object({
  version: z.number().int().nonnegative(),
  groups: z.array(z.object({ id: uuid, label: z.string(), isDefault: z.boolean(), active: z.boolean(), routingRule: z.unknown().nullable() })),
});
export type RoutingGroups = z.infer<typeof routingGroupsSchema>;

/**
 * What the dossiers service decides a dossier's start and submission from, kept by it until
 * procedures announces a change (`procedureNotices.changed`): the status, the title, the published
 * revision and the groups with their routing rules (null while the procedure has no group set:
 * the first routing creates it, through `procedures.procedure.route`).
 */
export const procedureSnapshotSchema = z.object({
  status: procedureStatusSchema,
  title: z.string(),
  publishedRevisionId: uuid.nullable(),
  routing: routingGroupsSchema.nullable(),
});
export type ProcedureSnapshot = z.infer<typeof procedureSnapshotSchema>;

const procedureId = z.object({ procedureId: uuid });

export const procedureContracts = {
  create: defineRequest(
    'procedures',
    'procedures.procedure.create',
    z.object({ title: z.string().trim().min(3).max(300), description: z.string().trim().max(10_000).default(''), path: procedurePathSchema, tenantName: z.string().min(1) }),
    procedureSchema,
  ),
  updateDraft: defineRequest(
    'procedures',
    'procedures.procedure.update_draft',
    procedureId.extend({
      title: z.string().trim().min(3).max(300).optional(),
      description: z.string().trim().max(10_000).optional(),
      fields: z.array(fieldDefinitionSchema).max(1000).optional(),
      annotations: z.array(fieldDefinitionSchema).max(500).optional(),
    }),
    procedureSchema,
  ),
  setTemplates: defineRequest(
    'procedures',
    'procedures.procedure.set_templates',
    procedureId.extend({
      mailTemplates: z.record(mailTemplateKindSchema, mailTemplateSchema).optional(),
      attestationTemplates: z.array(attestationTemplateSchema).max(2).optional(),
    }),
    procedureSchema,
  ),
  /** Publishes the draft revision (from brouillon, publiee or depubliee; a closed procedure is republished first). */
  publish: defineRequest('procedures', 'procedures.procedure.publish', procedureId, procedureSchema),
  /** publiee or depubliee → close, with a reason; emits `procedure.closed`. */
  close: defineRequest('procedures', 'procedures.procedure.close', procedureId.extend(closeProcedureSchema.shape), procedureSchema),
  /** publiee → depubliee: its link stops working, its dossiers go on. */
  depublish: defineRequest('procedures', 'procedures.procedure.depublish', procedureId, procedureSchema),
  /** close or depubliee → publiee, with the revision published before. */
  republish: defineRequest('procedures', 'procedures.procedure.republish', procedureId, procedureSchema),
  updateSettings: defineRequest('procedures', 'procedures.procedure.update_settings', procedureId.extend(procedureSettingsPatchSchema.shape), procedureSchema),
  /** What changed in the draft since the published revision. */
  diff: defineRequest('procedures', 'procedures.procedure.diff', procedureId, revisionDiffSchema),
  /** The same readers as `get`: the tags of the draft (built-in, one per field and annotation), for the template editors. */
  tags: defineRequest('procedures', 'procedures.procedure.tags', procedureId, procedureTagsSchema),
  /** Agents of the tenant and the system: state, deadline and settings only. */
  getStatus: defineRequest('procedures', 'procedures.procedure.get_status', procedureId, procedureStatusSchema),
  /** The same readers as `get_status`: the status, and the group a submission with these values goes to (see `submissionRoutingSchema`). */
  routeSubmission: defineRequest(
    'procedures',
    'procedures.procedure.route_submission',
    procedureId.extend({ values: z.record(z.string(), z.unknown()), test: z.boolean() }),
    submissionRoutingSchema,
  ),
  /** Agents of the procedure's tenant (and the system) only. */
  get: defineRequest('procedures', 'procedures.procedure.get', procedureId, procedureSchema),
  /**
   * The same readers as `get`: one e-mail template as `get` gives it (the administrateur's, else the
   * default) and the procedure's title, without its forms (messaging, at each e-mail to a usager).
   */
  getMailTemplate: defineRequest(
    'procedures',
    'procedures.procedure.get_mail_template',
    procedureId.extend({ kind: mailTemplateKindSchema }),
    z.object({ title: z.string(), template: mailTemplateSchema }),
  ),
  list: defineRequest('procedures', 'procedures.procedure.list', z.object({}), z.object({ items: z.array(procedureSchema) })),
  /**
   * Agents of the request's tenant and system callers naming it: the id, title and state of its
   * procedures (every one, or those named that are the tenant's), without their forms; by title.
   */
  listSummaries: defineRequest(
    'procedures',
    'procedures.procedure.list_summaries',
    z.object({ procedureIds: z.array(uuid).max(5_000).optional() }),
    z.object({ items: z.array(procedureSummarySchema) }),
  ),
  /** System callers only, for any tenant's procedure unless the caller names one: see `procedureSnapshotSchema`. */
  getSnapshot: defineRequest('procedures', 'procedures.procedure.get_snapshot', procedureId, procedureSnapshotSchema),
  /** System callers only (the dossiers service, when a usager starts a dossier): see `procedureForNewDossierSchema`. */
  getForNewDossier: defineRequest('procedures', 'procedures.procedure.get_for_new_dossier', procedureId, procedureForNewDossierSchema),
  getPublic: defineRequest('procedures', 'procedures.procedure.get_public', z.object({ procedureId: uuid.optional(), path: z.string().max(100).optional() }).refine((v) => v.procedureId ?? v.path, 'procedureId ou path requis'), publicProcedureReadSchema),
  /**
   * The test link (signed-in accounts): a brouillon's draft form; a published or closed procedure
   * answers its public read (the web then sends the visitor to the public link); depubliee is not found.
   */
  getTest: defineRequest('procedures', 'procedures.procedure.get_test', z.object({ path: z.string().max(100) }), testProcedureReadSchema),
  /** Published procedures only. */
  listPublic: defineRequest('procedures', 'procedures.procedure.list_public', z.object({ tenantId: uuid.optional() }), z.object({ items: z.array(publicProcedureSummarySchema) })),
  getRevision: defineRequest('procedures', 'procedures.revision.get', z.object({ revisionId: uuid }), revisionSchema),
};

export const procedureNotices = {
  /**
   * Sent by procedures after any change of a procedure that another service may keep (state,
   * deadline, settings, title, published revision, templates, groups and their routing), once it is
   * committed and before the change's reply: a service that drops its copy on receipt serves the
   * next request of the same caller from the change (one NATS server delivers a connection's
   * messages in order). Not kept: a listener that was disconnected drops every copy.
   */
  changed: defineNotice('procedures', 'procedure.changed', z.object({ procedureId: uuid })),
};

export const procedureEvents = {
  /**
   * A setting other services keep a copy of changed (today the retention, which the dossiers
   * service needs for its « expirant » tab and its expiry dates).
   */
  settingsChanged: defineEvent('procedures', 'procedure.settings_changed', 1, z.object({ procedureId: uuid, retentionMonths: z.number().int().min(1).max(60) })),
  published: defineEvent('procedures', 'procedure.published', 1, z.object({ procedureId: uuid, revisionId: uuid, previousRevisionId: uuid.nullable() })),
  /** A procedure was closed by an administrateur, or by its deadline (`automatic`). */
  closed: defineEvent(
    'procedures',
    'procedure.closed',
    1,
    z.object({
      procedureId: uuid,
      reason: procedureClosureReasonSchema,
      details: z.string().nullable(),
      replacementProcedureId: uuid.nullable(),
      replacementPath: z.string().nullable(),
      closedAt: isoDateTime,
      automatic: z.boolean(),
    }),
  ),
};
