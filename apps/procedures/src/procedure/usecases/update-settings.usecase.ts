import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, procedureEvents, type BusContext, type Procedure, type procedureContracts, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { ProcedureImages } from '../procedure-images';
import { settingsProblems } from '../procedure-settings.validation';
import { toProcedureDto } from '../procedure.mapper';
import { ProcedureRepository } from '../procedure.repository';
import { pathTaken } from './create-procedure.usecase';
import { loadProcedureForEdit } from './load-for-edit';

/**
 * Changes the procedure's settings: service contact, logo, public path, deadline, declarative mode,
 * SVA/SVR, retention, experts, message after submission. Only the keys sent change; `null` clears.
 * All or nothing: one refused setting leaves every other as it was. A new path keeps the old one
 * as a former path of the procedure: the old link still answers it, and no other procedure takes it.
 */
@Injectable()
export class UpdateSettingsUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
    @Inject(ProcedureImages) private readonly images: ProcedureImages,
  ) {}

  async execute(payload: RequestOf<typeof procedureContracts.updateSettings>, ctx: BusContext): Promise<Procedure> {
    const { procedureId, ...patch } = payload;
    try {
      return await this.em.transactional(async (tx) => {
        const { procedure, draft, published, replacementPath } = await loadProcedureForEdit(this.procedures, ctx, procedureId);
        const problems = settingsProblems(procedure, patch, new Date());
        // A new logo is checked with documents (a kept one was checked when it was set).
        if (typeof patch.logoFileId === 'string' && patch.logoFileId !== procedure.logoFileId && problems['logoFileId'] === undefined) {
          Object.assign(problems, await this.images.problems(procedure.tenantId, [{ field: 'logoFileId', fileId: patch.logoFileId }], ctx));
        }
        if (Object.keys(problems).length > 0) throw new GuichetError('VALIDATION_FAILED', 'Les paramètres de la démarche contiennent des erreurs.', problems);
        const now = new Date();
        if (patch.path !== undefined && patch.path !== procedure.path) {
          // The old path stays leading to this procedure (and reserved to it); the advisory locks
          // serialize this with any other change taking or freeing either path.
          await this.procedures.lockPaths([patch.path, procedure.path]);
          if (await this.procedures.pathTaken(patch.path, procedure.id)) throw pathTaken();
          await this.procedures.movePath(procedure, patch.path, now);
        }
        if (patch.closesAt !== undefined) procedure.closesAt = patch.closesAt === null ? null : new Date(patch.closesAt);
        if (patch.serviceContact !== undefined) procedure.serviceContact = patch.serviceContact;
        if (patch.logoFileId !== undefined) procedure.logoFileId = patch.logoFileId;
        if (patch.declarativeMode !== undefined) procedure.declarativeMode = patch.declarativeMode;
        if (patch.svaSvr !== undefined) procedure.svaSvr = patch.svaSvr;
        if (patch.retentionMonths !== undefined && patch.retentionMonths !== procedure.retentionMonths) {
          procedure.retentionMonths = patch.retentionMonths;
          // The dossiers service keeps the retention for its « expirant » tab.
          addToOutbox(tx, procedureEvents.settingsChanged, { procedureId: procedure.id, retentionMonths: procedure.retentionMonths }, { ...ctx, tenantId: procedure.tenantId });
        }
        if (patch.expertsAllowed !== undefined) procedure.expertsAllowed = patch.expertsAllowed;
        if (patch.submissionMessage !== undefined) procedure.submissionMessage = patch.submissionMessage;
        procedure.updatedAt = now;
        await tx.flush();
        return toProcedureDto(procedure, draft, published, replacementPath);
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) throw pathTaken();
      throw error;
    }
  }
}
