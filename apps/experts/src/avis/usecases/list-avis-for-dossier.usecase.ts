import { Injectable } from '@nestjs/common';
import { type Avis, type BusContext, type expertContracts, type RequestOf } from '@guichet/contracts';
import { visibleAvisOf } from '../avis.policy';
import { AvisRepository, toAvisDto } from '../avis.repository';
import { DossierAccess, dossierNotFound } from '@guichet/dossier-access';

/** A dossier's avis, oldest first, as the caller may see them (see `visibleAvisOf`). */
@Injectable()
export class ListAvisForDossierUseCase {
  constructor(
    private readonly dossiers: DossierAccess,
    private readonly avis: AvisRepository,
  ) {}

  async execute(input: RequestOf<typeof expertContracts.listForDossier>, ctx: BusContext): Promise<{ items: Avis[] }> {
    const dossier = await this.dossiers.read(input.dossierId, ctx);
    const visible = visibleAvisOf(ctx, dossier.tenantId, await this.avis.listForDossier(dossier.tenantId, dossier.id));
    if (visible === null) throw dossierNotFound();
    return { items: visible.map(toAvisDto) };
  }
}
