import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { procedureContracts, procedureEvents, type BusContext, type EventDataOf, type EventEnvelope } from '@guichet/contracts';
import { nextState } from '@guichet/dossier-state';
import { Bus } from '@guichet/platform-bus';
import { OnEvent } from '@guichet/platform-service';
import { Dossier } from '../dossier/dossier.entity';
import { DossierRepository } from '../dossier/dossier.repository';
import { recordTransition } from '../dossier/usecases/record-transition';

/** Dossiers moved per transaction: a procedure with many dossiers never holds one huge transaction. */
export const deadlineBatchSize = 200;

type Closed = EventDataOf<typeof procedureEvents.closed>;

/**
 * When a procedure closes at its deadline (`procedure.closed` with `automatic`), its en_construction
 * dossiers go into instruction, as demarches-simplifiees.fr does: each move is a transition by the
 * system (history row and `dossier.state_changed`), a pending correction request notwithstanding.
 * Batches by number, each in its own transaction; only dossiers still en_construction are taken, so
 * a consumer restarted midway continues where it stopped and a redelivered event moves nothing twice.
 */
@Injectable()
export class DeadlineInstruction {
  private readonly logger = new Logger(DeadlineInstruction.name);

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(Bus) private readonly bus: Bus,
  ) {}

  @OnEvent(procedureEvents.closed, { durable: 'dossiers__deadline_instruction' })
  async onClosed(event: EventEnvelope<Closed>): Promise<void> {
    if (!event.data.automatic || event.tenantId === null) return;
    await this.instruct(event.tenantId, event.data.procedureId, event.traceparent);
  }

  /** Moves the procedure's en_construction dossiers into instruction; resolves with how many moved. */
  async instruct(tenantId: string, procedureId: string, traceparent: string | null = null): Promise<number> {
    const ctx: BusContext = { system: 'dossiers', tenantId, ...(traceparent !== null ? { traceparent } : {}) };
    // A late (redelivered) event for a procedure republished since must not touch its dossiers.
    const status = await this.bus.request(procedureContracts.getStatus, { procedureId }, ctx);
    if (status.state !== 'close') return 0;

    let afterNumber = 0;
    let moved = 0;
    for (;;) {
      const batch = await this.em.fork().transactional(async (tx) => {
        const dossiers = new DossierRepository(tx);
        // FOR UPDATE re-checks the filter on rows a concurrent transaction changed (a dossier moved meanwhile is skipped).
        const page = await tx.find(
          Dossier,
          { tenantId, procedureId, state: 'en_construction', number: { $gt: afterNumber } },
          { orderBy: { number: 'asc' }, limit: deadlineBatchSize, lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        let count = 0;
        for (const dossier of page) {
          const next = nextState(dossier.state, 'passer_en_instruction', { actorRole: 'system', deadlineReached: true, correctionPending: dossier.correctionPending });
          if (!next.ok) {
            this.logger.warn(`dossier ${dossier.id} not moved into instruction at the deadline: ${next.message}`);
            continue;
          }
          recordTransition(tx, dossiers, dossier, { event: 'passer_en_instruction', to: next.to, motivation: null }, ctx);
          count += 1;
        }
        await tx.flush();
        return { size: page.length, count, last: page.at(-1)?.number };
      });
      moved += batch.count;
      if (batch.last === undefined || batch.size < deadlineBatchSize) break;
      afterNumber = batch.last;
    }
    if (moved > 0) this.logger.log(`${moved} dossier(s) of procedure ${procedureId} moved into instruction at its deadline`);
    return moved;
  }
}
