import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { expertEvents, GuichetError, procedureContracts, type Avis, type BusContext, type Dossier, type expertContracts, type RequestOf } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';
import { addToOutbox } from '@guichet/platform-persistence';
import { isAgentOf } from '@guichet/platform-access';
import { AvisRepository, toAvisDto } from '../avis.repository';
import { DossierAccess } from '@guichet/dossier-access';

/**
 * An instructeur (or administrateur) of the dossier's tenant asks an expert, by e-mail, for an avis,
 * if the dossier's procedure allows experts (`expertsAllowed`, read afresh from procedures at each
 * request: an administrateur may switch it off at any time). Avis already asked stay readable and
 * answerable when it is switched off.
 */
@Injectable()
export class RequestAvisUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly dossiers: DossierAccess,
    private readonly avis: AvisRepository,
    private readonly bus: Bus,
  ) {}

  async execute(input: RequestOf<typeof expertContracts.request>, ctx: BusContext): Promise<Avis> {
    const dossier = await this.dossiers.read(input.dossierId, ctx);
    // Whoever gets here can read the dossier (its usager, an expert, a service): telling them that
    // only agents ask for avis reveals nothing.
    if (!isAgentOf(ctx, dossier.tenantId) || ctx.actor === undefined) {
      throw new GuichetError('FORBIDDEN', 'Seuls les instructeurs du dossier peuvent demander un avis.');
    }
    await this.checkExpertsAllowed(dossier, ctx);
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

  /** Asked as the experts service for the dossier's tenant (the instructeur may read the dossier, not necessarily its procedure's settings). */
  private async checkExpertsAllowed(dossier: Dossier, ctx: BusContext): Promise<void> {
    let expertsAllowed: boolean;
    try {
      const status = await this.bus.request(
        procedureContracts.getStatus,
        { procedureId: dossier.procedureId },
        { system: 'experts', tenantId: dossier.tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) },
      );
      expertsAllowed = status.settings.expertsAllowed;
    } catch (error) {
      if (error instanceof GuichetError && error.code !== 'UNAVAILABLE' && error.code !== 'TIMEOUT' && error.code !== 'INTERNAL') throw error;
      throw new GuichetError('UNAVAILABLE', 'La demande d’avis est momentanément impossible : le service des démarches ne répond pas. Réessayez dans quelques instants.');
    }
    if (!expertsAllowed) {
      throw new GuichetError('EXPERTS_NOT_ALLOWED', 'Cette démarche n’autorise pas les demandes d’avis à des experts. Un administrateur de la démarche peut l’activer dans ses paramètres.');
    }
  }
}
