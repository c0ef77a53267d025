import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type DecisionJustificatif, type Dossier as DossierDto, type dossierContracts, type RequestOf } from '@guichet/contracts';
import { isDecisionEvent, nextState, stateLabels, type DossierEvent } from '@guichet/dossier-state';
import type { CompiledForm } from '@guichet/forms';
import type { AgentScope } from '@guichet/platform-access';
import { DecisionJustificatifs, justificatifMessages, justificatifRefused } from '../decision-justificatif';
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
function applyEffects(dossier: Dossier, event: DossierEvent, motivation: string | null, justificatif: DecisionJustificatif | null, at: Date): void {
  switch (event) {
    case 'accepter':
    case 'refuser':
    case 'classer_sans_suite':
      dossier.decidedAt = at;
      dossier.motivation = motivation;
      dossier.justificatifFileId = justificatif?.fileId ?? null;
      dossier.justificatifFileName = justificatif?.fileName ?? null;
      return;
    case 'repasser_en_instruction':
      // The decision is withdrawn, and with it its motivation and justificatif (the history keeps
      // them; downstream, its attestation goes too); an archived dossier comes back out.
      dossier.decidedAt = null;
      dossier.motivation = null;
      dossier.justificatifFileId = null;
      dossier.justificatifFileName = null;
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
    @Inject(DecisionJustificatifs) private readonly justificatifs: DecisionJustificatifs,
  ) {}

  async execute(payload: RequestOf<typeof dossierContracts.transition>, ctx: BusContext): Promise<DossierDto> {
    const motivation = cleanMotivation(payload.motivation);
    const fileId = payload.justificatifFileId;
    if (fileId !== undefined && !isDecisionEvent(payload.event)) throw justificatifRefused(justificatifMessages.notADecision);
    // Read before the transaction (no row lock is held across the bus), when something must be asked of another service.
    const before = payload.event === 'accepter' || fileId !== undefined ? await this.actingOn(payload.dossierId, ctx) : undefined;
    // The justificatif is checked before anything changes; a dossier the caller may not act on is refused as `instruct` would.
    if (fileId !== undefined && before === undefined) throw await this.access.refusal(payload.dossierId, ctx);
    const justificatif = fileId !== undefined && before !== undefined ? await this.justificatifs.check(before.dossier, fileId, ctx) : null;
    const annotations = payload.event === 'accepter' && before !== undefined ? await this.annotationFormOf(before, ctx) : undefined;
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
      recordTransition(tx, this.dossiers, dossier, { event: payload.event, to: next.to, motivation, justificatif, apply: (at) => applyEffects(dossier, payload.event, motivation, justificatif, at) }, ctx);
      await tx.flush();
      // As on DS, the instructeur who takes a dossier into instruction follows it.
      if (payload.event === 'passer_en_instruction' && ctx.actor !== undefined) await this.dossiers.follow(dossier, ctx.actor);
      return this.dossiers.agentView(dossier);
    });
  }

  /** The dossier as the caller may act on it, read before the transaction; undefined when they may not (`instruct` refuses). */
  private async actingOn(dossierId: string, ctx: BusContext): Promise<{ scope: AgentScope; dossier: Dossier } | undefined> {
    const scope = await this.access.actingScope(ctx);
    if (scope === undefined) return undefined;
    const dossier = await this.dossiers.findInScope(scope, dossierId);
    return dossier === null ? undefined : { scope, dossier };
  }

  /** The compiled annotation fields of the dossier's revision; none for the system, whose acceptances are not held back. */
  private async annotationFormOf({ scope, dossier }: { scope: AgentScope; dossier: Dossier }, ctx: BusContext): Promise<{ revisionId: string; form: CompiledForm } | undefined> {
    if (scope.kind === 'system') return undefined;
    const { annotations } = await this.procedures.revisionFormOf(dossier.revisionId, dossier.tenantId, ctx);
    return { revisionId: dossier.revisionId, form: annotations };
  }
}
