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
