import { randomUUID } from 'node:crypto';
import { LockMode } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { Avis as AvisDto } from '@guichet/contracts';
import { Avis } from './avis.entity';
import { normalizeEmail } from '@guichet/platform-access';

export type NewAvis = Pick<Avis, 'dossierId' | 'dossierNumber' | 'procedureTitle' | 'expertEmail' | 'introduction' | 'confidential' | 'question' | 'requestedBy' | 'requestedByAccountId'>;

/** Most newest-first avis an expert's list returns. */
const expertListLimit = 500;

/**
 * Avis are read either by the dossier's tenant (tenant id in the signature) or by their expert
 * (expert's address in the signature): no method reads avis without one of the two.
 */
@Injectable()
export class AvisRepository {
  constructor(private readonly em: EntityManager) {}

  /** Adds to the unit of work; the caller flushes (with its outbox event). */
  add(tenantId: string, avis: NewAvis): Avis {
    return this.em.create(Avis, { id: randomUUID(), tenantId, ...avis, expertEmail: normalizeEmail(avis.expertEmail) });
  }

  /** Every avis of a dossier, oldest first. */
  listForDossier(tenantId: string, dossierId: string): Promise<Avis[]> {
    return this.em.find(Avis, { tenantId, dossierId }, { orderBy: { requestedAt: 'asc', id: 'asc' } });
  }

  /** The avis addressed to an expert, newest first. */
  listForExpert(expertEmail: string): Promise<Avis[]> {
    return this.em.find(Avis, { expertEmail: normalizeEmail(expertEmail) }, { orderBy: { requestedAt: 'desc', id: 'desc' }, limit: expertListLimit });
  }

  /** One avis of this expert, locked until the caller's transaction ends (one answer at a time). */
  async lockForExpert(em: EntityManager, avisId: string, expertEmail: string): Promise<Avis | null> {
    return em.findOne(Avis, { id: avisId, expertEmail: normalizeEmail(expertEmail) }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  }
}

export function toAvisDto(avis: Avis): AvisDto {
  return {
    id: avis.id,
    dossierId: avis.dossierId,
    dossierNumber: avis.dossierNumber,
    procedureTitle: avis.procedureTitle,
    tenantId: avis.tenantId,
    expertEmail: avis.expertEmail,
    introduction: avis.introduction,
    confidential: avis.confidential,
    question: avis.question,
    answer: avis.answer,
    questionAnswer: avis.questionAnswer,
    requestedBy: avis.requestedBy,
    requestedAt: avis.requestedAt.toISOString(),
    answeredAt: avis.answeredAt?.toISOString() ?? null,
    revokedAt: avis.revokedAt?.toISOString() ?? null,
  };
}
