import { EntityManager } from '@mikro-orm/postgresql';
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
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(InstructionAccess) private readonly access: InstructionAccess,
  ) {}

  async execute(payload: RequestOf<typeof dossierInstructionContracts.follow>, ctx: BusContext): Promise<DossierDto> {
    const scope = await this.access.actingScope(ctx);
    const actor = ctx.actor;
    // The system follows nothing: a follow is an instructeur's.
    if (scope === undefined || scope.kind === 'system' || actor === undefined) throw await this.access.refusal(payload.dossierId, ctx);
    return this.em.transactional(async () => {
      const dossier = await this.dossiers.findInScope(scope, payload.dossierId, { lock: true });
      if (dossier === null) throw await this.access.refusal(payload.dossierId, ctx);
      if (payload.follow) await this.dossiers.follow(dossier, actor);
      else await this.dossiers.unfollow(dossier, actor.accountId);
      return this.dossiers.agentView(dossier);
    });
  }
}
