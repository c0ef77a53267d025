import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Dossier as DossierDto, type dossierContracts, type RequestOf } from '@guichet/contracts';
import { nextState, type DossierEvent } from '@guichet/dossier-state';
import type { Dossier } from '../dossier.entity';
import { transitionRoleOf } from '../dossier.policy';
import { InstructionAccess } from '../instruction-access';
import { DossierRepository } from '../dossier.repository';
import { cleanMotivation } from '../dossier.validation';
import { recordTransition } from './record-transition';

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
  ) {}

  async execute(payload: RequestOf<typeof dossierContracts.transition>, ctx: BusContext): Promise<DossierDto> {
    const motivation = cleanMotivation(payload.motivation);
    return this.access.instruct(payload.dossierId, ctx, async (dossier, tx, scope) => {
      const next = nextState(dossier.state, payload.event, { actorRole: transitionRoleOf(scope), correctionPending: dossier.correctionPending, motivation });
      if (!next.ok) throw new GuichetError(next.code, next.message);
      recordTransition(tx, this.dossiers, dossier, { event: payload.event, to: next.to, motivation, apply: (at) => applyEffects(dossier, payload.event, motivation, at) }, ctx);
      await tx.flush();
      // As on DS, the instructeur who takes a dossier into instruction follows it.
      if (payload.event === 'passer_en_instruction' && ctx.actor !== undefined) await this.dossiers.follow(dossier, ctx.actor);
      return this.dossiers.agentView(dossier);
    });
  }
}
