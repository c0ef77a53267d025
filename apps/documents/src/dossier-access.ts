import { Inject, Injectable } from '@nestjs/common';
import { dossierContracts, GuichetError, type BusContext, type Dossier } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';

/**
 * The dossiers service decides who may see a dossier (its owner, agents of its tenant, the system…):
 * asked with the caller's own context, it answers the dossier or a refusal, which becomes NOT_FOUND
 * so that nobody learns that someone else's dossier exists.
 */
@Injectable()
export class DossierAccess {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  async readDossier(dossierId: string, ctx: BusContext): Promise<Dossier> {
    try {
      return await this.bus.request(dossierContracts.get, { dossierId }, ctx);
    } catch (error) {
      if (error instanceof GuichetError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN')) {
        throw new GuichetError('NOT_FOUND', 'Dossier introuvable.');
      }
      throw error;
    }
  }
}
