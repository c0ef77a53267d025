import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Dossier as DossierDto, type dossierInstructionContracts, type RequestOf } from '@guichet/contracts';
import { isDecided } from '@guichet/dossier-state';
import { DossierRepository } from '../dossier.repository';
import { InstructionAccess } from '../instruction-access';

/**
 * An instructeur of the dossier's group archives a processed dossier (the « archivés » tab), or
 * takes it out. Archiving is a flag, not a state: the history is unchanged. Idempotent.
 */
@Injectable()
export class ArchiveDossierUseCase {
  constructor(
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(InstructionAccess) private readonly access: InstructionAccess,
  ) {}

  execute(payload: RequestOf<typeof dossierInstructionContracts.archive>, ctx: BusContext): Promise<DossierDto> {
    return this.access.instruct(payload.dossierId, ctx, async (dossier, tx) => {
      if (payload.archived && !isDecided(dossier.state)) {
        throw new GuichetError('DOSSIER_NOT_PROCESSED', 'Seul un dossier accepté, refusé ou classé sans suite peut être archivé.');
      }
      if (dossier.archived !== payload.archived) {
        dossier.archived = payload.archived;
        dossier.updatedAt = new Date(Math.max(Date.now(), dossier.updatedAt.getTime() + 1));
        await tx.flush();
      }
      return this.dossiers.agentView(dossier);
    });
  }
}
