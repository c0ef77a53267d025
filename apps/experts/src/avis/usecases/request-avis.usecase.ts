import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { expertEvents, GuichetError, type Avis, type BusContext, type expertContracts, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { isAgentOf } from '../avis.policy';
import { AvisRepository, toAvisDto } from '../avis.repository';
import { DossierAccess } from '@guichet/dossier-access';

/** An instructeur (or administrateur) of the dossier's tenant asks an expert, by e-mail, for an avis. */
@Injectable()
export class RequestAvisUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly dossiers: DossierAccess,
    private readonly avis: AvisRepository,
  ) {}

  async execute(input: RequestOf<typeof expertContracts.request>, ctx: BusContext): Promise<Avis> {
    const dossier = await this.dossiers.read(input.dossierId, ctx);
    // Whoever gets here can read the dossier (its usager, an expert, a service): telling them that
    // only agents ask for avis reveals nothing.
    if (!isAgentOf(ctx, dossier.tenantId) || ctx.actor === undefined) {
      throw new GuichetError('FORBIDDEN', 'Seuls les instructeurs du dossier peuvent demander un avis.');
    }
    const question = input.question === undefined || input.question === '' ? null : input.question;
    const avis = this.avis.add(dossier.tenantId, {
      dossierId: dossier.id,
      dossierNumber: dossier.number,
      procedureTitle: dossier.procedureTitle,
      expertEmail: input.expertEmail,
      introduction: input.introduction,
      confidential: input.confidential,
      question,
      requestedBy: ctx.actor.email,
      requestedByAccountId: ctx.actor.accountId,
    });
    addToOutbox(
      this.em,
      expertEvents.requested,
      {
        avisId: avis.id,
        dossierId: avis.dossierId,
        dossierNumber: avis.dossierNumber,
        procedureTitle: avis.procedureTitle,
        expertEmail: avis.expertEmail,
        introduction: avis.introduction,
        requestedBy: avis.requestedBy,
      },
      { ...ctx, tenantId: dossier.tenantId },
    );
    await this.em.flush();
    return toAvisDto(avis);
  }
}
