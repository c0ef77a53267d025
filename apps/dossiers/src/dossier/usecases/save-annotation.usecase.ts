import { Inject, Injectable } from '@nestjs/common';
import { dossierEventContracts, GuichetError, type BusContext, type Dossier as DossierDto, type dossierInstructionContracts, type RequestOf } from '@guichet/contracts';
import { isAnnotatable, stateLabels, type DossierState } from '@guichet/dossier-state';
import type { CompiledForm, FieldValue } from '@guichet/forms';
import { addToOutbox } from '@guichet/platform-persistence';
import type { Dossier } from '../dossier.entity';
import { DossierRepository } from '../dossier.repository';
import { InstructionAccess } from '../instruction-access';
import { ProcedureForms } from '../procedure-forms.service';

/** Form errors are keyed by stableId; on the wire they are paths into the dossier (`annotations.<stableId>…`). */
export function annotationsRefused(message: string, fields: Record<string, string>): GuichetError {
  return new GuichetError('VALIDATION_FAILED', message, Object.fromEntries(Object.entries(fields).map(([path, text]) => [`annotations.${path}`, text])));
}

/** `annotatableStates` of `@guichet/dossier-state`: from submission until the decision. */
function assertAnnotatable(state: DossierState): void {
  if (!isAnnotatable(state)) {
    throw new GuichetError('DOSSIER_NOT_EDITABLE', `Les annotations privées d’un dossier « ${stateLabels[state]} » ne peuvent pas être modifiées : seulement en construction ou en instruction.`);
  }
}

/** The value to store for the annotation (null: remove it), or the refusal. */
export function annotationToStore(form: CompiledForm, dossier: Pick<Dossier, 'values' | 'annotations'>, stableId: string, value: unknown): FieldValue | null {
  // Conditions of annotations read the usager's fields and the other annotations (stable ids are unique across both).
  const result = form.validateOne(stableId, value, { ...dossier.values, ...dossier.annotations });
  switch (result.kind) {
    case 'value':
      return result.value;
    case 'empty':
      return null;
    case 'unknown':
      throw annotationsRefused('Cette annotation privée n’existe pas dans la démarche de ce dossier.', { [stableId]: 'Annotation inconnue.' });
    case 'hidden':
      // A hidden annotation takes no value; clearing one left over from before is fine.
      if (value === null) return null;
      throw annotationsRefused('Cette annotation privée n’est pas affichée pour ce dossier : sa condition n’est pas remplie.', { [stableId]: 'Annotation masquée pour ce dossier : elle ne prend pas de valeur.' });
    case 'invalid':
      throw annotationsRefused('La valeur de l’annotation est invalide.', result.fields);
  }
}

/**
 * An instructeur of the dossier's group saves one private annotation, with the checks of the
 * usager's fields (type, options, repeatable rows, condition). Only that key of the annotations
 * document is written, so two agents saving two annotations at once both keep theirs; who and
 * when are recorded and `dossier.annotation_changed` is announced in the same transaction.
 */
@Injectable()
export class SaveAnnotationUseCase {
  constructor(
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(InstructionAccess) private readonly access: InstructionAccess,
    @Inject(ProcedureForms) private readonly procedures: ProcedureForms,
  ) {}

  async execute(payload: RequestOf<typeof dossierInstructionContracts.saveAnnotation>, ctx: BusContext): Promise<DossierDto> {
    const scope = await this.access.actingScope(ctx);
    // Agents only: the system fills no annotation.
    const found = scope !== undefined && scope.kind !== 'system' && ctx.actor !== undefined ? await this.dossiers.findInScope(scope, payload.dossierId) : null;
    if (found === null) throw await this.access.refusal(payload.dossierId, ctx);
    assertAnnotatable(found.state);
    // Asked before the transaction: no row lock is held across the bus.
    const { annotations: form } = await this.procedures.revisionFormOf(found.revisionId, found.tenantId, ctx);

    return this.access.instruct(
      payload.dossierId,
      ctx,
      async (dossier, tx) => {
        assertAnnotatable(dossier.state);
        if (dossier.revisionId !== found.revisionId) {
          throw new GuichetError('CONFLICT', 'Le formulaire de ce dossier vient de changer de version : rechargez la page puis enregistrez à nouveau l’annotation.');
        }
        const value = annotationToStore(form, dossier, payload.stableId, payload.value);
        const actorEmail = (ctx.actor as NonNullable<BusContext['actor']>).email;
        const at = new Date();
        await this.dossiers.saveAnnotation(dossier, payload.stableId, value, actorEmail, at);
        addToOutbox(
          tx,
          dossierEventContracts.annotationChanged,
          { dossierId: dossier.id, number: dossier.number, procedureId: dossier.procedureId, stableId: payload.stableId, cleared: value === null, at: at.toISOString(), actorEmail },
          { ...ctx, tenantId: dossier.tenantId },
        );
        await tx.flush();
        return this.dossiers.agentView(dossier);
      },
      { agentsOnly: true },
    );
  }
}
