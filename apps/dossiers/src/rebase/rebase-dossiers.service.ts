import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GuichetError, procedureContracts, procedureEvents, type BusContext, type EventDataOf, type EventEnvelope, type FieldDefinition } from '@guichet/contracts';
import type { DossierState } from '@guichet/dossier-state';
import { Bus } from '@guichet/platform-bus';
import { OnEvent } from '@guichet/platform-service';
import { Dossier } from '../dossier/dossier.entity';
import { DossierValueHistory } from './dossier-value-history.entity';
import { rebaseValues } from './rebase-values';

/** Not decided yet: these follow the procedure onto its new revision. */
export const undecidedStates: readonly DossierState[] = ['brouillon', 'en_construction', 'en_instruction'];

/** Dossiers moved per transaction: a procedure with 100,000 dossiers never holds one huge transaction. */
export const rebaseBatchSize = 500;

type Published = EventDataOf<typeof procedureEvents.published>;

/**
 * When a procedure publishes a new revision, its undecided dossiers move onto it: values carried by
 * stable id, values of fields the new revision lacks written to `dossier_value_history`. Batches of
 * `rebaseBatchSize` by number, each in its own transaction; a batch only takes dossiers not yet on the
 * new revision, so a consumer restarted midway continues where it stopped, and a redelivered event
 * changes nothing twice.
 */
@Injectable()
export class RebaseDossiers {
  private readonly logger = new Logger(RebaseDossiers.name);

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(Bus) private readonly bus: Bus,
  ) {}

  @OnEvent(procedureEvents.published, { durable: 'dossiers__rebase' })
  async onPublished(event: EventEnvelope<Published>): Promise<void> {
    if (event.tenantId === null) return;
    await this.rebase(event.tenantId, event.data, event.traceparent);
  }

  async rebase(tenantId: string, published: Published, traceparent: string | null = null): Promise<number> {
    const ctx: BusContext = { system: 'dossiers', tenantId, ...(traceparent !== null ? { traceparent } : {}) };
    // A late (redelivered) event for a revision since replaced must not move dossiers back onto it.
    const procedure = await this.bus.request(procedureContracts.get, { procedureId: published.procedureId }, ctx);
    if (procedure.publishedRevision?.id !== published.revisionId) return 0;
    const target = await this.bus.request(procedureContracts.getRevision, { revisionId: published.revisionId }, ctx);

    // The revisions dossiers leave, fetched before any lock is taken, for the labels of dropped values.
    const sources = await this.em
      .fork()
      .getConnection()
      .execute<{ revision_id: string }[]>(
        'select distinct revision_id from "dossiers"."dossier" where tenant_id = ? and procedure_id = ? and state in (?, ?, ?) and revision_id <> ? and not test',
        [tenantId, published.procedureId, ...undecidedStates, published.revisionId],
      );
    const previousFields = new Map<string, readonly FieldDefinition[]>();
    for (const { revision_id: revisionId } of sources) previousFields.set(revisionId, await this.fieldsOf(revisionId, ctx));

    let afterNumber = 0;
    let moved = 0;
    for (;;) {
      const batch = await this.em.fork().transactional(async (tx) => {
        // FOR UPDATE re-checks the filter on rows a concurrent transaction changed (a dossier decided meanwhile is skipped).
        const dossiers = await tx.find(
          Dossier,
          // Test dossiers stay on the draft they were filled with: their purge deletes them.
          { tenantId, procedureId: published.procedureId, test: false, state: { $in: [...undecidedStates] }, revisionId: { $ne: published.revisionId }, number: { $gt: afterNumber } },
          { orderBy: { number: 'asc' }, limit: rebaseBatchSize, lockMode: LockMode.PESSIMISTIC_WRITE },
        );
        const now = new Date();
        for (const dossier of dossiers) {
          const { values, dropped } = rebaseValues(dossier.values, previousFields.get(dossier.revisionId) ?? [], target.fields);
          for (const value of dropped) {
            tx.create(DossierValueHistory, { id: randomUUID(), tenantId, dossierId: dossier.id, revisionId: dossier.revisionId, stableId: value.stableId, label: value.label, value: value.value, removedAt: now });
          }
          dossier.values = values;
          dossier.revisionId = target.id;
          dossier.updatedAt = new Date(Math.max(now.getTime(), dossier.updatedAt.getTime() + 1));
        }
        await tx.flush();
        return { count: dossiers.length, last: dossiers.at(-1)?.number };
      });
      moved += batch.count;
      if (batch.last === undefined || batch.count < rebaseBatchSize) break;
      afterNumber = batch.last;
    }
    if (moved > 0) this.logger.log(`${moved} dossier(s) of procedure ${published.procedureId} moved onto revision ${published.revisionId}`);
    return moved;
  }

  /** A revision's fields; one that no longer exists leaves only stable ids as labels. */
  private async fieldsOf(revisionId: string, ctx: BusContext): Promise<readonly FieldDefinition[]> {
    try {
      return (await this.bus.request(procedureContracts.getRevision, { revisionId }, ctx)).fields;
    } catch (error) {
      if (error instanceof GuichetError && error.code === 'NOT_FOUND') return [];
      throw error;
    }
  }
}
