import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { dossierEventContracts, type EventDataOf, type EventEnvelope } from '@guichet/contracts';
import type { Logger } from '@guichet/platform-logging';
import { LOGGER, OnEvent } from '@guichet/platform-service';
import { buckets } from '../buckets';
import { Attestation, DecisionWithdrawal } from '../dossier-attestation/attestation.entity';
import { queueObjectDeletions } from '../object-deletion/object-deletion.queue';
import { StoredFile } from '../stored-file/stored-file.entity';

/**
 * Forgets deleted dossiers (test dossiers purged at their procedure's first publication): the
 * records of the files attached to them (field values, messages, avis: every file with their
 * `dossierId`), their attestations and decision withdrawals. The S3 objects are queued in
 * `object_deletion` in the same transaction and removed by the sweeper after the commit, so an S3
 * failure neither undoes the deletion nor holds the consumer: the sweeper retries.
 *
 * Runs in the transaction that records the event as processed: a redelivery deletes nothing more.
 */
@Injectable()
export class DossierDeletionHandlers {
  constructor(@Inject(LOGGER) private readonly logger: Logger) {}

  @OnEvent(dossierEventContracts.deleted, { durable: 'documents__dossier_deleted' })
  async onDossiersDeleted(event: EventEnvelope<EventDataOf<typeof dossierEventContracts.deleted>>, em: EntityManager): Promise<void> {
    const { tenantId } = event;
    // Dossiers always name the procedure's tenant; an event without one deletes nothing.
    if (tenantId === null) return;
    const where = { tenantId, dossierId: { $in: event.data.dossierIds } };
    const files = await em.find(StoredFile, where, { fields: ['id', 'objectKey'] });
    const attestations = await em.find(Attestation, where, { fields: ['id', 'objectKey'] });
    queueObjectDeletions(
      em,
      [...files.map((file) => ({ bucket: buckets.uploads, objectKey: file.objectKey })), ...attestations.map((a) => ({ bucket: buckets.attestations, objectKey: a.objectKey }))],
      `dossier_deleted:${event.data.reason}`,
    );
    await em.nativeDelete(StoredFile, { id: { $in: files.map((file) => file.id) } });
    await em.nativeDelete(Attestation, { id: { $in: attestations.map((attestation) => attestation.id) } });
    await em.nativeDelete(DecisionWithdrawal, where);
    await em.flush();
    this.logger.info({ eventId: event.id, reason: event.data.reason, dossiers: event.data.dossierIds.length, files: files.length, attestations: attestations.length }, 'deleted dossiers forgotten');
  }
}
