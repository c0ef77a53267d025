import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { dossierEventContracts, procedureEvents, type BusContext, type EventDataOf, type EventEnvelope } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { OnEvent } from '@guichet/platform-service';
import { Dossier } from '../dossier/dossier.entity';
import { DossierValueHistory } from '../rebase/dossier-value-history.entity';

/** Dossiers deleted per transaction, and the most ids one `dossier.deleted` event carries. */
export const purgeBatchSize = 500;

type Published = EventDataOf<typeof procedureEvents.published>;

/**
 * Test dossiers (started through the test link of a procedure in brouillon) do not survive the
 * procedure's publication, as on demarches-simplifiees.fr. On `procedure.published`, the
 * procedure's test dossiers are deleted in batches, each batch in one transaction with its history
 * and a `dossier.deleted` event, so messaging, experts and documents delete what they hold of them.
 * Deleting is naturally idempotent: a redelivered event finds nothing left and emits nothing.
 */
@Injectable()
export class PurgeTestDossiers {
  private readonly logger = new Logger(PurgeTestDossiers.name);

  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  @OnEvent(procedureEvents.published, { durable: 'dossiers__test_purge' })
  async onPublished(event: EventEnvelope<Published>): Promise<void> {
    if (event.tenantId === null) return;
    await this.purge(event.tenantId, event.data.procedureId, event.traceparent);
  }

  /** Deletes the procedure's test dossiers; resolves with how many went. */
  async purge(tenantId: string, procedureId: string, traceparent: string | null = null): Promise<number> {
    const ctx: BusContext = { system: 'dossiers', tenantId, ...(traceparent !== null ? { traceparent } : {}) };
    let purged = 0;
    for (;;) {
      const count = await this.em.fork().transactional(async (tx) => {
        // FOR UPDATE waits for a test dossier being saved right now, then deletes it too.
        const rows = await tx.find(Dossier, { tenantId, procedureId, test: true }, { fields: ['id'], orderBy: { number: 'asc' }, limit: purgeBatchSize, lockMode: LockMode.PESSIMISTIC_WRITE });
        if (rows.length === 0) return 0;
        const ids = rows.map((row) => row.id);
        await tx.nativeDelete(DossierValueHistory, { dossierId: { $in: ids } });
        // Traitements go with their dossier (ON DELETE CASCADE).
        await tx.nativeDelete(Dossier, { id: { $in: ids } });
        addToOutbox(tx, dossierEventContracts.deleted, { procedureId, dossierIds: ids, reason: 'test_purge' }, ctx);
        await tx.flush();
        return ids.length;
      });
      purged += count;
      if (count < purgeBatchSize) break;
    }
    if (purged > 0) this.logger.log(`${purged} test dossier(s) of procedure ${procedureId} deleted at its publication`);
    return purged;
  }
}
