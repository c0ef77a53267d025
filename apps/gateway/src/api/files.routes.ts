import { z } from 'zod';
import { documentContracts, fileInfoSchema, uuid } from '@guichet/contracts';
import { defineRoute } from '../http/route';

export const fileRoutes = {
  presignUpload: defineRoute({
    method: 'POST',
    path: '/api/uploads',
    tag: 'Fichiers',
    summary: 'Déclarer un fichier et obtenir une adresse de téléversement (PUT) de courte durée ; `justificatif` : le justificatif d’une décision, déposé par un agent sur le dossier (PDF, image ou document bureautique, 20 Mo)',
    access: 'signedIn',
    body: documentContracts.presignUpload.request.strict(),
    response: documentContracts.presignUpload.response,
    status: 201,
  }),
  confirmUpload: defineRoute({
    method: 'POST',
    path: '/api/uploads/:fileId/confirm',
    tag: 'Fichiers',
    summary: 'Confirmer le téléversement (le fichier est alors vérifié)',
    access: 'signedIn',
    params: z.object({ fileId: uuid }),
    response: fileInfoSchema,
    status: 200,
  }),
  download: defineRoute({
    method: 'GET',
    path: '/api/files/:fileId',
    tag: 'Fichiers',
    summary: 'Télécharger un fichier (redirection vers une adresse de courte durée)',
    access: 'signedIn',
    params: z.object({ fileId: uuid }),
    status: 302,
  }),
  attestation: defineRoute({
    method: 'GET',
    path: '/api/dossiers/:dossierId/attestation',
    tag: 'Usager',
    summary: 'Télécharger l’attestation du dossier (redirection), 409 tant qu’elle n’est pas prête',
    access: 'signedIn',
    params: z.object({ dossierId: uuid }),
    status: 302,
  }),
  justificatif: defineRoute({
    method: 'GET',
    path: '/api/dossiers/:dossierId/justificatif',
    tag: 'Usager',
    summary: 'Télécharger le justificatif joint à la décision du dossier (redirection), pour son usager et les agents qui le voient ; 404 sans justificatif',
    access: 'signedIn',
    params: z.object({ dossierId: uuid }),
    status: 302,
  }),
};
