import { z } from 'zod';
import { defineEvent, defineRequest } from './contract';
import { isoDateTime, uuid } from './common.schemas';

export const avisSchema = z.object({
  id: uuid,
  dossierId: uuid,
  dossierNumber: z.number().int(),
  procedureTitle: z.string(),
  tenantId: uuid,
  expertEmail: z.string().email(),
  introduction: z.string(),
  confidential: z.boolean(),
  question: z.string().nullable(),
  answer: z.string().nullable(),
  questionAnswer: z.boolean().nullable(),
  requestedBy: z.string().email(),
  requestedAt: isoDateTime,
  answeredAt: isoDateTime.nullable(),
  revokedAt: isoDateTime.nullable(),
});
export type Avis = z.infer<typeof avisSchema>;

export const expertContracts = {
  /** An instructeur of the dossier's tenant asks an expert (by e-mail) for an avis. */
  request: defineRequest(
    'experts',
    'experts.avis.request',
    z.object({ dossierId: uuid, expertEmail: z.string().trim().toLowerCase().email(), introduction: z.string().trim().min(1).max(10_000), confidential: z.boolean().default(false), question: z.string().trim().max(1000).optional() }),
    avisSchema,
  ),
  /** The invited expert (matched by the account's e-mail) answers. */
  answer: defineRequest('experts', 'experts.avis.answer', z.object({ avisId: uuid, answer: z.string().trim().min(1).max(20_000), questionAnswer: z.boolean().optional() }), avisSchema),
  listForDossier: defineRequest('experts', 'experts.avis.list_for_dossier', z.object({ dossierId: uuid }), z.object({ items: z.array(avisSchema) })),
  listMine: defineRequest('experts', 'experts.avis.list_mine', z.object({}), z.object({ items: z.array(avisSchema) })),
};

export const expertEvents = {
  requested: defineEvent('experts', 'avis.requested', 1, z.object({ avisId: uuid, dossierId: uuid, dossierNumber: z.number().int(), procedureTitle: z.string(), expertEmail: z.string().email(), introduction: z.string(), requestedBy: z.string().email() })),
  answered: defineEvent('experts', 'avis.answered', 1, z.object({ avisId: uuid, dossierId: uuid, dossierNumber: z.number().int(), expertEmail: z.string().email(), requestedBy: z.string().email() })),
};
