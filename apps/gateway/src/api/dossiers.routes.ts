import { z } from 'zod';
import { dossierContracts, dossierFormSchema, dossierSchema, dossierValuesSchema, uuid } from '@guichet/contracts';
import { dossierStateSchema } from '@guichet/dossier-state';
import { defineRoute } from '../http/route';

const dossierId = z.object({ dossierId: uuid });

export const usagerDossierSummarySchema = z.object({
  id: uuid,
  number: z.number().int(),
  state: dossierStateSchema,
  test: z.boolean(),
  procedure: z.object({ id: uuid, title: z.string() }),
  updatedAt: z.string(),
  submittedAt: z.string().nullable(),
});

export const dossierRoutes = {
  create: defineRoute({
    method: 'POST',
    path: '/api/dossiers',
    tag: 'Usager',
    summary: 'Commencer un dossier sur une démarche publiée ; avec `test`, un dossier de test sur une démarche en brouillon (supprimé à sa première publication)',
    access: 'signedIn',
    body: z.strictObject({ procedureId: uuid, test: z.boolean().default(false) }),
    response: dossierSchema,
    status: 201,
  }),
  form: defineRoute({
    method: 'GET',
    path: '/api/dossiers/:dossierId/form',
    tag: 'Usager',
    summary: 'Le formulaire du dossier : les champs de sa révision (le brouillon de la démarche pour un dossier de test)',
    access: 'signedIn',
    params: dossierId,
    response: dossierFormSchema,
    status: 200,
  }),
  get: defineRoute({ method: 'GET', path: '/api/dossiers/:dossierId', tag: 'Usager', summary: 'Un dossier (son usager ou les agents de son administration)', access: 'signedIn', params: dossierId, response: dossierSchema, status: 200 }),
  updateValues: defineRoute({
    method: 'PATCH',
    path: '/api/dossiers/:dossierId/values',
    tag: 'Usager',
    summary: 'Enregistrer des valeurs du formulaire (par identifiant stable de champ)',
    access: 'signedIn',
    params: dossierId,
    body: z.strictObject({ values: dossierValuesSchema }),
    response: dossierSchema,
    status: 200,
  }),
  submit: defineRoute({ method: 'POST', path: '/api/dossiers/:dossierId/submit', tag: 'Usager', summary: 'Déposer le dossier', access: 'signedIn', params: dossierId, response: dossierSchema, status: 200 }),
  listMine: defineRoute({
    method: 'GET',
    path: '/api/usager/dossiers',
    tag: 'Usager',
    summary: 'Mes dossiers',
    access: 'signedIn',
    response: z.object({ items: z.array(usagerDossierSummarySchema) }),
    status: 200,
  }),
  listForProcedure: defineRoute({
    method: 'GET',
    path: '/api/instructeur/procedures/:procedureId/dossiers',
    tag: 'Instructeur',
    summary: 'Les dossiers déposés d’une démarche, par pages (curseur `after`)',
    access: 'instructeur',
    params: z.object({ procedureId: uuid }),
    query: z.object({
      after: z.string().max(200).optional(),
      limit: z.coerce.number().int().min(1).max(500).default(100),
      state: z.union([dossierStateSchema, z.array(dossierStateSchema).max(6)]).optional(),
    }),
    response: dossierContracts.listForProcedure.response,
    status: 200,
  }),
  transition: defineRoute({
    method: 'POST',
    path: '/api/instructeur/dossiers/:dossierId/transitions',
    tag: 'Instructeur',
    summary: 'Faire passer le dossier à l’état suivant (passer_en_instruction, accepter, refuser…)',
    access: 'instructeur',
    params: dossierId,
    body: dossierContracts.transition.request.omit({ dossierId: true }).strict(),
    response: dossierSchema,
    status: 200,
  }),
  expertDossier: defineRoute({
    method: 'GET',
    path: '/api/expert/dossiers/:dossierId',
    tag: 'Expert',
    summary: 'Le dossier d’un de mes avis (lecture seule)',
    access: 'expert',
    params: dossierId,
    response: dossierSchema,
    status: 200,
  }),
};
