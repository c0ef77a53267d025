import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Procedure, type procedureContracts, type RequestOf } from '@guichet/contracts';
import { toProcedureDto } from '../procedure.mapper';
import { assertMayCreateProcedure } from '../procedure.policy';
import { ProcedureRepository } from '../procedure.repository';

export const pathTaken = (): GuichetError =>
  new GuichetError('CONFLICT', 'Cette adresse est déjà utilisée par une autre démarche.', { path: 'Cette adresse est déjà utilisée.' });

/** An administrateur creates a brouillon procedure of their tenant, with an empty draft form. */
@Injectable()
export class CreateProcedureUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
  ) {}

  async execute(payload: RequestOf<typeof procedureContracts.create>, ctx: BusContext): Promise<Procedure> {
    const tenantId = assertMayCreateProcedure(ctx);
    // Checked first for a clear answer; the unique index settles a race between two creations.
    if (await this.procedures.pathTaken(payload.path)) throw pathTaken();
    try {
      const created = await this.em.transactional(async () => {
        // Former paths are in another table than the unique index: checked again under the path's lock.
        await this.procedures.lockPaths([payload.path]);
        if (await this.procedures.pathTaken(payload.path)) throw pathTaken();
        return this.procedures.newProcedure({ tenantId, tenantName: payload.tenantName, path: payload.path, title: payload.title, description: payload.description });
      });
      return toProcedureDto(created.procedure, created.draft, null);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw pathTaken();
      throw error;
    }
  }
}
