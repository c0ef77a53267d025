import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { expertEvents, GuichetError, type Avis, type BusContext, type expertContracts, type RequestOf } from '@guichet/contracts';
import { addToOutbox } from '@guichet/platform-persistence';
import { AvisRepository, toAvisDto } from '../avis.repository';

export const avisNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Demande d’avis introuvable.');

/**
 * The invited expert answers, once. The expert is recognised by the account's address (case
 * aside); anyone else learns nothing about the avis. A yes/no answer is required exactly when a
 * question was asked.
 */
@Injectable()
export class AnswerAvisUseCase {
  constructor(
    private readonly em: EntityManager,
    private readonly avis: AvisRepository,
  ) {}

  async execute(input: RequestOf<typeof expertContracts.answer>, ctx: BusContext): Promise<Avis> {
    const actor = ctx.actor;
    if (actor === undefined) throw avisNotFound();
    return this.em.transactional(async (tx) => {
      // Locked: two answers sent at once cannot both pass the "not yet answered" check.
      const avis = await this.avis.lockForExpert(tx, input.avisId, actor.email);
      if (!avis) throw avisNotFound();
      if (avis.revokedAt !== null) throw new GuichetError('CONFLICT', 'Cette demande d’avis a été retirée.');
      if (avis.answeredAt !== null) throw new GuichetError('CONFLICT', 'Vous avez déjà donné votre avis sur ce dossier.');
      if (avis.question !== null && input.questionAnswer === undefined) {
        throw new GuichetError('VALIDATION_FAILED', 'Répondez à la question posée.', { questionAnswer: 'Répondez par oui ou par non à la question posée.' });
      }
      if (avis.question === null && input.questionAnswer !== undefined) {
        throw new GuichetError('VALIDATION_FAILED', 'Aucune question ne vous a été posée.', { questionAnswer: 'Aucune question ne vous a été posée : ne répondez pas par oui ou par non.' });
      }
      avis.answer = input.answer;
      avis.questionAnswer = input.questionAnswer ?? null;
      avis.answeredAt = new Date();
      addToOutbox(
        tx,
        expertEvents.answered,
        { avisId: avis.id, dossierId: avis.dossierId, dossierNumber: avis.dossierNumber, expertEmail: avis.expertEmail, requestedBy: avis.requestedBy },
        // The expert's request names no tenant; the event belongs to the avis's.
        { ...ctx, tenantId: avis.tenantId },
      );
      return toAvisDto(avis);
    });
  }
}
