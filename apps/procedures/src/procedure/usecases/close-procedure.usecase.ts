import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, procedureEvents, type BusContext, type Procedure as ProcedureDto, type ProcedureClosureReason, type procedureContracts, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import type { Procedure } from '../procedure.entity';
import { lifecycleTransition } from '../procedure.lifecycle';
import { toProcedureDto } from '../procedure.mapper';
import { ProcedureRepository } from '../procedure.repository';
import { loadProcedureForEdit } from './load-for-edit';

export interface Closure {
  reason: ProcedureClosureReason;
  details: string | null;
  replacement: { id: string; path: string } | null;
  automatic: boolean;
}

/**
 * Closes a procedure in the caller's transaction: state `close`, the closure recorded, and
 * `procedure.closed` in the outbox. Shared by administrateurs' closures and the deadline sweep.
 */
export function applyClosure(em: EntityManager, procedure: Procedure, closure: Closure, ctx: BusContext, now: Date = new Date()): void {
  procedure.state = 'close';
  procedure.closedAt = now;
  procedure.closureReason = closure.reason;
  procedure.closureDetails = closure.details;
  procedure.replacementProcedureId = closure.replacement?.id ?? null;
  procedure.closedAutomatically = closure.automatic;
  procedure.updatedAt = now;
  addToOutbox(
    em,
    procedureEvents.closed,
    {
      procedureId: procedure.id,
      reason: closure.reason,
      details: closure.details,
      replacementProcedureId: closure.replacement?.id ?? null,
      replacementPath: closure.replacement?.path ?? null,
      closedAt: now.toISOString(),
      automatic: closure.automatic,
    },
    { ...ctx, tenantId: procedure.tenantId },
  );
}

/** What the reason requires, checked before anything is loaded. */
function closureRequestProblems(payload: RequestOf<typeof procedureContracts.close>): Record<string, string> {
  const problems: Record<string, string> = {};
  const details = payload.details ?? '';
  const replacement = payload.replacementProcedureId ?? null;
  if (payload.reason === 'autre' && details === '') problems.details = 'Précisez la raison de la clôture.';
  if (payload.reason === 'autre_demarche' && replacement === null) problems.replacementProcedureId = 'Choisissez la démarche qui remplace celle-ci.';
  if (payload.reason !== 'autre_demarche' && replacement !== null) {
    problems.replacementProcedureId = 'Une démarche de remplacement ne s’indique qu’avec la raison « Remplacée par une autre démarche ».';
  }
  return problems;
}

/**
 * An administrateur closes a published (or depublished) procedure: no new dossier can be started or
 * submitted; dossiers already submitted go on. A replacement must be another published procedure of
 * the same tenant; its path is given to usagers who follow the old link.
 */
@Injectable()
export class CloseProcedureUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
  ) {}

  async execute(payload: RequestOf<typeof procedureContracts.close>, ctx: BusContext): Promise<ProcedureDto> {
    const problems = closureRequestProblems(payload);
    if (Object.keys(problems).length > 0) throw new GuichetError('VALIDATION_FAILED', 'La clôture de la démarche est incomplète.', problems);
    return this.em.transactional(async (tx) => {
      const { procedure, draft, published } = await loadProcedureForEdit(this.procedures, ctx, payload.procedureId);
      const next = lifecycleTransition(procedure.state, 'close');
      if (!next.ok) throw new GuichetError('PROCEDURE_INVALID_TRANSITION', next.message);
      let replacement: Closure['replacement'] = null;
      const replacementId = payload.replacementProcedureId ?? null;
      if (replacementId !== null) {
        if (replacementId === procedure.id) {
          throw new GuichetError('VALIDATION_FAILED', 'Une démarche ne peut pas se remplacer elle-même.', { replacementProcedureId: 'Choisissez une autre démarche.' });
        }
        const found = await this.procedures.findPublishedInTenant(procedure.tenantId, replacementId);
        if (found === null) {
          throw new GuichetError('VALIDATION_FAILED', 'La démarche de remplacement doit être une démarche publiée de votre administration.', {
            replacementProcedureId: 'Choisissez une démarche publiée de votre administration.',
          });
        }
        replacement = { id: found.id, path: found.path };
      }
      const details = payload.details === undefined || payload.details === '' ? null : payload.details;
      applyClosure(tx, procedure, { reason: payload.reason, details, replacement, automatic: false }, ctx);
      await tx.flush();
      return toProcedureDto(procedure, draft, published, replacement?.path ?? null);
    });
  }
}
