import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { GuichetError, labelContracts, labelEvents, type BusContext, type EventDataOf, type EventEnvelope } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';
import { OnEvent } from '@guichet/platform-service';
import { DossierLabelsRepository, type LabelRow } from './dossier-labels.repository';

/**
 * Keeps `dossiers.label` in step with the labels procedures owns: from its events, and, when an
 * agent names a label whose event has not arrived yet, by asking procedures.
 */
@Injectable()
export class LabelReplica {
  private readonly logger = new Logger(LabelReplica.name);

  constructor(
    @Inject(DossierLabelsRepository) private readonly labels: DossierLabelsRepository,
    @Inject(Bus) private readonly bus: Bus,
  ) {}

  @OnEvent(labelEvents.changed, { durable: 'dossiers__label_changed' })
  async onChanged(event: EventEnvelope<EventDataOf<typeof labelEvents.changed>>, em: EntityManager): Promise<void> {
    if (event.tenantId === null) return;
    const { labelId, procedureId, name, color, version } = event.data;
    await new DossierLabelsRepository(em).applyChange({ id: labelId, tenantId: event.tenantId, procedureId, name, color, version });
  }

  /** The label leaves every dossier of the tenant, in the transaction that records the event. */
  @OnEvent(labelEvents.deleted, { durable: 'dossiers__label_deleted' })
  async onDeleted(event: EventEnvelope<EventDataOf<typeof labelEvents.deleted>>, em: EntityManager): Promise<void> {
    if (event.tenantId === null) return;
    const labels = new DossierLabelsRepository(em);
    const { labelId, procedureId, version } = event.data;
    // Its name, for the history rows; the update below waits for any transaction adding it to a dossier.
    const known = await labels.findLabel(event.tenantId, labelId);
    if (!(await labels.applyDeletion({ id: labelId, tenantId: event.tenantId, procedureId, version }))) return;
    const removed = await labels.takeOffEverywhere(event.tenantId, labelId, known?.name ?? '');
    if (removed > 0) this.logger.log(`label ${labelId} deleted: taken off ${removed} dossier(s)`);
  }

  /**
   * The label for a dossier of `procedureId`, from the replica or else from procedures (then kept);
   * null when it is not a live label of that procedure in that tenant. Asked before any transaction:
   * no row lock is held across the bus.
   */
  async forProcedure(tenantId: string, procedureId: string, labelId: string, ctx: BusContext): Promise<LabelRow | null> {
    let label = await this.labels.findLabel(tenantId, labelId);
    if (label === null) {
      try {
        const fetched = await this.bus.request(labelContracts.get, { procedureId, labelId }, { system: 'dossiers', tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) });
        await this.labels.applyChange({ id: fetched.id, tenantId, procedureId: fetched.procedureId, name: fetched.name, color: fetched.color, version: fetched.version });
        label = await this.labels.findLabel(tenantId, labelId);
      } catch (error) {
        if (error instanceof GuichetError && error.code === 'NOT_FOUND') return null;
        throw error;
      }
    }
    return label !== null && !label.deleted && label.procedureId === procedureId ? label : null;
  }
}
