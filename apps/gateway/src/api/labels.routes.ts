import { z } from 'zod';
import { dossierSchema, labelContracts, labelSchema, uuid } from '@guichet/contracts';
import { defineRoute } from '../http/route';

const inProcedure = z.object({ procedureId: uuid });
const inLabel = inProcedure.extend({ labelId: uuid });
const onDossier = z.object({ dossierId: uuid });
const labelList = labelContracts.list.response;

const adminBase = '/api/admin/procedures/:procedureId/labels';
const tag = 'Étiquettes';

/**
 * Labels (« étiquettes »): administrateurs define them per procedure (a name and a DSFR colour);
 * instructeurs list them and put them on the dossiers they instruct. Shown to agents only.
 */
export const labelRoutes = {
  adminList: defineRoute({ method: 'GET', path: adminBase, tag, summary: 'Les étiquettes d’une démarche, par nom', access: 'administrateur', params: inProcedure, response: labelList, status: 200 }),
  create: defineRoute({
    method: 'POST',
    path: adminBase,
    tag,
    summary: 'Créer une étiquette (nom unique dans la démarche, sans tenir compte des majuscules ni des accents ; une couleur du DSFR)',
    access: 'administrateur',
    params: inProcedure,
    body: labelContracts.create.request.omit({ procedureId: true }).strict(),
    response: labelSchema,
    status: 201,
  }),
  update: defineRoute({
    method: 'PATCH',
    path: `${adminBase}/:labelId`,
    tag,
    summary: 'Renommer une étiquette ou changer sa couleur',
    access: 'administrateur',
    params: inLabel,
    body: labelContracts.update.request.omit({ procedureId: true, labelId: true }).strict(),
    response: labelSchema,
    status: 200,
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: `${adminBase}/:labelId`,
    tag,
    summary: 'Supprimer une étiquette (elle est retirée de tous les dossiers)',
    access: 'administrateur',
    params: inLabel,
    response: labelContracts.delete.response,
    status: 200,
  }),
  instructeurList: defineRoute({
    method: 'GET',
    path: '/api/instructeur/procedures/:procedureId/labels',
    tag,
    summary: 'Les étiquettes de la démarche, que ses instructeurs mettent sur les dossiers (le filtre du tableau de bord les propose aussi aux administrateurs)',
    access: 'agent',
    params: inProcedure,
    response: labelList,
    status: 200,
  }),
  addToDossier: defineRoute({
    method: 'POST',
    path: '/api/instructeur/dossiers/:dossierId/labels',
    tag,
    summary: 'Mettre une étiquette de sa démarche sur le dossier (sans effet si elle y est déjà)',
    access: 'instructeur',
    params: onDossier,
    body: z.strictObject({ labelId: uuid }),
    response: dossierSchema,
    status: 200,
  }),
  removeFromDossier: defineRoute({
    method: 'DELETE',
    path: '/api/instructeur/dossiers/:dossierId/labels/:labelId',
    tag,
    summary: 'Retirer une étiquette du dossier (sans effet si elle n’y est pas)',
    access: 'instructeur',
    params: onDossier.extend({ labelId: uuid }),
    response: dossierSchema,
    status: 200,
  }),
};
