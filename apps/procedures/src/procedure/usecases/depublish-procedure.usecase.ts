import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Procedure, type procedureContracts, type RequestOf } from '@guichet/contracts';
import { lifecycleTransition } from '../procedure.lifecycle';
import { toProcedureDto } from '../procedure.mapper';
import { ProcedureRepository } from '../procedure.repository';
import { loadProcedureForEdit } from './load-for-edit';

/**
 * publiee → depubliee: the public link stops working and no new dossier can be started; brouillons
 * already started may still be submitted and submitted dossiers go on (as demarches-simplifiees.fr).
 */
@Injectable()
export class DepublishProcedureUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
  ) {}

  async execute(payload: RequestOf<typeof procedureContracts.depublish>, ctx: BusContext): Promise<Procedure> {
    return this.em.transactional(async (tx) => {
      const { procedure, draft, published } = await loadProcedureForEdit(this.procedures, ctx, payload.procedureId);
      const next = lifecycleTransition(procedure.state, 'depublish');
      if (!next.ok) throw new GuichetError('PROCEDURE_INVALID_TRANSITION', next.message);
      procedure.state = next.to;
      procedure.updatedAt = new Date();
      await tx.flush();
      return toProcedureDto(procedure, draft, published);
    });
  }
}
