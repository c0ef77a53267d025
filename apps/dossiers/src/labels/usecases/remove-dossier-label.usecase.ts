import { Inject, Injectable } from '@nestjs/common';
import { dossierLabelEvents, labelColors, type BusContext, type Dossier as DossierDto, type dossierLabelContracts, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { DossierRepository } from '../../dossier/dossier.repository';
import { InstructionAccess } from '../../dossier/instruction-access';
import { DossierLabelsRepository } from '../dossier-labels.repository';

/**
 * An agent who instructs the dossier takes a label off it. Recorded and announced like an addition;
 * a label that is not there (another procedure's included) changes nothing.
 */
@Injectable()
export class RemoveDossierLabelUseCase {
  constructor(
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(DossierLabelsRepository) private readonly labels: DossierLabelsRepository,
    @Inject(InstructionAccess) private readonly access: InstructionAccess,
  ) {}

  execute(payload: RequestOf<typeof dossierLabelContracts.remove>, ctx: BusContext): Promise<DossierDto> {
    return this.access.instruct(
      payload.dossierId,
      ctx,
      async (dossier, tx) => {
        if (await this.labels.takeOff(dossier, payload.labelId)) {
          const actor = ctx.actor as NonNullable<BusContext['actor']>;
          const at = new Date();
          const label = await this.labels.findLabel(dossier.tenantId, payload.labelId);
          const removed = { id: payload.labelId, name: label?.name ?? '', color: label?.color ?? labelColors[0] };
          await this.labels.recordChange(dossier, { labelId: payload.labelId, labelName: removed.name, action: 'removed', actorAccountId: actor.accountId, actorEmail: actor.email, at });
          const labels = await this.labels.labelsOf(dossier.id);
          addToOutbox(tx, dossierLabelEvents.labelsChanged, { dossierId: dossier.id, number: dossier.number, procedureId: dossier.procedureId, added: [], removed: [removed], labels, at: at.toISOString() }, { ...ctx, tenantId: dossier.tenantId });
          await tx.flush();
        }
        return this.dossiers.agentView(dossier);
      },
      { agentsOnly: true },
    );
  }
}
