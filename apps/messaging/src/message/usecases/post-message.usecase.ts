import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { messagingEvents, type BusContext, type Message, type RequestOf, type messagingContracts } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { DossierAccess, dossierNotFound } from '@guichet/dossier-access';
import { threadRoleOf } from '../message.policy';
import { MessageRepository, toMessageDto } from '../message.repository';

/** The dossier's owner or an agent of its tenant writes in the dossier's thread. */
@Injectable()
export class PostMessageUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly dossiers: DossierAccess,
    private readonly messages: MessageRepository,
  ) {}

  async execute(input: RequestOf<typeof messagingContracts.post>, ctx: BusContext): Promise<Message> {
    const dossier = await this.dossiers.read(input.dossierId, ctx);
    const role = threadRoleOf(ctx, dossier);
    if (role === null || ctx.actor === undefined) throw dossierNotFound();
    const message = this.messages.add(dossier.tenantId, {
      dossierId: dossier.id,
      body: input.body,
      author: { accountId: ctx.actor.accountId, email: ctx.actor.email, role },
      attachmentFileId: input.attachmentFileId ?? null,
    });
    // The event belongs to the dossier's tenant, whoever wrote (a usager's request carries none).
    addToOutbox(
      this.em,
      messagingEvents.posted,
      { messageId: message.id, dossierId: dossier.id, dossierNumber: dossier.number, authorRole: role, usagerEmail: dossier.usager.email },
      { ...ctx, tenantId: dossier.tenantId },
    );
    await this.em.flush();
    return toMessageDto(message);
  }
}
