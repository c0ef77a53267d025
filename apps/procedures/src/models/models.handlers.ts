import { Inject, Injectable } from '@nestjs/common';
import { modelContracts, type BusContext, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { ModelsService } from './models.service';

type Payload<K extends keyof typeof modelContracts> = RequestOf<(typeof modelContracts)[K]>;

/** NATS handlers of the catalogue of models and of cloning. */
@Injectable()
export class ModelsHandlers {
  constructor(@Inject(ModelsService) private readonly models: ModelsService) {}

  @OnRequest(modelContracts.share)
  share(payload: Payload<'share'>, ctx: BusContext) {
    return this.models.share(payload, ctx);
  }

  @OnRequest(modelContracts.unshare)
  unshare(payload: Payload<'unshare'>, ctx: BusContext) {
    return this.models.unshare(payload, ctx);
  }

  @OnRequest(modelContracts.list)
  list(payload: Payload<'list'>, ctx: BusContext) {
    return this.models.list(payload, ctx);
  }

  @OnRequest(modelContracts.get)
  get(payload: Payload<'get'>, ctx: BusContext) {
    return this.models.get(payload, ctx);
  }

  @OnRequest(modelContracts.clone)
  clone(payload: Payload<'clone'>, ctx: BusContext) {
    return this.models.clone(payload, ctx);
  }
}
