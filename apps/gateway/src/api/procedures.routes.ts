import { z } from 'zod';
import { procedureContracts, procedureSchema, publicProcedureSchema, uuid } from '@guichet/contracts';
import { defineRoute } from '../http/route';

const procedureId = z.object({ procedureId: uuid });
const procedureList = z.object({ items: z.array(procedureSchema) });

export const procedureRoutes = {
  listPublic: defineRoute({
    method: 'GET',
    path: '/api/public/procedures',
    tag: 'Démarches publiées',
    summary: 'Les démarches publiées, toutes administrations confondues',
    access: 'public',
    response: procedureContracts.listPublic.response,
    status: 200,
  }),
  getPublic: defineRoute({
    method: 'GET',
    path: '/api/public/procedures/:path',
    tag: 'Démarches publiées',
    summary: 'Une démarche publiée et son formulaire, par son adresse',
    access: 'public',
    params: z.object({ path: z.string().min(1).max(100).regex(/^[a-z0-9-]+$/) }),
    response: publicProcedureSchema,
    status: 200,
  }),
  adminList: defineRoute({ method: 'GET', path: '/api/admin/procedures', tag: 'Administrateur', summary: 'Les démarches de l’administration courante', access: 'administrateur', response: procedureList, status: 200 }),
  adminCreate: defineRoute({
    method: 'POST',
    path: '/api/admin/procedures',
    tag: 'Administrateur',
    summary: 'Créer une démarche (brouillon) dans l’administration courante',
    access: 'administrateur',
    body: procedureContracts.create.request.omit({ tenantName: true }).strict(),
    response: procedureSchema,
    status: 201,
  }),
  adminGet: defineRoute({ method: 'GET', path: '/api/admin/procedures/:procedureId', tag: 'Administrateur', summary: 'Une démarche de l’administration courante', access: 'administrateur', params: procedureId, response: procedureSchema, status: 200 }),
  adminUpdate: defineRoute({
    method: 'PATCH',
    path: '/api/admin/procedures/:procedureId',
    tag: 'Administrateur',
    summary: 'Modifier le titre, la description ou les champs de la révision brouillon',
    access: 'administrateur',
    params: procedureId,
    body: procedureContracts.updateDraft.request.omit({ procedureId: true }).strict(),
    response: procedureSchema,
    status: 200,
  }),
  adminSetTemplates: defineRoute({
    method: 'PUT',
    path: '/api/admin/procedures/:procedureId/templates',
    tag: 'Administrateur',
    summary: 'Remplacer les modèles d’e-mails et d’attestations',
    access: 'administrateur',
    params: procedureId,
    body: procedureContracts.setTemplates.request.omit({ procedureId: true }).strict(),
    response: procedureSchema,
    status: 200,
  }),
  adminPublish: defineRoute({
    method: 'POST',
    path: '/api/admin/procedures/:procedureId/publish',
    tag: 'Administrateur',
    summary: 'Publier la révision brouillon',
    access: 'administrateur',
    params: procedureId,
    response: procedureSchema,
    status: 200,
  }),
  instructeurList: defineRoute({ method: 'GET', path: '/api/instructeur/procedures', tag: 'Instructeur', summary: 'Les démarches de l’administration courante', access: 'instructeur', response: procedureList, status: 200 }),
};
