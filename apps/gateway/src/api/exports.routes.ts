import { z } from 'zod';
import { exportContracts, exportJobSchema, uuid } from '@guichet/contracts';
import { defineRoute } from '../http/route';

const exportId = z.object({ exportId: uuid });

export const exportRoutes = {
  create: defineRoute({
    method: 'POST',
    path: '/api/instructeur/procedures/:procedureId/exports',
    tag: 'Instructeur',
    summary: 'Lancer l’export des dossiers de la démarche',
    access: 'instructeur',
    params: z.object({ procedureId: uuid }),
    body: exportContracts.create.request.omit({ procedureId: true }).strict(),
    response: exportJobSchema,
    status: 201,
  }),
  get: defineRoute({ method: 'GET', path: '/api/exports/:exportId', tag: 'Instructeur', summary: 'L’état d’un export', access: 'instructeur', params: exportId, response: exportJobSchema, status: 200 }),
  download: defineRoute({
    method: 'GET',
    path: '/api/exports/:exportId/download',
    tag: 'Instructeur',
    summary: 'Télécharger un export prêt (redirection), 409 tant qu’il ne l’est pas',
    access: 'instructeur',
    params: exportId,
    status: 302,
  }),
};
