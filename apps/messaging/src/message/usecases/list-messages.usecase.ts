import { Injectable } from '@nestjs/common';
import { type BusContext, type Message, type RequestOf, type messagingContracts } from '@guichet/contracts';
import { DossierAccess, dossierNotFound } from '@guichet/dossier-access';
import { mayReadThread } from '../message.policy';
import { MessageRepository, toMessageDto } from '../message.repository';

/** A dossier's thread, oldest first, for its participants. */
@Injectable()
export class ListMessagesUseCase {
  constructor(
    private readonly dossiers: DossierAccess,
    private readonly messages: MessageRepository,
  ) {}

  async execute(input: RequestOf<typeof messagingContracts.list>, ctx: BusContext): Promise<{ items: Message[] }> {
    const dossier = await this.dossiers.read(input.dossierId, ctx);
    if (!mayReadThread(ctx, dossier)) throw dossierNotFound();
    const messages = await this.messages.listForDossier(dossier.tenantId, dossier.id);
    return { items: messages.map(toMessageDto) };
  }
}
