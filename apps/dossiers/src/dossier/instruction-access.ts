import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import type { BusContext, GuichetError } from '@guichet/contracts';
import { accountOf, AgentScopes, type AgentScope } from '@guichet/platform-access';
import { dossierNotFound, instructionForbidden } from './dossier.policy';
import type { Dossier } from './dossier.entity';
import { DossierRepository } from './dossier.repository';

/**
 * Who instructs a dossier (transitions, follows, archives): an instructeur of its group, or the
 * system for its tenant. Those who see it without instructing it (its usager, an administrateur)
 * are told why; others learn nothing.
 */
@Injectable()
export class InstructionAccess {
  constructor(
    @Inject(AgentScopes) private readonly scopes: AgentScopes,
    @Inject(DossierRepository) private readonly dossiers: DossierRepository,
    @Inject(EntityManager) private readonly em: EntityManager,
  ) {}

  /**
   * Runs `work` in one transaction with the dossier row-locked, when the caller instructs it
   * (`agentsOnly`: an instructeur, not the system); otherwise throws the refusal. The scope is read
   * before the transaction, so no row lock is held across the bus.
   */
  async instruct<T>(dossierId: string, ctx: BusContext, work: (dossier: Dossier, tx: EntityManager, scope: AgentScope) => Promise<T>, options: { agentsOnly?: boolean } = {}): Promise<T> {
    const scope = await this.actingScope(ctx);
    if (scope === undefined || (options.agentsOnly === true && (scope.kind === 'system' || ctx.actor === undefined))) throw await this.refusal(dossierId, ctx);
    return this.em.transactional(async (tx) => {
      const dossier = await this.dossiers.findInScope(scope, dossierId, { lock: true });
      if (dossier === null) throw await this.refusal(dossierId, ctx);
      return work(dossier, tx, scope);
    });
  }

  /** Read before any transaction: no row lock is held across the bus. */
  actingScope(ctx: BusContext): Promise<AgentScope | undefined> {
    return this.scopes.forActing(ctx);
  }

  async refusal(dossierId: string, ctx: BusContext): Promise<GuichetError> {
    const accountId = accountOf(ctx);
    if (accountId !== undefined && (await this.dossiers.findOwned(accountId, dossierId)) !== null) return instructionForbidden();
    const scope = await this.scopes.forReading(ctx);
    const visible = scope !== undefined && (await this.dossiers.findInScope(scope, dossierId)) !== null;
    return visible ? instructionForbidden() : dossierNotFound();
  }
}
