import { Inject, Injectable } from '@nestjs/common';
import { dossierBatchContracts, type BusContext, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { BatchService } from './batch.service';

/** NATS handlers of the agents' batches: thin, each calls the service. */
@Injectable()
export class BatchHandlers {
  constructor(@Inject(BatchService) private readonly batches: BatchService) {}

  @OnRequest(dossierBatchContracts.create)
  create(payload: RequestOf<typeof dossierBatchContracts.create>, ctx: BusContext) {
    return this.batches.create(payload, ctx);
  }

  @OnRequest(dossierBatchContracts.get)
  get(payload: RequestOf<typeof dossierBatchContracts.get>, ctx: BusContext) {
    return this.batches.get(payload, ctx);
  }
}
