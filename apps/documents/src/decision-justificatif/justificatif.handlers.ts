import { Inject, Injectable } from '@nestjs/common';
import { documentContracts, type BusContext, type RequestOf, type ResponseOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { DecisionJustificatifService } from './justificatif.service';

/** NATS handlers for decisions' justificatifs: thin, the service does the work. */
@Injectable()
export class DecisionJustificatifHandlers {
  constructor(@Inject(DecisionJustificatifService) private readonly justificatifs: DecisionJustificatifService) {}

  @OnRequest(documentContracts.presignJustificatifDownload)
  presignDownload(payload: RequestOf<typeof documentContracts.presignJustificatifDownload>, ctx: BusContext): Promise<ResponseOf<typeof documentContracts.presignJustificatifDownload>> {
    return this.justificatifs.presignDownload(payload.dossierId, ctx);
  }
}
