import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Dossier as DossierDto, type dossierContracts, type RequestOf } from '@guichet/contracts';
import { nextState, stateLabels, type DossierEvent } from '@guichet/dossier-state';
import type { CompiledForm } from '@guichet/forms';
import type { Dossier } from '../dossier.entity';
import { transitionRoleOf } from '../dossier.policy';
import { InstructionAccess } from '../instruction-access';
import { DossierRepository } from '../dossier.repository';
import { cleanMotivation } from '../dossier.validation';
import { ProcedureForms } from '../procedure-forms.service';
import { recordTransition } from './record-transition';

/**
 * As on DS, an instructeur cannot accept a dossier while a visible mandatory private annotation is
 * empty (the attestation and the e-mail are filled from them). The system's acceptances
 * (declarative, SVA) are not held back: no one is there to fill them.
 */
function assertAnnotationsComplete(form: CompiledForm, dossier: Dossier): void {
  const incomplete = form.incompleteFields(dossier.annotations, dossier.values);
  if (incomplete.length === 0) return;
  const names = incomplete.map((field) => `« ${field.label} »`).join(', ');
  const plural = incomplete.length > 1;
  throw new GuichetError(
    'DOSSIER_ANNOTATIONS_INCOMPLETE',
    `Le dossier ne peut pas être accepté : ${plural ? 'les annotations privées obligatoires' : 'l’annotation privée obligatoire'} ${names} ${plural ? 'doivent' : 'doit'} d’abord être ${plural ? 'remplies' : 'remplie'}.`,
    Object.fromEntries(incomplete.map((field) => [`annotations.${field.stableId}`, 'Annotation obligatoire pour accepter le dossier.'])),
  );
}

/** What an event does to the dossier besides changing its state. */
function applyEffects(dossier: Dossier, event: DossierEvent, motivation: string | null, at: Date): void {
  switch (event) {
    case 'accepter':
    case 'refuser':
    case 'classer_sans_suite':
      dossier.decidedAt = at;
      dossier.motivation = motivation;
      return;
    case 'repasser_en_instruction':
      // The decision is withdrawn, and with it its motivation (and, downstream, its attestation);
      // an archived dossier comes back out.
      dossier.decidedAt = null;
      dossier.motivation = null;
      dossier.archived = false;
      return;
    case 'demander_correction':
      dossier.correctionPending = true;
      return;
    case 'passer_en_construction':
    case 'passer_en_instruction':
    case 'repasser_en_construction':
      return;
  }
}

/**
 * An instructeur of the dossier's group (or the system, for its tenant) moves the dossier along
 * the state machine. The row lock makes concurrent transitions on one dossier run one after the
 * other, so the second sees the first's result (two "accepter" cannot both succeed).
 */
@Injectable()
export class TransitionDossierUseCase {
  constructor(
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(InstructionAccess) private readonly access: InstructionAccess,
    @Inject(ProcedureForms) private readonly procedures: ProcedureForms,
  ) {}

  async execute(payload: RequestOf<typeof dossierContracts.transition>, ctx: BusContext): Promise<DossierDto> {
    const motivation = cleanMotivation(payload.motivation);
    const annotations = payload.event === 'accepter' ? await this.annotationFormFor(payload.dossierId, ctx) : undefined;
    return this.access.instruct(payload.dossierId, ctx, async (dossier, tx, scope) => {
      // Under the row lock: what the agent decided on is still the dossier (milliseconds, as the DTO carries them).
      if (payload.seenUpdatedAt !== undefined && Math.floor(dossier.updatedAt.getTime()) > Date.parse(payload.seenUpdatedAt)) {
        throw new GuichetError(
          'CONFLICT',
          `Le dossier n° ${dossier.number} vient d’être modifié (« ${stateLabels[dossier.state]} » désormais) : rechargez la page pour voir ses changements avant de décider.`,
        );
      }
      const next = nextState(dossier.state, payload.event, { actorRole: transitionRoleOf(scope), correctionPending: dossier.correctionPending, motivation });
      if (!next.ok) throw new GuichetError(next.code, next.message);
      if (annotations !== undefined && scope.kind !== 'system') {
        if (dossier.revisionId !== annotations.revisionId) throw new GuichetError('CONFLICT', 'Le formulaire de ce dossier vient de changer de version : rechargez la page puis recommencez.');
        assertAnnotationsComplete(annotations.form, dossier);
      }
      recordTransition(tx, this.dossiers, dossier, { event: payload.event, to: next.to, motivation, apply: (at) => applyEffects(dossier, payload.event, motivation, at) }, ctx);
      await tx.flush();
      // As on DS, the instructeur who takes a dossier into instruction follows it.
      if (payload.event === 'passer_en_instruction' && ctx.actor !== undefined) await this.dossiers.follow(dossier, ctx.actor);
      return this.dossiers.agentView(dossier);
    });
  }

  /**
   * The compiled annotation fields of the dossier's revision, asked before the transaction (no row
   * lock is held across the bus). Undefined when the caller may not act on it: `instruct` refuses.
   */
  private async annotationFormFor(dossierId: string, ctx: BusContext): Promise<{ revisionId: string; form: CompiledForm } | undefined> {
    const scope = await this.access.actingScope(ctx);
    if (scope === undefined || scope.kind === 'system') return undefined;
    const found = await this.dossiers.findInScope(scope, dossierId);
    if (found === null) return undefined;
    const { annotations } = await this.procedures.revisionFormOf(found.revisionId, found.tenantId, ctx);
    return { revisionId: found.revisionId, form: annotations };
  }
}
