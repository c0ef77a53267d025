import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, procedureEvents, type BusContext, type FieldDefinition, type Procedure, type procedureContracts, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { toProcedureDto } from '../procedure.mapper';
import { ProcedureRepository } from '../procedure.repository';
import { validateTemplateTags } from '../template-tags.validation';
import { lifecycleTransition } from '../procedure.lifecycle';
import { loadProcedureForEdit } from './load-for-edit';
import { assertDeadlineAhead } from './republish-procedure.usecase';
import { unknownTagsError } from './set-templates.usecase';

/** JSON with sorted keys: jsonb does not keep key order, so compare canonical forms. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) =>
    inner !== null && typeof inner === 'object' && !Array.isArray(inner)
      ? Object.fromEntries(Object.entries(inner as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)))
      : inner,
  );
}

export function sameFields(a: readonly FieldDefinition[], b: readonly FieldDefinition[]): boolean {
  return canonical(a) === canonical(b);
}

/**
 * Publishes the draft revision, in one transaction: the draft becomes the published revision, a
 * copy becomes the new draft, the procedure is `publiee`, and `procedure.published` goes to the
 * outbox. Publishing again with no change to the form is a no-op (no new revision, no event).
 */
@Injectable()
export class PublishProcedureUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
  ) {}

  async execute(payload: RequestOf<typeof procedureContracts.publish>, ctx: BusContext): Promise<Procedure> {
    return this.em.transactional(async (tx) => {
      const { procedure, draft, published } = await loadProcedureForEdit(this.procedures, ctx, payload.procedureId);
      const next = lifecycleTransition(procedure.state, 'publish');
      if (!next.ok) throw new GuichetError('PROCEDURE_INVALID_TRANSITION', next.message);
      if (draft.fields.length === 0) {
        throw new GuichetError('PROCEDURE_INVALID', 'La démarche ne peut pas être publiée : son formulaire ne contient aucun champ.', {
          fields: 'Ajoutez au moins un champ au formulaire.',
        });
      }
      // Fields may have been renamed or removed since the templates were written.
      const problems = validateTemplateTags({ mailTemplates: procedure.mailTemplates, attestationTemplates: procedure.attestationTemplates }, draft.fields, draft.annotations);
      if (Object.keys(problems.fields).length > 0) throw unknownTagsError(problems, 'La démarche ne peut pas être publiée : ses modèles utilisent des balises qui n’existent plus. ');

      if (procedure.state === 'publiee' && published !== null && sameFields(draft.fields, published.fields) && sameFields(draft.annotations, published.annotations)) {
        return toProcedureDto(procedure, draft, published);
      }
      assertDeadlineAhead(procedure, 'publiée');

      const now = new Date();
      const previousRevisionId = procedure.publishedRevisionId;
      draft.publishedAt = now;
      const nextDraft = this.procedures.newRevision(procedure, structuredClone(draft.fields), structuredClone(draft.annotations));
      procedure.publishedRevisionId = draft.id;
      procedure.draftRevisionId = nextDraft.id;
      procedure.state = next.to;
      procedure.publishedAt ??= now;
      procedure.updatedAt = now;
      addToOutbox(tx, procedureEvents.published, { procedureId: procedure.id, revisionId: draft.id, previousRevisionId }, { ...ctx, tenantId: procedure.tenantId });
      await tx.flush();
      return toProcedureDto(procedure, nextDraft, draft);
    });
  }
}
