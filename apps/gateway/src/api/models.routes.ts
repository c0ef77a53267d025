import { z } from 'zod';
import { modelContracts, procedureModelDetailSchema, procedureModelSchema, procedureSchema, uuid } from '@guichet/contracts';
import { defineRoute } from '../http/route';

const inProcedure = z.object({ procedureId: uuid });
/** Query strings carry text: the limit is coerced, unlike the bus contract's number. */
const catalogueQuery = z.object({ after: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(100).default(20), q: z.string().trim().max(200).optional() });
const tag = 'Modèles et clonage';

/** The national catalogue of models and cloning (issue #3, point 9), for administrateurs. */
export const modelRoutes = {
  list: defineRoute({ method: 'GET', path: '/api/admin/models', tag, summary: 'Le catalogue des démarches partagées comme modèles, par pages', access: 'administrateur', query: catalogueQuery, response: modelContracts.list.response, status: 200 }),
  get: defineRoute({ method: 'GET', path: '/api/admin/models/:procedureId', tag, summary: 'Un modèle et son formulaire publié', access: 'administrateur', params: inProcedure, response: procedureModelDetailSchema, status: 200 }),
  share: defineRoute({
    method: 'PUT',
    path: '/api/admin/procedures/:procedureId/model',
    tag,
    summary: 'Partager la démarche (publiée) comme modèle, ou changer sa présentation',
    access: 'administrateur',
    params: inProcedure,
    body: modelContracts.share.request.omit({ procedureId: true }).strict(),
    response: procedureModelSchema,
    status: 200,
  }),
  unshare: defineRoute({
    method: 'DELETE',
    path: '/api/admin/procedures/:procedureId/model',
    tag,
    summary: 'Retirer la démarche du catalogue des modèles',
    access: 'administrateur',
    params: inProcedure,
    response: modelContracts.unshare.response,
    status: 200,
  }),
  clone: defineRoute({
    method: 'POST',
    path: '/api/admin/procedures/:procedureId/clone',
    tag,
    summary: 'Cloner une de ses démarches, ou un modèle partagé, en une nouvelle démarche en test',
    access: 'administrateur',
    params: inProcedure,
    body: modelContracts.clone.request.omit({ sourceProcedureId: true, tenantName: true }).strict(),
    response: procedureSchema,
    status: 201,
  }),
};
