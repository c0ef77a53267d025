import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { labelEvents, labelNameKey, type BusContext, type Label, type labelContracts, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { GroupsAccess } from '../../groups/groups.access';
import { labelNameTaken, labelNotFound } from '../labels.errors';
import { toLabelDto } from '../labels.mapper';
import { LabelsRepository } from '../labels.repository';
import { labelChangedData } from './label-events';

/**
 * An administrateur renames and/or recolours a label. A change bumps its version and is announced
 * (`procedure.label_changed`) in the same transaction; asking for what it already is changes nothing.
 */
@Injectable()
export class UpdateLabelUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(GroupsAccess) private readonly access: GroupsAccess,
    @Inject(LabelsRepository) private readonly labels: LabelsRepository,
  ) {}

  async execute(payload: RequestOf<typeof labelContracts.update>, ctx: BusContext): Promise<Label> {
    try {
      return await this.em.transactional(async (tx) => {
        const procedure = await this.access.forEdit(ctx, payload.procedureId);
        await this.labels.lockProcedureLabels(procedure.id);
        const label = await this.labels.find(procedure.id, payload.labelId);
        if (label === null) throw labelNotFound();
        let changed = false;
        if (payload.name !== undefined && payload.name !== label.name) {
          if (labelNameKey(payload.name) !== label.nameKey && (await this.labels.nameTaken(procedure.id, payload.name, label.id))) throw labelNameTaken();
          this.labels.rename(label, payload.name);
          changed = true;
        }
        if (payload.color !== undefined && payload.color !== label.color) {
          label.color = payload.color;
          changed = true;
        }
        if (!changed) return toLabelDto(label);
        label.version += 1;
        label.updatedAt = new Date();
        addToOutbox(tx, labelEvents.changed, labelChangedData(label), { ...ctx, tenantId: procedure.tenantId });
        await tx.flush();
        return toLabelDto(label);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw labelNameTaken();
      throw error;
    }
  }
}
