import { conditionSchema } from '@guichet/conditions';
import { dossierStateSchema } from '@guichet/dossier-state';
import {
  actorSchema,
  attestationTemplateSchema,
  type closeProcedureSchema,
  closureReasons,
  type CloneProcedureParts,
  groupContracts,
  instructorGroupSchema as contractInstructorGroupSchema,
  instructorGroupWithMembersSchema as contractInstructorGroupWithMembersSchema,
  type modelContracts,
  type procedureContracts,
  type procedureSchema,
  type procedureSettingsPatchSchema,
  type procedureTagSchema,
  type RequestInputOf,
} from '@guichet/contracts';
import { z } from 'zod';

/**
 * The shapes of the gateway's HTTP API that the contracts (`@guichet/contracts`) do not declare.
 * Every other response and request is the contract's: the gateway answers what the services answer
 * (see `response` in apps/gateway/src/api/*.routes.ts), and api/client.ts parses it with the
 * contract's own schema. What is left here, and why:
 */

/**
 * Accounts: the identity module lives in the gateway (apps/gateway/src/identity/identity.schemas.ts,
 * `accountJsonSchema`, `meJsonSchema`), not in a service, so there is no contract to import, and the
 * web app may not import the gateway's code. The roles are the contracts' (`actorSchema`).
 */
export const accountSchema = z.object({
  id: z.string(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  roles: z.array(actorSchema.shape.roles.element),
});
export type Account = z.infer<typeof accountSchema>;
export const accountResponseSchema = z.object({ account: accountSchema });

/** Sign-up and sign-in bodies: declared by the gateway's identity module too (`signUpBody`, `signInBody`). */
export type SignUpInput = { email: string; password: string; firstName: string; lastName: string };
export type SignInInput = { email: string; password: string };

/**
 * « Mes dossiers »: the gateway reshapes the contract's `dossierSummarySchema` (procedure as an
 * object, no tenant) in apps/gateway/src/api/dossiers.routes.ts (`usagerDossierSummarySchema`).
 */
export const dossierSummarySchema = z.object({
  id: z.string(),
  number: z.number(),
  state: dossierStateSchema,
  /** A test dossier (test link of a procedure in brouillon): deleted when the procedure is published. */
  test: z.boolean().default(false),
  procedure: z.object({ id: z.string(), title: z.string() }),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});
export type DossierSummary = z.infer<typeof dossierSummarySchema>;
export const dossiersResponseSchema = z.object({ items: z.array(dossierSummarySchema) });

/**
 * The error envelope `{ error: ErrorBody }` is the gateway's (apps/gateway/src/http/http-errors.ts);
 * its `code` is read as any string, not the contracts' `errorCodes`, so that a code added on the
 * server still shows its French message instead of the generic one.
 */
export const errorEnvelopeSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
    errorId: z.string().optional(),
  }),
});
export type ErrorEnvelope = z.infer<typeof errorEnvelopeSchema>;

/**
 * Instructor groups: the contract carries a routing rule as an opaque value (the procedures service
 * checks it); the web app reads it as the condition its editor shows, so it narrows that one key.
 */
export const instructorGroupSchema = contractInstructorGroupSchema.extend({ routingRule: conditionSchema.nullable() });
export type InstructorGroup = z.infer<typeof instructorGroupSchema>;
export const instructorGroupWithMembersSchema = contractInstructorGroupWithMembersSchema.extend({ routingRule: conditionSchema.nullable() });
export type InstructorGroupWithMembers = z.infer<typeof instructorGroupWithMembersSchema>;
export const instructorGroupPageSchema = groupContracts.list.response.extend({ items: z.array(instructorGroupSchema) });
export type InstructorGroupPage = z.infer<typeof instructorGroupPageSchema>;

/* Names derived from the contracts, for the pages (no shape declared here). */

/** A procedure as the administrateur's pages read and write it (every /api/admin/procedures route answers it). */
export type AdminProcedure = z.infer<typeof procedureSchema>;
export type ClosureReason = (typeof closureReasons)[number];
export { closureReasons };
export const attestationKinds = attestationTemplateSchema.shape.kind.options;
export type AttestationKind = (typeof attestationKinds)[number];
export type ProcedureTag = z.infer<typeof procedureTagSchema>;
export type GroupsImportResult = z.infer<typeof groupContracts.importCsv.response>;
export type RoutePreview = z.infer<typeof groupContracts.route.response>;
export type ProcedureModelPage = z.infer<typeof modelContracts.list.response>;
export type CloneParts = CloneProcedureParts;

/* Request bodies: the contract's request without what the gateway adds (ids from the path, the tenant from the session). */
export type CreateProcedureInput = Omit<RequestInputOf<typeof procedureContracts.create>, 'tenantName'>;
export type UpdateDraftInput = Omit<RequestInputOf<typeof procedureContracts.updateDraft>, 'procedureId'>;
export type SetTemplatesInput = Omit<RequestInputOf<typeof procedureContracts.setTemplates>, 'procedureId'>;
export type ProcedureSettingsPatch = z.input<typeof procedureSettingsPatchSchema>;
export type CloseProcedureInput = z.input<typeof closeProcedureSchema>;
export type CloneProcedureInput = Omit<RequestInputOf<typeof modelContracts.clone>, 'sourceProcedureId' | 'tenantName'>;
