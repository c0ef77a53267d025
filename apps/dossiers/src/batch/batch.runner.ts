import { RequestContext } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { GuichetError, type Actor, type BatchAction, type BusContext } from '@guichet/contracts';
import { OutboxRelay, WorkerLoop } from '@guichet/platform-persistence';
import { ArchiveDossierUseCase } from '../dossier/usecases/archive-dossier.usecase';
import { FollowDossierUseCase } from '../dossier/usecases/follow-dossier.usecase';
import { TransitionDossierUseCase } from '../dossier/usecases/transition-dossier.usecase';

/** Pending items are also looked for at this interval: after a restart, or started by another replica. */
const pollIntervalMs = 2_000;

interface Claimed {
  batch_id: string;
  dossier_id: string;
  tenant_id: string;
  actor: Actor | string;
  action: BatchAction;
  motivation: string | null;
}

/**
 * Runs the batches, one dossier at a time. Each item is claimed (`for update skip locked`, so
 * replicas share the work), acted on through the very use case of the single action (as the agent
 * who started the batch, with their rights at that moment), and its result written, all in one
 * transaction: the dossier's change, its outbox event and the item's « fait » commit together, so
 * a process killed midway leaves the item pending and undone, and it is done once after the restart.
 * A refusal (wrong state, group left…) rolls back that dossier's savepoint, is kept as the item's
 * result, and the batch goes on.
 */
@Injectable()
export class BatchRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(BatchRunner.name);
  private readonly loop = new WorkerLoop({
    pass: () => this.drain(),
    intervalMs: pollIntervalMs,
    onError: (error) => this.logger.error({ err: error }, 'batch runner stopped; it resumes at the next poll'),
  });
  private stopped = false;

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(OutboxRelay) private readonly relay: OutboxRelay,
    @Inject(TransitionDossierUseCase) private readonly transition: TransitionDossierUseCase,
    @Inject(ArchiveDossierUseCase) private readonly archive: ArchiveDossierUseCase,
    @Inject(FollowDossierUseCase) private readonly follow: FollowDossierUseCase,
  ) {}

  onApplicationBootstrap(): void {
    this.stopped = false;
    this.loop.start();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.loop.stop();
  }

  /** Works through the pending items; a call while working makes it look again once done. */
  wake(): void {
    this.loop.kick();
  }

  /** Resolves when no item is pending (tests and shutdown). */
  async idle(): Promise<void> {
    await this.loop.idle();
  }

  private async drain(): Promise<void> {
    while (!this.stopped && (await this.runOne())) {
      // next item
    }
  }

  /** Claims and runs one pending item; false when there is none. */
  async runOne(): Promise<boolean> {
    return RequestContext.create(this.em, () =>
      this.relay.afterWork(() =>
        this.em.transactional(async (tx) => {
          const connection = tx.getConnection();
          const context = tx.getTransactionContext();
          const [item] = (await connection.execute(
            `select i.batch_id, i.dossier_id, b.tenant_id, b.actor, b.action, b.motivation
             from "dossiers"."batch_operation_item" i join "dossiers"."batch_operation" b on b.id = i.batch_id
             where i.status = 'en_attente'
             order by b.created_at, i.position
             limit 1
             for update of i skip locked`,
            [],
            'all',
            context,
          )) as Claimed[];
          if (item === undefined) return false;
          const actor = typeof item.actor === 'string' ? (JSON.parse(item.actor) as Actor) : item.actor;
          const ctx: BusContext = { tenantId: item.tenant_id, actor };
          let refusal: GuichetError | undefined;
          try {
            await this.act(item, ctx);
          } catch (error) {
            if (!(error instanceof GuichetError) || error.code === 'INTERNAL' || error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT') throw error;
            refusal = error;
            // Whatever that dossier's work loaded is dropped with its savepoint.
            tx.clear();
          }
          await connection.execute(
            `update "dossiers"."batch_operation_item" set status = ?, error_code = ?, error_message = ?, done_at = now() where batch_id = ? and dossier_id = ?`,
            [refusal === undefined ? 'fait' : 'refuse', refusal?.code ?? null, refusal?.message ?? null, item.batch_id, item.dossier_id],
            'run',
            context,
          );
          await connection.execute(
            `update "dossiers"."batch_operation" b set
               succeeded = succeeded + ?, failed = failed + ?,
               state = case when exists (select 1 from "dossiers"."batch_operation_item" i where i.batch_id = b.id and i.status = 'en_attente') then 'en_cours' else 'termine' end,
               finished_at = case when exists (select 1 from "dossiers"."batch_operation_item" i where i.batch_id = b.id and i.status = 'en_attente') then null else now() end
             where id = ?`,
            [refusal === undefined ? 1 : 0, refusal === undefined ? 0 : 1, item.batch_id],
            'run',
            context,
          );
          return true;
        }),
      ),
    );
  }

  private async act(item: Claimed, ctx: BusContext): Promise<void> {
    const dossierId = item.dossier_id;
    switch (item.action) {
      case 'passer_en_instruction':
      case 'repasser_en_construction':
      case 'accepter':
      case 'refuser':
      case 'classer_sans_suite':
        await this.transition.execute({ dossierId, event: item.action, ...(item.motivation !== null ? { motivation: item.motivation } : {}) }, ctx);
        return;
      case 'archiver':
      case 'desarchiver':
        await this.archive.execute({ dossierId, archived: item.action === 'archiver' }, ctx);
        return;
      case 'suivre':
      case 'ne_plus_suivre':
        await this.follow.execute({ dossierId, follow: item.action === 'suivre' }, ctx);
        return;
    }
  }
}
