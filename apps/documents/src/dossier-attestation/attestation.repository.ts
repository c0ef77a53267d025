import type { RequiredEntityData } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { Attestation, DecisionWithdrawal } from './attestation.entity';

/**
 * Data access for attestations, always within one tenant. The injected EntityManager resolves to the
 * request's fork, or to the consumer's transaction.
 */
@Injectable()
export class AttestationRepository {
  constructor(@Inject(EntityManager) private readonly em: EntityManager) {}

  findByTraitement(tenantId: string, traitementId: string): Promise<Attestation | null> {
    return this.em.findOne(Attestation, { tenantId, traitementId });
  }

  /** The newest attestation that may be downloaded. */
  latestReady(tenantId: string, dossierId: string): Promise<Attestation | null> {
    return this.em.findOne(Attestation, { tenantId, dossierId, status: 'ready' }, { orderBy: { generatedAt: 'desc', id: 'desc' } });
  }

  latest(tenantId: string, dossierId: string): Promise<Attestation | null> {
    return this.em.findOne(Attestation, { tenantId, dossierId }, { orderBy: { generatedAt: 'desc', id: 'desc' } });
  }

  create(data: RequiredEntityData<Attestation>): Attestation {
    return this.em.create(Attestation, data);
  }

  /** Marks every ready attestation of the dossier withdrawn; the objects are kept for the record. */
  async withdrawAll(tenantId: string, dossierId: string, at: Date): Promise<number> {
    return this.em.nativeUpdate(Attestation, { tenantId, dossierId, status: 'ready' }, { status: 'withdrawn', withdrawnAt: at });
  }

  findWithdrawal(tenantId: string, dossierId: string): Promise<DecisionWithdrawal | null> {
    return this.em.findOne(DecisionWithdrawal, { tenantId, dossierId });
  }

  async recordWithdrawal(tenantId: string, dossierId: string, at: Date): Promise<void> {
    const existing = await this.findWithdrawal(tenantId, dossierId);
    if (!existing) {
      this.em.create(DecisionWithdrawal, { tenantId, dossierId, withdrawnThrough: at });
    } else if (existing.withdrawnThrough < at) {
      existing.withdrawnThrough = at;
    }
  }

  async flush(): Promise<void> {
    await this.em.flush();
  }
}
