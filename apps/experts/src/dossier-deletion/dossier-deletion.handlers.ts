import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { dossierEventContracts, type EventDataOf, type EventEnvelope } from '@guichet/contracts';
import type { Logger } from '@guichet/platform-logging';
import { LOGGER, OnEvent } from '@guichet/platform-service';
import { Avis } from '../avis/avis.entity';

/**
 * Forgets deleted dossiers (test dossiers purged at their procedure's first publication): their
 * avis, asked or answered, go with them. Runs in the transaction that records the event as
 * processed, so a redelivery deletes nothing more; scoped by the event's tenant.
 */
@Injectable()
export class DossierDeletionHandlers {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  @OnEvent(dossierEventContracts.deleted, { durable: 'experts__dossier_deleted' })
  async onDossiersDeleted(event: EventEnvelope<EventDataOf<typeof dossierEventContracts.deleted>>, em: EntityManager): Promise<void> {
    const { tenantId } = event;
    // Dossiers always name the procedure's tenant; an event without one deletes nothing.
    if (tenantId === null) return;
    const avis = await em.nativeDelete(Avis, { tenantId, dossierId: { $in: event.data.dossierIds } });
    this.logger.info({ eventId: event.id, reason: event.data.reason, dossiers: event.data.dossierIds.length, avis }, 'deleted dossiers forgotten');
  }
}
