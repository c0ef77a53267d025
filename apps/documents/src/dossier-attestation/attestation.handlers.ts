import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { documentContracts, dossierEventContracts, type BusContext, type DossierChange, type EventEnvelope, type RequestOf, type ResponseOf } from '@guichet/contracts';
import { OnEvent, OnRequest } from '@guichet/platform-service';
import { AttestationService, concernsAttestations } from './attestation.service';

/** NATS handlers for attestations: thin, the service does the work. */
@Injectable()
export class AttestationHandlers {
  constructor(@Inject(AttestationService) private readonly attestations: AttestationService) {}

  // Most state changes (submissions above all) have nothing to do with attestations: acknowledged without a transaction.
  @OnEvent(dossierEventContracts.stateChanged, { durable: 'documents__attestations', concerns: concernsAttestations })
  onDossierStateChanged(event: EventEnvelope<DossierChange>, em: EntityManager): Promise<void> {
    return this.attestations.onDossierStateChanged(event, em);
  }

  @OnRequest(documentContracts.getAttestation)
  getAttestation(payload: RequestOf<typeof documentContracts.getAttestation>, ctx: BusContext): Promise<ResponseOf<typeof documentContracts.getAttestation>> {
    return this.attestations.getAttestation(payload.dossierId, ctx);
  }

  @OnRequest(documentContracts.presignAttestationDownload)
  presignAttestationDownload(
    payload: RequestOf<typeof documentContracts.presignAttestationDownload>,
    ctx: BusContext,
  ): Promise<ResponseOf<typeof documentContracts.presignAttestationDownload>> {
    return this.attestations.presignAttestationDownload(payload.dossierId, ctx);
  }
}
