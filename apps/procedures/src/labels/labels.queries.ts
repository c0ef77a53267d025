import { Inject, Injectable } from '@nestjs/common';
import type { BusContext, Label, labelContracts, RequestOf } from '@guichet/contracts';
import { GroupsAccess } from '../groups/groups.access';
import { labelNotFound } from './labels.errors';
import { toLabelDto } from './labels.mapper';
import { LabelsRepository } from './labels.repository';

/** Reads of a procedure's labels: its tenant's agents (instructeurs pick from them) and system callers. */
@Injectable()
export class LabelsQueries {
  constructor(
    @Inject(GroupsAccess) private readonly access: GroupsAccess,
    @Inject(LabelsRepository) private readonly labels: LabelsRepository,
  ) {}

  async list(payload: RequestOf<typeof labelContracts.list>, ctx: BusContext): Promise<{ items: Label[] }> {
    const procedure = await this.access.forRead(ctx, payload.procedureId);
    return { items: (await this.labels.list(procedure.id)).map(toLabelDto) };
  }

  async get(payload: RequestOf<typeof labelContracts.get>, ctx: BusContext): Promise<Label> {
    const procedure = await this.access.forRead(ctx, payload.procedureId);
    const label = await this.labels.find(procedure.id, payload.labelId);
    if (label === null) throw labelNotFound();
    return toLabelDto(label);
  }
}
