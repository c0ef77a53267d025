import { z } from 'zod';
import { messageSchema, messagingContracts, uuid } from '@guichet/contracts';
import { defineRoute } from '../http/route';

const dossierId = z.object({ dossierId: uuid });

export const messageRoutes = {
  list: defineRoute({
    method: 'GET',
    path: '/api/dossiers/:dossierId/messages',
    tag: 'Messagerie',
    summary: 'Les messages du dossier',
    access: 'signedIn',
    params: dossierId,
    response: messagingContracts.list.response,
    status: 200,
  }),
  post: defineRoute({
    method: 'POST',
    path: '/api/dossiers/:dossierId/messages',
    tag: 'Messagerie',
    summary: 'Envoyer un message (avec une pièce jointe déjà téléversée, facultative)',
    access: 'signedIn',
    params: dossierId,
    body: messagingContracts.post.request.omit({ dossierId: true }).strict(),
    response: messageSchema,
    status: 201,
  }),
};
