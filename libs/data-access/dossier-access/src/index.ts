import { Inject, Injectable } from '@nestjs/common';
import { dossierContracts, GuichetError, type BusContext, type Dossier } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';

export const dossierNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Dossier introuvable.');

/**
 * Reads a dossier as the caller, for services that keep data about dossiers (messages, avis, files):
 * the dossiers service re-checks that this actor may see it. Its refusals become NOT_FOUND (never
 * reveal that someone else's dossier exists); other errors (unavailable, timeout) pass through.
 */
@Injectable()
export class DossierAccess {
  constructor(@Inject(Bus) private readonly bus: Bus) {}

  async read(dossierId: string, ctx: BusContext): Promise<Dossier> {
    try {
      return await this.bus.request(dossierContracts.get, { dossierId }, ctx);
    } catch (error) {
      if (error instanceof GuichetError && (error.code === 'NOT_FOUND' || error.code === 'FORBIDDEN' || error.code === 'UNAUTHENTICATED')) throw dossierNotFound();
      throw error;
    }
  }
}
