import type { EntityManager } from '@mikro-orm/core';
import { Inject, Injectable } from '@nestjs/common';
import { documentContracts, dossierEventContracts, type BusContext, type DossierChange, type EventEnvelope, type RequestOf, type ResponseOf } from '@guichet/contracts';
import { OnEvent, OnRequest } from '@guichet/platform-service';
import { AttestationService } from './attestation.service';

/** NATS handlers for attestations: thin, the service does the work. */
@Injectable()
export class AttestationHandlers {
  constructor(@Inject(AttestationService) private readonly attestations: AttestationService) {}

  @OnEvent(dossierEventContracts.stateChanged, { durable: 'documents__attestations' })
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
