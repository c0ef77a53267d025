import { z } from 'zod';
import { defineRequest } from './contract';
import { isoDateTime, pageRequest, uuid } from './common.schemas';
import { fieldDefinitionSchema, procedurePathSchema, procedureSchema } from './procedures.contract';

/**
 * The national catalogue of models (issue #3, point 9): administrateurs share published procedures
 * as models; any administrateur clones a model, or one of their own procedures, into a new brouillon.
 */

export const procedureModelSchema = z.object({
  procedureId: uuid,
  title: z.string(),
  /** Why the model is worth cloning, in the sharing administrateur's words. */
  description: z.string(),
  tenantName: z.string(),
  /** Fields of the published revision (repeatable blocks count once). */
  fieldCount: z.number().int().nonnegative(),
  sharedAt: isoDateTime,
});
export type ProcedureModel = z.infer<typeof procedureModelSchema>;

export const procedureModelDetailSchema = procedureModelSchema.extend({
  /** The published form, read-only. */
  fields: z.array(fieldDefinitionSchema),
});
export type ProcedureModelDetail = z.infer<typeof procedureModelDetailSchema>;

/** What a clone copies; the fields and the labels by default (DS `clone_labels`), the rest on request. */
export const cloneProcedurePartsSchema = z
  .object({
    fields: z.boolean().default(true),
    templates: z.boolean().default(false),
    groups: z.boolean().default(false),
    settings: z.boolean().default(false),
    /** The labels (« étiquettes »): new ids, same names and colours. */
    labels: z.boolean().default(true),
  })
  .strict();
export type CloneProcedureParts = z.infer<typeof cloneProcedurePartsSchema>;

const inProcedure = z.object({ procedureId: uuid });

export const modelContracts = {
  /** An administrateur of the procedure's tenant; the procedure must have been published. */
  share: defineRequest('procedures', 'procedures.models.share', inProcedure.extend({ description: z.string().trim().max(2000).default('') }), procedureModelSchema),
  unshare: defineRequest('procedures', 'procedures.models.unshare', inProcedure, z.object({ shared: z.literal(false) })),
  /** Any administrateur: every tenant's shared models, newest first, by pages; `q` searches titles. */
  list: defineRequest(
    'procedures',
    'procedures.models.list',
    pageRequest.extend({ q: z.string().trim().max(200).optional() }),
    z.object({ items: z.array(procedureModelSchema), next: z.string().nullable() }),
  ),
  get: defineRequest('procedures', 'procedures.models.get', inProcedure, procedureModelDetailSchema),
  /**
   * A new brouillon in the caller's tenant from one of its own procedures (its draft) or from a shared
   * model (its published revision). Every id is new; references between fields follow.
   */
  clone: defineRequest(
    'procedures',
    'procedures.procedure.clone',
    z.object({
      sourceProcedureId: uuid,
      parts: cloneProcedurePartsSchema.default({ fields: true, templates: false, groups: false, settings: false, labels: true }),
      title: z.string().trim().min(3).max(300).optional(),
      path: procedurePathSchema,
      tenantName: z.string().min(1),
    }),
    procedureSchema,
  ),
};
