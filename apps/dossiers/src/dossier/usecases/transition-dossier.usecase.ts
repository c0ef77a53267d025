import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, type BusContext, type Dossier as DossierDto, type dossierContracts, type RequestOf } from '@guichet/contracts';
import { nextState, type DossierEvent } from '@guichet/dossier-state';
import type { Dossier } from '../dossier.entity';
import { toDossierDto } from '../dossier.mapper';
import { accountOf, dossierNotFound, readableTenantOf, transitionRoleOf } from '../dossier.policy';
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
 * An instructeur of the dossier's tenant (or the system, for that tenant) moves the dossier along
 * the state machine. The row lock makes concurrent transitions on one dossier run one after the
 * other, so the second sees the first's result (two "accepter" cannot both succeed).
 */
@Injectable()
export class TransitionDossierUseCase {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
  ) {}

  async execute(payload: RequestOf<typeof dossierContracts.transition>, ctx: BusContext): Promise<DossierDto> {
    const motivation = cleanMotivation(payload.motivation);
    const caller = transitionRoleOf(ctx);
    if (caller === undefined) throw await this.refusal(payload.dossierId, ctx);

    return this.em.transactional(async (tx) => {
      const dossier = await this.dossiers.findInTenant(caller.tenantId, payload.dossierId, { lock: true });
      if (dossier === null) throw dossierNotFound();
      const next = nextState(dossier.state, payload.event, { actorRole: caller.role, correctionPending: dossier.correctionPending, motivation });
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
    const tenantId = readableTenantOf(ctx);
    const visible =
      (accountId !== undefined && (await this.dossiers.findOwned(accountId, dossierId)) !== null) ||
      (tenantId !== undefined && (await this.dossiers.findInTenant(tenantId, dossierId)) !== null);
    return visible ? new GuichetError('FORBIDDEN', 'Seuls les instructeurs de la démarche peuvent faire évoluer ce dossier.') : dossierNotFound();
  }
}
