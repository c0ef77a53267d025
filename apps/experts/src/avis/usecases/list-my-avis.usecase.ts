import { Injectable } from '@nestjs/common';
import { GuichetError, type Avis, type BusContext } from '@guichet/contracts';
import { AvisRepository, toAvisDto } from '../avis.repository';

/** The avis asked of the signed-in account's address, newest first, confidential ones included. */
@Injectable()
export class ListMyAvisUseCase {
  constructor(private readonly avis: AvisRepository) {}

  async execute(ctx: BusContext): Promise<{ items: Avis[] }> {
    if (ctx.actor === undefined) throw new GuichetError('UNAUTHENTICATED', 'Connectez-vous pour voir les avis qui vous sont demandés.');
    const avis = await this.avis.listForExpert(ctx.actor.email);
    return { items: avis.map(toAvisDto) };
  }
}
