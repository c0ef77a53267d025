import { z } from 'zod';
import { groupContracts, instructorGroupSchema, instructorGroupWithMembersSchema, maxVisibleGroupsPage, uuid } from '@guichet/contracts';
import { defineRoute } from '../http/route';

const inProcedure = z.object({ procedureId: uuid });
const inGroup = inProcedure.extend({ groupId: uuid });
/** Query strings carry text: the limit is coerced, unlike the bus contract's number. */
const pageQuery = z.object({ after: z.string().max(200).optional(), limit: z.coerce.number().int().min(1).max(500).default(100) });
const groupPage = groupContracts.list.response;

const adminBase = '/api/admin/procedures/:procedureId/groups';
const instructeurBase = '/api/instructeur/procedures/:procedureId/groups';
const tag = 'Groupes instructeurs';

/**
 * Instructor groups and routing (issue #3, points 7 and 10). Writes are the administrateur's; reads
 * are also offered under /api/instructeur because an access rule names a single role. The CSV import
 * takes JSON `{ csv }` so that it follows the gateway's single body convention (JSON only).
 */
export const groupRoutes = {
  adminList: defineRoute({ method: 'GET', path: adminBase, tag, summary: 'Les groupes instructeurs d’une démarche, par pages', access: 'administrateur', params: inProcedure, query: pageQuery, response: groupPage, status: 200 }),
  adminGet: defineRoute({ method: 'GET', path: `${adminBase}/:groupId`, tag, summary: 'Un groupe instructeur et ses membres', access: 'administrateur', params: inGroup, response: instructorGroupWithMembersSchema, status: 200 }),
  instructeurList: defineRoute({ method: 'GET', path: instructeurBase, tag, summary: 'Les groupes instructeurs d’une démarche, par pages', access: 'instructeur', params: inProcedure, query: pageQuery, response: groupPage, status: 200 }),
  dashboardGroups: defineRoute({
    method: 'GET',
    path: '/api/instructeur/procedures/:procedureId/tableau/groupes',
    tag: 'Instructeur',
    summary: 'Les groupes dont je vois les dossiers sur le tableau de bord de la démarche (son filtre par groupe) : tous pour un administrateur, les miens pour un instructeur ; par nom, par pages',
    access: 'agent',
    params: inProcedure,
    query: z.object({ after: z.string().max(600).optional(), limit: z.coerce.number().int().min(1).max(maxVisibleGroupsPage).default(maxVisibleGroupsPage) }),
    response: groupContracts.visible.response,
    status: 200,
  }),
  instructeurGet: defineRoute({ method: 'GET', path: `${instructeurBase}/:groupId`, tag, summary: 'Un groupe instructeur et ses membres', access: 'instructeur', params: inGroup, response: instructorGroupWithMembersSchema, status: 200 }),
  create: defineRoute({
    method: 'POST',
    path: adminBase,
    tag,
    summary: 'Créer un groupe instructeur',
    access: 'administrateur',
    params: inProcedure,
    body: groupContracts.create.request.omit({ procedureId: true }).strict(),
    response: instructorGroupSchema,
    status: 201,
  }),
  update: defineRoute({
    method: 'PATCH',
    path: `${adminBase}/:groupId`,
    tag,
    summary: 'Renommer, activer ou désactiver un groupe',
    access: 'administrateur',
    params: inGroup,
    body: groupContracts.update.request.omit({ procedureId: true, groupId: true }).strict(),
    response: instructorGroupSchema,
    status: 200,
  }),
  delete: defineRoute({
    method: 'POST',
    path: `${adminBase}/:groupId/delete`,
    tag,
    summary: 'Supprimer un groupe, en déplaçant ses membres si besoin',
    access: 'administrateur',
    params: inGroup,
    body: groupContracts.delete.request.omit({ procedureId: true, groupId: true }).strict(),
    response: groupContracts.delete.response,
    status: 200,
  }),
  setRoutingRule: defineRoute({
    method: 'PUT',
    path: `${adminBase}/:groupId/routing-rule`,
    tag,
    summary: 'Définir ou retirer la règle de routage d’un groupe',
    access: 'administrateur',
    params: inGroup,
    body: groupContracts.setRoutingRule.request.omit({ procedureId: true, groupId: true }).strict(),
    response: instructorGroupSchema,
    status: 200,
  }),
  addMembers: defineRoute({
    method: 'POST',
    path: `${adminBase}/:groupId/members`,
    tag,
    summary: 'Ajouter des instructeurs à un groupe',
    access: 'administrateur',
    params: inGroup,
    body: groupContracts.addMembers.request.omit({ procedureId: true, groupId: true }).strict(),
    response: instructorGroupWithMembersSchema,
    status: 200,
  }),
  removeMembers: defineRoute({
    method: 'POST',
    path: `${adminBase}/:groupId/members/remove`,
    tag,
    summary: 'Retirer des instructeurs d’un groupe',
    access: 'administrateur',
    params: inGroup,
    body: groupContracts.removeMembers.request.omit({ procedureId: true, groupId: true }).strict(),
    response: instructorGroupWithMembersSchema,
    status: 200,
  }),
  reorder: defineRoute({
    method: 'PUT',
    path: `${adminBase}/order`,
    tag,
    summary: 'Changer l’ordre d’évaluation des groupes',
    access: 'administrateur',
    params: inProcedure,
    body: groupContracts.reorder.request.omit({ procedureId: true }).strict(),
    response: groupContracts.reorder.response,
    status: 200,
  }),
  importCsv: defineRoute({
    method: 'POST',
    path: `${adminBase}/import`,
    tag,
    summary: 'Importer groupes et instructeurs depuis un CSV `groupe;email` envoyé en JSON { csv }',
    access: 'administrateur',
    params: inProcedure,
    body: groupContracts.importCsv.request.omit({ procedureId: true }).strict(),
    response: groupContracts.importCsv.response,
    status: 200,
  }),
  routePreview: defineRoute({
    method: 'POST',
    path: '/api/admin/procedures/:procedureId/route-preview',
    tag,
    summary: 'Le groupe qui recevrait un dossier avec ces valeurs',
    access: 'administrateur',
    params: inProcedure,
    body: groupContracts.route.request.omit({ procedureId: true }).strict(),
    response: groupContracts.route.response,
    status: 200,
  }),
};
