import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { labelEvents, maxLabelsPerProcedure, type BusContext, type Label, type labelContracts, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { GroupsAccess } from '../../groups/groups.access';
import { labelNameTaken, tooManyLabels } from '../labels.errors';
import { toLabelDto } from '../labels.mapper';
import { LabelsRepository } from '../labels.repository';
import { labelChangedData } from './label-events';

/** An administrateur of the procedure's tenant creates a label; `procedure.label_changed` in the same transaction. */
@Injectable()
export class CreateLabelUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(GroupsAccess) private readonly access: GroupsAccess,
    @Inject(LabelsRepository) private readonly labels: LabelsRepository,
  ) {}

  async execute(payload: RequestOf<typeof labelContracts.create>, ctx: BusContext): Promise<Label> {
    try {
      return await this.em.transactional(async (tx) => {
        const procedure = await this.access.forEdit(ctx, payload.procedureId);
        await this.labels.lockProcedureLabels(procedure.id);
        if (await this.labels.nameTaken(procedure.id, payload.name)) throw labelNameTaken();
        if ((await this.labels.count(procedure.id)) >= maxLabelsPerProcedure) throw tooManyLabels();
        const label = this.labels.newLabel({ tenantId: procedure.tenantId, procedureId: procedure.id, name: payload.name, color: payload.color });
        addToOutbox(tx, labelEvents.changed, labelChangedData(label), { ...ctx, tenantId: procedure.tenantId });
        await tx.flush();
        return toLabelDto(label);
      });
    } catch (error) {
      // The lock makes this unlikely; the unique index has the last word.
      if (error instanceof UniqueConstraintViolationException) throw labelNameTaken();
      throw error;
    }
  }
}
