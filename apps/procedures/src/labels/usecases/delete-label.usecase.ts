import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { labelEvents, type BusContext, type labelContracts, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { GroupsAccess } from '../../groups/groups.access';
import { labelNotFound } from '../labels.errors';
import { LabelsRepository } from '../labels.repository';

/**
 * An administrateur deletes a label. `procedure.label_deleted` (same transaction) makes the dossiers
 * service take it off every dossier; its version is above every version the label had.
 */
@Injectable()
export class DeleteLabelUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(GroupsAccess) private readonly access: GroupsAccess,
    @Inject(LabelsRepository) private readonly labels: LabelsRepository,
  ) {}

  execute(payload: RequestOf<typeof labelContracts.delete>, ctx: BusContext): Promise<{ deleted: true }> {
    return this.em.transactional(async (tx) => {
      const procedure = await this.access.forEdit(ctx, payload.procedureId);
      await this.labels.lockProcedureLabels(procedure.id);
      const label = await this.labels.find(procedure.id, payload.labelId);
      if (label === null) throw labelNotFound();
      addToOutbox(tx, labelEvents.deleted, { labelId: label.id, procedureId: label.procedureId, version: label.version + 1 }, { ...ctx, tenantId: procedure.tenantId });
      this.labels.remove(label);
      await tx.flush();
      return { deleted: true as const };
    });
  }
}
