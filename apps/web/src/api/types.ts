import { conditionSchema } from '@guichet/conditions';
import { anyFieldOptionsSchema, formFieldTypes } from '@guichet/forms';
import { z } from 'zod';

/** The shapes of the gateway's HTTP API the web app uses (see the gateway's routes). */

export const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  roles: z.array(z.string()),
});
export type Account = z.infer<typeof accountSchema>;

export const publicProcedureSchema = z.object({
  id: z.string(),
  path: z.string(),
  title: z.string(),
  description: z.string(),
  tenant: z.object({ id: z.string(), name: z.string() }),
  closesAt: z.string().nullable(),
});
export type PublicProcedure = z.infer<typeof publicProcedureSchema>;

export const dossierStates = ['brouillon', 'en_construction', 'en_instruction', 'accepte', 'refuse', 'sans_suite'] as const;
export type DossierState = (typeof dossierStates)[number];

export const dossierSummarySchema = z.object({
  id: z.string(),
  number: z.number(),
  state: z.enum(dossierStates),
  /** A test dossier (test link of a procedure in brouillon): deleted when the procedure is published. */
  test: z.boolean().default(false),
  procedure: z.object({ id: z.string(), title: z.string() }),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type DossierSummary = z.infer<typeof dossierSummarySchema>;

export const accountResponseSchema = z.object({ account: accountSchema });
export const proceduresResponseSchema = z.object({ items: z.array(publicProcedureSchema) });
export const dossiersResponseSchema = z.object({ items: z.array(dossierSummarySchema) });

/** The error envelope every gateway error uses. */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    errorId: z.string().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

export type SignUpInput = { email: string; password: string; firstName: string; lastName: string };
export type SignInInput = { email: string; password: string };

/* Administrateur: procedures and their draft revision (see the gateway's /api/admin/procedures). */

export const procedureStates = ['brouillon', 'publiee', 'close', 'depubliee'] as const;
export type ProcedureState = (typeof procedureStates)[number];

const fieldDefinitionBaseSchema = z.object({
  stableId: z.string(),
  type: z.enum(formFieldTypes),
  label: z.string(),
  description: z.string().default(''),
  mandatory: z.boolean().default(false),
  options: anyFieldOptionsSchema.default({}),
  condition: conditionSchema.optional(),
});
export const fieldDefinitionSchema = fieldDefinitionBaseSchema.extend({ children: z.array(fieldDefinitionBaseSchema).optional() });
/** A field of a revision as the API gives and takes it (a `FormField` of `@guichet/forms`, with its description). */
export type FieldDefinition = z.infer<typeof fieldDefinitionSchema>;

export const revisionSummarySchema = z.object({
  id: z.string(),
  fields: z.array(fieldDefinitionSchema),
  /** Private annotations: filled by the instructeurs, never shown to the usager. */
  annotations: z.array(fieldDefinitionSchema).default([]),
  publishedAt: z.string().nullable(),
});
export type RevisionSummary = z.infer<typeof revisionSummarySchema>;

export const adminProcedureSchema = z.object({
  id: z.string(),
  path: z.string(),
  title: z.string(),
  description: z.string(),
  state: z.enum(procedureStates),
  draftRevision: revisionSummarySchema,
  publishedRevision: revisionSummarySchema.nullable(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  closesAt: z.string().nullable(),
});
export type AdminProcedure = z.infer<typeof adminProcedureSchema>;
export const adminProceduresResponseSchema = z.object({ items: z.array(adminProcedureSchema) });

export type CreateProcedureInput = { title: string; description: string; path: string };
export type UpdateDraftInput = { title?: string; description?: string; fields?: FieldDefinition[]; annotations?: FieldDefinition[] };

/* Administrateur: what the configuration pages read and write (publication, templates, settings, groups, models). */

export const mailTemplateKinds = ['initiated', 'received', 'closed', 'refused', 'without_continuation', 're_instructed'] as const;
export type MailTemplateKind = (typeof mailTemplateKinds)[number];
export const mailTemplateSchema = z.object({ subject: z.string(), body: z.string() });
export type MailTemplate = z.infer<typeof mailTemplateSchema>;

export const attestationKinds = ['acceptation', 'refus'] as const;
export type AttestationKind = (typeof attestationKinds)[number];
export const attestationTemplateSchema = z.object({
  kind: z.enum(attestationKinds),
  title: z.string(),
  body: z.string(),
  footer: z.string().default(''),
  logoFileId: z.string().nullable().default(null),
  signatureFileId: z.string().nullable().default(null),
});
export type AttestationTemplate = z.infer<typeof attestationTemplateSchema>;

export const serviceContactSchema = z.object({
  organisation: z.string(),
  email: z.string(),
  phone: z.string().default(''),
  address: z.string().default(''),
  openingHours: z.string().default(''),
});
export type ServiceContact = z.infer<typeof serviceContactSchema>;

export const declarativeModes = ['en_instruction', 'accepte'] as const;
export type DeclarativeMode = (typeof declarativeModes)[number];
export const svaSvrSchema = z.object({
  decision: z.enum(['sva', 'svr']),
  delay: z.number(),
  unit: z.enum(['days', 'weeks', 'months']),
  resubmission: z.enum(['pause', 'reset']),
});
export type SvaSvr = z.infer<typeof svaSvrSchema>;

export const procedureSettingsSchema = z.object({
  serviceContact: serviceContactSchema.nullable(),
  logoFileId: z.string().nullable(),
  declarativeMode: z.enum(declarativeModes).nullable(),
  svaSvr: svaSvrSchema.nullable(),
  retentionMonths: z.number(),
  expertsAllowed: z.boolean(),
  submissionMessage: z.string(),
});
export type ProcedureSettings = z.infer<typeof procedureSettingsSchema>;

export const closureReasons = ['autre_demarche', 'demarche_terminee', 'autre'] as const;
export type ClosureReason = (typeof closureReasons)[number];
export const procedureClosureSchema = z.object({
  reason: z.enum([...closureReasons, 'date_limite_atteinte']),
  details: z.string().nullable(),
  replacementProcedureId: z.string().nullable(),
  replacementPath: z.string().nullable(),
  closedAt: z.string(),
  automatic: z.boolean(),
});
export type ProcedureClosure = z.infer<typeof procedureClosureSchema>;

/** A procedure with everything its configuration pages show (templates, settings, closure). */
export const procedureDetailSchema = adminProcedureSchema.extend({
  mailTemplates: z.record(z.enum(mailTemplateKinds), mailTemplateSchema),
  attestationTemplates: z.array(attestationTemplateSchema),
  settings: procedureSettingsSchema,
  closure: procedureClosureSchema.nullable().default(null),
});
export type ProcedureDetail = z.infer<typeof procedureDetailSchema>;

export type ProcedureSettingsPatch = Partial<ProcedureSettings> & { path?: string; closesAt?: string | null };
export type CloseProcedureInput = { reason: ClosureReason; details?: string; replacementProcedureId?: string | null };
export type SetTemplatesInput = { mailTemplates?: Record<MailTemplateKind, MailTemplate>; attestationTemplates?: AttestationTemplate[] };

export const revisionChangeSchema = z.object({
  kind: z.enum(['added', 'removed', 'moved', 'changed']),
  stableId: z.string(),
  label: z.string(),
  path: z.string(),
  summary: z.string(),
  changes: z.array(z.object({ attribute: z.string(), from: z.unknown(), to: z.unknown(), summary: z.string() })),
});
export type RevisionChange = z.infer<typeof revisionChangeSchema>;
export const revisionDiffSchema = z.object({
  draftRevisionId: z.string(),
  publishedRevisionId: z.string().nullable(),
  changes: z.array(revisionChangeSchema),
  annotationChanges: z.array(revisionChangeSchema).default([]),
});
export type RevisionDiff = z.infer<typeof revisionDiffSchema>;

export const procedureTagSchema = z.object({ id: z.string(), name: z.string(), tag: z.string(), description: z.string(), kind: z.string(), availableIn: z.array(z.string()) });
export type ProcedureTag = z.infer<typeof procedureTagSchema>;
export const procedureTagsSchema = z.object({
  tags: z.array(procedureTagSchema),
  mailTemplateStates: z.record(z.enum(mailTemplateKinds), z.string()),
  attestationTemplateStates: z.record(z.enum(attestationKinds), z.string()),
});
export type ProcedureTags = z.infer<typeof procedureTagsSchema>;

export const instructorGroupSchema = z.object({
  id: z.string(),
  procedureId: z.string(),
  label: z.string(),
  isDefault: z.boolean(),
  active: z.boolean(),
  routingRule: conditionSchema.nullable(),
  position: z.number(),
  memberCount: z.number(),
  createdAt: z.string(),
});
export type InstructorGroup = z.infer<typeof instructorGroupSchema>;
export const instructorGroupWithMembersSchema = instructorGroupSchema.extend({ members: z.array(z.object({ email: z.string(), accountId: z.string().nullable() })) });
export type InstructorGroupWithMembers = z.infer<typeof instructorGroupWithMembersSchema>;
export const instructorGroupPageSchema = z.object({ items: z.array(instructorGroupSchema), version: z.number(), next: z.string().nullable() });
export type InstructorGroupPage = z.infer<typeof instructorGroupPageSchema>;
export const groupsImportResultSchema = z.object({ groupsCreated: z.number(), membersAdded: z.number(), membersAlreadyPresent: z.number() });
export type GroupsImportResult = z.infer<typeof groupsImportResultSchema>;
export const routePreviewSchema = z.object({ groupId: z.string(), label: z.string() });
export type RoutePreview = z.infer<typeof routePreviewSchema>;

export const procedureModelSchema = z.object({ procedureId: z.string(), title: z.string(), description: z.string(), tenantName: z.string(), fieldCount: z.number(), sharedAt: z.string() });
export type ProcedureModel = z.infer<typeof procedureModelSchema>;
export const procedureModelPageSchema = z.object({ items: z.array(procedureModelSchema), next: z.string().nullable() });
export type ProcedureModelPage = z.infer<typeof procedureModelPageSchema>;
export const procedureModelDetailSchema = procedureModelSchema.extend({ fields: z.array(fieldDefinitionSchema) });
export type ProcedureModelDetail = z.infer<typeof procedureModelDetailSchema>;
export type CloneParts = { fields: boolean; templates: boolean; groups: boolean; settings: boolean };
export type CloneProcedureInput = { parts: CloneParts; title?: string; path: string };

export const uploadedFileSchema = z.object({ id: z.string(), fileName: z.string(), mimeType: z.string(), size: z.number(), status: z.string() });
export type UploadedFile = z.infer<typeof uploadedFileSchema>;
export const presignedUploadSchema = z.object({
  file: uploadedFileSchema,
  upload: z.object({ url: z.string(), method: z.string(), headers: z.record(z.string(), z.string()) }),
});

/* Usager: a procedure's start page and the dossier being filled (see /api/public/procedures/:path, /api/dossiers). */

const procedureReadBase = publicProcedureSchema.extend({
  serviceContact: serviceContactSchema.nullable(),
  logoFileId: z.string().nullable(),
  submissionMessage: z.string().default(''),
  fields: z.array(fieldDefinitionSchema),
});
/** A published procedure as its start page shows it, with its form. */
export const openProcedureSchema = procedureReadBase.extend({ state: z.literal('publiee') });
export type OpenProcedure = z.infer<typeof openProcedureSchema>;
/** A procedure in brouillon as its test link shows it (its draft form). */
export const testProcedureSchema = procedureReadBase.extend({ state: z.literal('brouillon') });
export type TestProcedure = z.infer<typeof testProcedureSchema>;
/** A closed procedure: why, and where to go instead. */
export const closedProcedureSchema = z.object({
  state: z.literal('close'),
  id: z.string(),
  path: z.string(),
  title: z.string(),
  tenant: z.object({ id: z.string(), name: z.string() }),
  closure: z.object({ reason: z.string(), details: z.string().nullable(), replacementPath: z.string().nullable(), closedAt: z.string() }),
});
export type ClosedProcedure = z.infer<typeof closedProcedureSchema>;
export const publicProcedureReadSchema = z.discriminatedUnion('state', [openProcedureSchema, closedProcedureSchema]);
export type PublicProcedureRead = z.infer<typeof publicProcedureReadSchema>;
export const testProcedureReadSchema = z.discriminatedUnion('state', [testProcedureSchema, openProcedureSchema, closedProcedureSchema]);
export type TestProcedureRead = z.infer<typeof testProcedureReadSchema>;

export const dossierSchema = z.object({
  id: z.string(),
  number: z.number(),
  procedureId: z.string(),
  procedureTitle: z.string(),
  revisionId: z.string(),
  state: z.enum(dossierStates),
  test: z.boolean().default(false),
  values: z.record(z.string(), z.unknown()),
  correctionPending: z.boolean().default(false),
  motivation: z.string().nullable().default(null),
  createdAt: z.string(),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
  decidedAt: z.string().nullable(),
  /** Only in the reply of a save: field path (`values.<stableId>`) → French notice (value kept unchecked). */
  warnings: z.record(z.string(), z.string()).optional(),
});
export type Dossier = z.infer<typeof dossierSchema>;

/** The fields a dossier is filled with (its revision's; the draft's for a test dossier). */
export const dossierFormResponseSchema = z.object({ dossierId: z.string(), revisionId: z.string(), test: z.boolean(), fields: z.array(fieldDefinitionSchema), submissionMessage: z.string() });
export type DossierFormResponse = z.infer<typeof dossierFormResponseSchema>;
