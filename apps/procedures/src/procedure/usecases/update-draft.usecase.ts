import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Procedure, type procedureContracts, type RequestOf } from '@guichet/contracts';
import { validateFieldDefinitions } from '../field-definitions.validation';
import { toProcedureDto } from '../procedure.mapper';
import { ProcedureRepository } from '../procedure.repository';
import { loadProcedureForEdit } from './load-for-edit';

/**
 * Edits the title, the description and the draft form. The published revision is never touched:
 * usagers keep filling it in until the draft is published.
 */
@Injectable()
export class UpdateDraftUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
  ) {}

  async execute(payload: RequestOf<typeof procedureContracts.updateDraft>, ctx: BusContext): Promise<Procedure> {
    return this.em.transactional(async () => {
      const loaded = await loadProcedureForEdit(this.procedures, ctx, payload.procedureId);
      const { procedure, published, replacementPath } = loaded;
      let { draft } = loaded;
      // Publication always leaves a fresh draft behind; should a published revision ever be the
      // draft, edit a copy rather than change what dossiers were filed on.
      if (draft.publishedAt !== null) {
        draft = this.procedures.newRevision(procedure, structuredClone(draft.fields), structuredClone(draft.annotations));
        procedure.draftRevisionId = draft.id;
      }
      if (payload.fields !== undefined || payload.annotations !== undefined) {
        // Annotations may read the fields, so both lists are checked together, whichever changed.
        const errors = validateFieldDefinitions(payload.fields ?? draft.fields, payload.annotations ?? draft.annotations);
        if (Object.keys(errors).length > 0) throw new GuichetError('VALIDATION_FAILED', 'Le formulaire de la démarche contient des erreurs.', errors);
      }
      if (payload.title !== undefined) procedure.title = payload.title;
      if (payload.description !== undefined) procedure.description = payload.description;
      if (payload.fields !== undefined) draft.fields = payload.fields;
      if (payload.annotations !== undefined) draft.annotations = payload.annotations;
      procedure.updatedAt = new Date();
      await this.procedures.flush();
      return toProcedureDto(procedure, draft, published, replacementPath);
    });
  }
}
