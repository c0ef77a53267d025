import { Inject, Injectable } from '@nestjs/common';
import type { BusContext, Dossier as DossierDto, dossierInstructionContracts, RequestOf } from '@guichet/contracts';
import { DossierRepository } from '../dossier.repository';
import { InstructionAccess } from '../instruction-access';

/**
 * An instructeur of the dossier's group follows it, or stops: it leaves (or goes back to) the « à
 * suivre » tab of the group and enters (or leaves) the instructeur's « suivis ». Idempotent.
 */
@Injectable()
export class FollowDossierUseCase {
  constructor(
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(InstructionAccess) private readonly access: InstructionAccess,
  ) {}

  execute(payload: RequestOf<typeof dossierInstructionContracts.follow>, ctx: BusContext): Promise<DossierDto> {
    // The system follows nothing: a follow is an instructeur's.
    return this.access.instruct(
      payload.dossierId,
      ctx,
      async (dossier) => {
        const actor = ctx.actor as NonNullable<BusContext['actor']>;
        if (payload.follow) await this.dossiers.follow(dossier, actor);
        else await this.dossiers.unfollow(dossier, actor.accountId);
        return this.dossiers.agentView(dossier);
      },
      { agentsOnly: true },
    );
  }
}
