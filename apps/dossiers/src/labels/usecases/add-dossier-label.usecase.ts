import { Inject, Injectable } from '@nestjs/common';
import { dossierLabelEvents, GuichetError, type BusContext, type Dossier as DossierDto, type dossierLabelContracts, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { DossierRepository } from '../../dossier/dossier.repository';
import { InstructionAccess } from '../../dossier/instruction-access';
import { DossierLabelsRepository } from '../dossier-labels.repository';
import { LabelReplica } from '../label-replica.service';

export const labelNotOfProcedure = (): GuichetError =>
  new GuichetError('VALIDATION_FAILED', 'Cette étiquette n’existe pas dans la démarche de ce dossier.', { labelId: 'Choisissez une étiquette de cette démarche.' });

/**
 * An agent who instructs the dossier (an instructeur of its group) puts a label of its procedure on
 * it. Recorded (who, when) and announced (`dossier.labels_changed`) in the same transaction; a
 * label already there changes nothing.
 */
@Injectable()
export class AddDossierLabelUseCase {
  constructor(
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(DossierLabelsRepository) private readonly labels: DossierLabelsRepository,
    @Inject(InstructionAccess) private readonly access: InstructionAccess,
    @Inject(LabelReplica) private readonly replica: LabelReplica,
  ) {}

  async execute(payload: RequestOf<typeof dossierLabelContracts.add>, ctx: BusContext): Promise<DossierDto> {
    // Who may, first: an outsider learns nothing about labels. Then the label, before the
    // transaction (it may be asked of procedures: no row lock across the bus).
    const scope = await this.access.actingScope(ctx);
    const found = scope === undefined || scope.kind === 'system' ? null : await this.dossiers.findInScope(scope, payload.dossierId);
    if (found === null) throw await this.access.refusal(payload.dossierId, ctx);
    if ((await this.replica.forProcedure(found.tenantId, found.procedureId, payload.labelId, ctx)) === null) throw labelNotOfProcedure();

    return this.access.instruct(
      payload.dossierId,
      ctx,
      async (dossier, tx) => {
        // Locked (shared) until the commit: a deletion of the label waits, then takes it off here too.
        const label = await this.labels.findLabel(dossier.tenantId, payload.labelId, { lock: true });
        if (label === null || label.deleted || label.procedureId !== dossier.procedureId) throw labelNotOfProcedure();
        const actor = ctx.actor as NonNullable<BusContext['actor']>;
        const at = new Date();
        if (await this.labels.put(dossier, label.id, actor.accountId, at)) {
          await this.labels.recordChange(dossier, { labelId: label.id, labelName: label.name, action: 'added', actorAccountId: actor.accountId, actorEmail: actor.email, at });
          const labels = await this.labels.labelsOf(dossier.id);
          addToOutbox(
            tx,
            dossierLabelEvents.labelsChanged,
            { dossierId: dossier.id, number: dossier.number, procedureId: dossier.procedureId, added: [{ id: label.id, name: label.name, color: label.color }], removed: [], labels, at: at.toISOString() },
            { ...ctx, tenantId: dossier.tenantId },
          );
          await tx.flush();
        }
        return this.dossiers.agentView(dossier);
      },
      { agentsOnly: true },
    );
  }
}
