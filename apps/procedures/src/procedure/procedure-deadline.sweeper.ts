import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from '@guichet/platform-logging';
import { LOGGER } from '@guichet/platform-service';
import { PROCEDURES_CONFIG, type ProceduresConfig } from '../config';
import { ProcedureChanges } from './procedure-changes';
import { ProcedureRepository } from './procedure.repository';
import { applyClosure } from './usecases/close-procedure.usecase';

/** Procedures closed per transaction. */
export const deadlineSweepBatchSize = 100;

/**
 * Every `DEADLINE_SWEEP_INTERVAL_MS` (30 s by default), closes published procedures whose deadline (`closesAt`) has passed, with `procedure.closed`
 * (automatic) in the outbox; the dossiers service then moves their en_construction dossiers into
 * instruction. Every replica sweeps; `for update skip locked` gives each procedure to one of them.
 */
@Injectable()
export class ProcedureDeadlineSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | undefined;

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(PROCEDURES_CONFIG) private readonly config: Pick<ProceduresConfig, 'DEADLINE_SWEEP_INTERVAL_MS'>,
    @Inject(ProcedureChanges) private readonly changes: ProcedureChanges,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.tick(), this.config.DEADLINE_SWEEP_INTERVAL_MS);
    void this.tick();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    await this.running?.catch(() => 0);
  }

  private async tick(): Promise<void> {
    if (this.running !== undefined) return;
    try {
      await this.sweep();
    } catch (error) {
      this.logger.error({ err: error as Error }, 'deadline sweep failed; will retry');
    }
  }

  /** Closes every procedure past its deadline at `now`; resolves with how many this replica closed. */
  sweep(now: Date = new Date()): Promise<number> {
    const run = (async () => {
      let closed = 0;
      for (;;) {
        const batch = await this.em.fork().transactional(async (tx) => {
          const expired = await new ProcedureRepository(tx).lockExpired(now, deadlineSweepBatchSize);
          for (const procedure of expired) {
            applyClosure(tx, procedure, { reason: 'date_limite_atteinte', details: null, replacement: null, automatic: true }, { system: 'procedures', tenantId: procedure.tenantId }, now);
          }
          await tx.flush();
          return expired.map((procedure) => procedure.id);
        });
        for (const procedureId of batch) this.changes.announce(procedureId);
        closed += batch.length;
        if (batch.length < deadlineSweepBatchSize) break;
      }
      if (closed > 0) this.logger.info({ closed }, 'procedures closed at their deadline');
      return closed;
    })();
    this.running = run;
    return run.finally(() => {
      if (this.running === run) this.running = undefined;
    });
  }
}
