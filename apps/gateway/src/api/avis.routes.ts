import { z } from 'zod';
import { avisSchema, expertContracts, uuid } from '@guichet/contracts';
import { defineRoute } from '../http/route';

const avisList = z.object({ items: z.array(avisSchema) });

export const avisRoutes = {
  request: defineRoute({
    method: 'POST',
    path: '/api/instructeur/dossiers/:dossierId/avis',
    tag: 'Instructeur',
    summary: 'Demander l’avis d’un expert sur le dossier',
    access: 'instructeur',
    params: z.object({ dossierId: uuid }),
    body: expertContracts.request.request.omit({ dossierId: true }).strict(),
    response: avisSchema,
    status: 201,
  }),
  listForDossier: defineRoute({
    method: 'GET',
    path: '/api/dossiers/:dossierId/avis',
    tag: 'Instructeur',
    summary: 'Les avis demandés sur le dossier',
    access: 'signedIn',
    params: z.object({ dossierId: uuid }),
    response: avisList,
    status: 200,
  }),
  listMine: defineRoute({ method: 'GET', path: '/api/expert/avis', tag: 'Expert', summary: 'Les avis qui me sont demandés', access: 'expert', response: avisList, status: 200 }),
  answer: defineRoute({
    method: 'POST',
    path: '/api/expert/avis/:avisId/answer',
    tag: 'Expert',
    summary: 'Donner mon avis',
    access: 'expert',
    params: z.object({ avisId: uuid }),
    body: expertContracts.answer.request.omit({ avisId: true }).strict(),
    response: avisSchema,
    status: 200,
  }),
};
