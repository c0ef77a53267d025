import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Dossier as DossierDto, type dossierInstructionContracts, type RequestOf } from '@guichet/contracts';
import { isDecided } from '@guichet/dossier-state';
import { DossierRepository } from '../dossier.repository';
import { InstructionAccess } from '../instruction-access';

/**
 * An instructeur of the dossier's group deletes a processed dossier from the administration's lists
 * (DS « supprimer » : it leaves every tab for « supprimés »), or restores it. A flag with its date,
 * not a state: the history and the usager's read are unchanged. Idempotent.
 */
@Injectable()
export class HideDossierUseCase {
  constructor(
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(InstructionAccess) private readonly access: InstructionAccess,
  ) {}

  execute(payload: RequestOf<typeof dossierInstructionContracts.hide>, ctx: BusContext): Promise<DossierDto> {
    return this.access.instruct(payload.dossierId, ctx, async (dossier, tx) => {
      if (payload.hidden && !isDecided(dossier.state)) {
        throw new GuichetError('DOSSIER_NOT_PROCESSED', 'Seul un dossier accepté, refusé ou classé sans suite peut être supprimé.');
      }
      if ((dossier.hiddenByAdministrationAt !== null) !== payload.hidden) {
        dossier.hiddenByAdministrationAt = payload.hidden ? new Date() : null;
        await tx.flush();
      }
      return this.dossiers.agentView(dossier);
    }, { agentsOnly: true });
  }
}
