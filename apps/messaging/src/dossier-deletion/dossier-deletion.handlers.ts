import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { dossierEventContracts, type EventDataOf, type EventEnvelope } from '@guichet/contracts';
import type { Logger } from '@guichet/platform-logging';
import { LOGGER, OnEvent } from '@guichet/platform-service';
import { EmailMessage } from '../email/email-message.entity';
import { Message } from '../message/message.entity';

/**
 * Forgets deleted dossiers (test dossiers purged at their procedure's first publication): their
 * messages and every e-mail row about them. Pending e-mails must not leave for a dossier that no
 * longer exists; sent and failed rows go too, because the log holds the usager's address and the
 * text of the e-mail (personal data) and nothing can show it any more — there is no dossier page
 * left to attach it to. `email.sent` events already published stay on the stream, as any event.
 *
 * Runs in the transaction that records the event as processed: a redelivery deletes nothing more.
 * An e-mail being sent right now (leased by the sender, no lock held) is deleted all the same: the
 * sender's record then finds no row, and writes no `email.sent` for it.
 */
@Injectable()
export class DossierDeletionHandlers {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  @OnEvent(dossierEventContracts.deleted, { durable: 'messaging__dossier_deleted' })
  async onDossiersDeleted(event: EventEnvelope<EventDataOf<typeof dossierEventContracts.deleted>>, em: EntityManager): Promise<void> {
    const { tenantId } = event;
    // Dossiers always name the procedure's tenant; an event without one deletes nothing.
    if (tenantId === null) return;
    const dossierId = { $in: event.data.dossierIds };
    const messages = await em.nativeDelete(Message, { tenantId, dossierId });
    const emails = await em.nativeDelete(EmailMessage, { tenantId, dossierId });
    this.logger.info({ eventId: event.id, reason: event.data.reason, dossiers: event.data.dossierIds.length, messages, emails }, 'deleted dossiers forgotten');
  }
}
