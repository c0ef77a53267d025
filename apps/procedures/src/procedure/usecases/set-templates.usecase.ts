import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type AttestationTemplate, type BusContext, type Procedure, type procedureContracts, type RequestOf } from '@guichet/contracts';
import { customMailTemplates } from '../mail-templates.defaults';
import { ProcedureImages, type ImageReference } from '../procedure-images';
import { toProcedureDto } from '../procedure.mapper';
import { ProcedureRepository } from '../procedure.repository';
import { validateTemplateTags, type TemplateTagsProblems } from '../template-tags.validation';
import { loadProcedureForEdit } from './load-for-edit';

/** The refusal for templates that use tags the procedure does not offer. */
export function unknownTagsError(problems: TemplateTagsProblems, prefix = ''): GuichetError {
  const listed = problems.unknownTags.join(', ');
  const message = problems.unknownTags.length === 1 ? `${prefix}Balise inconnue : ${listed}.` : `${prefix}Balises inconnues : ${listed}.`;
  return new GuichetError('UNKNOWN_TAGS', message, problems.fields);
}

function duplicateAttestationKinds(templates: readonly AttestationTemplate[]): Record<string, string> {
  const errors: Record<string, string> = {};
  templates.forEach((template, index) => {
    if (templates.findIndex((other) => other.kind === template.kind) !== index) {
      errors[`attestationTemplates.${index}.kind`] = 'Il y a déjà un modèle d’attestation de ce type.';
    }
  });
  return errors;
}

/**
 * Replaces the e-mail templates (all six kinds) and/or the attestation templates. Tags are checked
 * against the draft revision's fields, in the dossier state where each template is used.
 */
@Injectable()
export class SetTemplatesUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
    @Inject(ProcedureImages) private readonly images: ProcedureImages,
  ) {}

  async execute(payload: RequestOf<typeof procedureContracts.setTemplates>, ctx: BusContext): Promise<Procedure> {
    if (payload.attestationTemplates !== undefined) {
      const errors = duplicateAttestationKinds(payload.attestationTemplates);
      if (Object.keys(errors).length > 0) throw new GuichetError('VALIDATION_FAILED', 'Un seul modèle d’attestation par type (acceptation, refus).', errors);
    }
    return this.em.transactional(async () => {
      const { procedure, draft, published, replacementPath } = await loadProcedureForEdit(this.procedures, ctx, payload.procedureId);
      const problems = validateTemplateTags({ mailTemplates: payload.mailTemplates, attestationTemplates: payload.attestationTemplates }, draft.fields, draft.annotations);
      if (Object.keys(problems.fields).length > 0) throw unknownTagsError(problems);
      if (payload.attestationTemplates !== undefined) {
        // New images are checked with documents; those the procedure already has were checked when set.
        const known = new Set([procedure.logoFileId, ...procedure.attestationTemplates.flatMap((template) => [template.logoFileId, template.signatureFileId])]);
        const references: ImageReference[] = payload.attestationTemplates.flatMap((template, index) =>
          (['logoFileId', 'signatureFileId'] as const).flatMap((key) => {
            const fileId = template[key];
            return fileId === null || known.has(fileId) ? [] : [{ field: `attestationTemplates.${index}.${key}`, fileId }];
          }),
        );
        const imageProblems = references.length === 0 ? {} : await this.images.problems(procedure.tenantId, references, ctx);
        if (Object.keys(imageProblems).length > 0) throw new GuichetError('VALIDATION_FAILED', 'Les images des modèles d’attestation ne peuvent pas être utilisées.', imageProblems);
      }

      const attestationTemplates = payload.attestationTemplates ?? procedure.attestationTemplates;
      procedure.attestationTemplates = attestationTemplates;
      if (payload.mailTemplates !== undefined) procedure.mailTemplates = customMailTemplates(payload.mailTemplates, attestationTemplates);
      procedure.updatedAt = new Date();
      await this.procedures.flush();
      return toProcedureDto(procedure, draft, published, replacementPath);
    });
  }
}
