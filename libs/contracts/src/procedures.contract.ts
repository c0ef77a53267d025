import { z } from 'zod';
import { conditionSchema } from '@guichet/conditions';
import { anyFieldOptionsSchema, formFieldTypes, inapplicableOptions } from '@guichet/forms';
import { defineEvent, defineRequest } from './contract';
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

export const revisionSchema = z.object({ id: uuid, procedureId: uuid, tenantId: uuid, fields: z.array(fieldDefinitionSchema), publishedAt: isoDateTime.nullable() });
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
  closesAt: isoDateTime.nullable(),
});
export type Procedure = z.infer<typeof procedureSchema>;

/** What anyone may see of a published procedure. */
export const publicProcedureSchema = z.object({
  id: uuid,
  path: z.string(),
  title: z.string(),
  description: z.string(),
  tenant: z.object({ id: uuid, name: z.string() }),
  closesAt: isoDateTime.nullable(),
  fields: z.array(fieldDefinitionSchema),
});
export type PublicProcedure = z.infer<typeof publicProcedureSchema>;

const procedureId = z.object({ procedureId: uuid });
export const procedurePathSchema = z.string().trim().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Lettres minuscules, chiffres et tirets uniquement.').min(3).max(100);

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
  publish: defineRequest('procedures', 'procedures.procedure.publish', procedureId, procedureSchema),
  /** Agents of the procedure's tenant (and the system) only. */
  get: defineRequest('procedures', 'procedures.procedure.get', procedureId, procedureSchema),
  list: defineRequest('procedures', 'procedures.procedure.list', z.object({}), z.object({ items: z.array(procedureSchema) })),
  getPublic: defineRequest('procedures', 'procedures.procedure.get_public', z.object({ procedureId: uuid.optional(), path: z.string().max(100).optional() }).refine((v) => v.procedureId ?? v.path, 'procedureId ou path requis'), publicProcedureSchema),
  listPublic: defineRequest('procedures', 'procedures.procedure.list_public', z.object({ tenantId: uuid.optional() }), z.object({ items: z.array(publicProcedureSchema.omit({ fields: true })) })),
  getRevision: defineRequest('procedures', 'procedures.revision.get', z.object({ revisionId: uuid }), revisionSchema),
};

export const procedureEvents = {
  published: defineEvent('procedures', 'procedure.published', 1, z.object({ procedureId: uuid, revisionId: uuid, previousRevisionId: uuid.nullable() })),
};
