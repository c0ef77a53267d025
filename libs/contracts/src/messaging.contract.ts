import { z } from 'zod';
import { defineEvent, defineRequest } from './contract';
import { isoDateTime, uuid } from './common.schemas';

export const messageSchema = z.object({
  id: uuid,
  dossierId: uuid,
  body: z.string(),
  author: z.object({ accountId: uuid.nullable(), email: z.string(), role: z.enum(['usager', 'instructeur', 'expert', 'system']) }),
  attachmentFileId: uuid.nullable(),
  createdAt: isoDateTime,
});
export type Message = z.infer<typeof messageSchema>;

export const messagingContracts = {
  post: defineRequest('messaging', 'messaging.message.post', z.object({ dossierId: uuid, body: z.string().trim().min(1).max(20_000), attachmentFileId: uuid.optional() }), messageSchema),
  list: defineRequest('messaging', 'messaging.message.list', z.object({ dossierId: uuid }), z.object({ items: z.array(messageSchema) })),
};

export const messagingEvents = {
  posted: defineEvent('messaging', 'message.posted', 1, z.object({ messageId: uuid, dossierId: uuid, dossierNumber: z.number().int(), authorRole: z.string(), usagerEmail: z.string().email() })),
  emailSent: defineEvent('messaging', 'email.sent', 1, z.object({ emailId: z.string(), to: z.string(), subject: z.string(), dossierId: uuid.nullable() })),
};
