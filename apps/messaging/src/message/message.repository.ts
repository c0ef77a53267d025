import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Message as MessageDto } from '@guichet/contracts';
import { Message, type MessageAuthorRole } from './message.entity';

export interface NewMessage {
  dossierId: string;
  body: string;
  author: { accountId: string | null; email: string; role: MessageAuthorRole };
  attachmentFileId: string | null;
}

/** Messages of a tenant's dossiers; the tenant is part of every method. */
@Injectable()
export class MessageRepository {
  constructor(private readonly em: EntityManager) {}

  /** Adds to the unit of work; the caller flushes (with its outbox event). */
  add(tenantId: string, message: NewMessage): Message {
    return this.em.create(Message, {
      id: randomUUID(),
      tenantId,
      dossierId: message.dossierId,
      body: message.body,
      authorAccountId: message.author.accountId,
      authorEmail: message.author.email,
      authorRole: message.author.role,
      attachmentFileId: message.attachmentFileId,
    });
  }

  /** The thread, oldest first. */
  listForDossier(tenantId: string, dossierId: string): Promise<Message[]> {
    return this.em.find(Message, { tenantId, dossierId }, { orderBy: { createdAt: 'asc', id: 'asc' } });
  }
}

export function toMessageDto(message: Message): MessageDto {
  return {
    id: message.id,
    dossierId: message.dossierId,
    body: message.body,
    author: { accountId: message.authorAccountId, email: message.authorEmail, role: message.authorRole },
    attachmentFileId: message.attachmentFileId,
    createdAt: message.createdAt.toISOString(),
  };
}
