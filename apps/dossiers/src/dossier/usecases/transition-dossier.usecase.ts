import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Dossier as DossierDto, type dossierContracts, type RequestOf } from '@guichet/contracts';
import { accountOf, AgentScopes } from '@guichet/platform-access';
import { nextState, type DossierEvent } from '@guichet/dossier-state';
import type { Dossier } from '../dossier.entity';
import { toDossierDto } from '../dossier.mapper';
import { dossierNotFound, instructionForbidden, transitionRoleOf } from '../dossier.policy';
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
      // The decision is withdrawn, and with it its motivation (and, downstream, its attestation).
      dossier.decidedAt = null;
      dossier.motivation = null;
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
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(AgentScopes) private readonly scopes: AgentScopes,
  ) {}

  async execute(payload: RequestOf<typeof dossierContracts.transition>, ctx: BusContext): Promise<DossierDto> {
    const motivation = cleanMotivation(payload.motivation);
    // The groups are read before the transaction: no row lock is held across the bus.
    const scope = await this.scopes.forActing(ctx);
    if (scope === undefined) throw await this.refusal(payload.dossierId, ctx);

    return this.em.transactional(async (tx) => {
      const dossier = await this.dossiers.findInScope(scope, payload.dossierId, { lock: true });
      if (dossier === null) throw await this.refusal(payload.dossierId, ctx);
      const next = nextState(dossier.state, payload.event, { actorRole: transitionRoleOf(scope), correctionPending: dossier.correctionPending, motivation });
      if (!next.ok) throw new GuichetError(next.code, next.message);
      recordTransition(tx, this.dossiers, dossier, { event: payload.event, to: next.to, motivation, apply: (at) => applyEffects(dossier, payload.event, motivation, at) }, ctx);
      await tx.flush();
      const traitements = await this.dossiers.traitementsOf([dossier]);
      return toDossierDto(dossier, traitements.get(dossier.id) ?? []);
    });
  }

  /** Those who can see the dossier (its owner, the tenant's administrateurs) learn why; others learn nothing. */
  private async refusal(dossierId: string, ctx: BusContext): Promise<GuichetError> {
    const accountId = accountOf(ctx);
    if (accountId !== undefined && (await this.dossiers.findOwned(accountId, dossierId)) !== null) return instructionForbidden();
    const scope = await this.scopes.forReading(ctx);
    const visible = scope !== undefined && (await this.dossiers.findInScope(scope, dossierId)) !== null;
    return visible ? instructionForbidden() : dossierNotFound();
  }
}
