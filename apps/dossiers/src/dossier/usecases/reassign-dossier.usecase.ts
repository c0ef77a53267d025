import { Inject, Injectable } from '@nestjs/common';
import { dossierEventContracts, GuichetError, type BusContext, type Dossier as DossierDto, type dossierInstructionContracts, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { DossierRepository } from '../dossier.repository';
import { InstructionAccess } from '../instruction-access';
import { ProcedureForms } from '../procedure-forms.service';

const unknownGroup = (): GuichetError => new GuichetError('VALIDATION_FAILED', 'Ce groupe instructeur n’existe pas dans cette démarche.', { groupId: 'Choisissez un groupe de cette démarche.' });

/**
 * An instructeur of the dossier's group hands an open dossier to another group of its procedure.
 * The move is kept (`dossier_group_change`) and announced (`dossier.group_changed`) in the same
 * transaction; visibility follows at once, since agents' scopes are read at each request.
 */
@Injectable()
export class ReassignDossierUseCase {
  constructor(
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(InstructionAccess) private readonly access: InstructionAccess,
    @Inject(ProcedureForms) private readonly procedures: ProcedureForms,
  ) {}

  async execute(payload: RequestOf<typeof dossierInstructionContracts.reassign>, ctx: BusContext): Promise<DossierDto> {
    const scope = await this.access.actingScope(ctx);
    if (scope === undefined) throw await this.access.refusal(payload.dossierId, ctx);
    const found = await this.dossiers.findInScope(scope, payload.dossierId);
    if (found === null) throw await this.access.refusal(payload.dossierId, ctx);
    // Asked before the transaction: no row lock is held across the bus.
    const target = await this.procedures.groupOf(found.procedureId, payload.groupId, found.tenantId, ctx);
    if (target === null) throw unknownGroup();

    return this.access.instruct(payload.dossierId, ctx, async (dossier, tx) => {
      if (dossier.state !== 'en_construction' && dossier.state !== 'en_instruction') {
        throw new GuichetError('DOSSIER_INVALID_TRANSITION', 'Seul un dossier en construction ou en instruction peut changer de groupe instructeur.');
      }
      if (dossier.groupId === target.id) throw new GuichetError('VALIDATION_FAILED', 'Le dossier est déjà dans ce groupe.', { groupId: 'Choisissez un autre groupe.' });
      const from = dossier.groupId === null ? null : { id: dossier.groupId, label: dossier.groupLabel ?? '' };
      const at = new Date(Math.max(Date.now(), dossier.updatedAt.getTime() + 1));
      this.dossiers.newGroupChange(dossier, { fromGroupId: from?.id ?? null, fromLabel: from?.label ?? null, toGroupId: target.id, toLabel: target.label, at, actorEmail: ctx.actor?.email ?? null });
      dossier.groupId = target.id;
      dossier.groupLabel = target.label;
      dossier.updatedAt = at;
      addToOutbox(tx, dossierEventContracts.groupChanged, { dossierId: dossier.id, number: dossier.number, procedureId: dossier.procedureId, from, to: target }, { ...ctx, tenantId: dossier.tenantId });
      await tx.flush();
      return this.dossiers.agentView(dossier);
    });
  }
}
