import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Procedure, type procedureContracts, type RequestOf } from '@guichet/contracts';
import type { Procedure as ProcedureEntity } from '../procedure.entity';
import { lifecycleTransition } from '../procedure.lifecycle';
import { toProcedureDto } from '../procedure.mapper';
import { ProcedureRepository } from '../procedure.repository';
import { loadProcedureForEdit } from './load-for-edit';

/** A deadline already passed would close the procedure again at the next sweep: refused with its field. */
export function assertDeadlineAhead(procedure: ProcedureEntity, action: string, now: Date = new Date()): void {
  if (procedure.closesAt !== null && procedure.closesAt.getTime() <= now.getTime()) {
    throw new GuichetError('PROCEDURE_INVALID', `La démarche ne peut pas être ${action} : sa date limite de dépôt est passée.`, {
      closesAt: 'Repoussez la date limite de dépôt ou retirez-la.',
    });
  }
}

/**
 * close or depubliee → publiee, serving again the revision published before (publishing the draft
 * is a separate step). The closure is cleared; the dossiers were never touched by it.
 */
@Injectable()
export class RepublishProcedureUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
  ) {}

  async execute(payload: RequestOf<typeof procedureContracts.republish>, ctx: BusContext): Promise<Procedure> {
    return this.em.transactional(async (tx) => {
      const { procedure, draft, published } = await loadProcedureForEdit(this.procedures, ctx, payload.procedureId);
      const next = lifecycleTransition(procedure.state, 'republish');
      if (!next.ok) throw new GuichetError('PROCEDURE_INVALID_TRANSITION', next.message);
      if (published === null) throw new GuichetError('PROCEDURE_INVALID_TRANSITION', 'La démarche n’a jamais été publiée : publiez-la.');
      assertDeadlineAhead(procedure, 'republiée');
      procedure.state = next.to;
      procedure.closedAt = null;
      procedure.closureReason = null;
      procedure.closureDetails = null;
      procedure.replacementProcedureId = null;
      procedure.closedAutomatically = false;
      procedure.updatedAt = new Date();
      await tx.flush();
      return toProcedureDto(procedure, draft, published);
    });
  }
}
