import { Inject, Injectable } from '@nestjs/common';
import type { BusContext, GuichetError } from '@guichet/contracts';
import { accountOf, AgentScopes, type AgentScope } from '@guichet/platform-access';
import { dossierNotFound, instructionForbidden } from './dossier.policy';
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
  ) {}

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
