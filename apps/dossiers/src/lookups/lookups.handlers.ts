import { Inject, Injectable } from '@nestjs/common';
import { lookupContracts, type BusContext, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { administeredTenantOf } from './lookup-settings.policy';
import { RegisterDirectory } from './register-directory.service';
import { PutLookupSettingsUseCase } from './usecases/put-lookup-settings.usecase';
import { RunLookupUseCase } from './usecases/run-lookup.usecase';

/** NATS handlers of the external lookups: thin, each hands the payload and the context on. */
@Injectable()
export class LookupHandlers {
  constructor(
    @Inject(RegisterDirectory) private readonly directory: RegisterDirectory,
    @Inject(PutLookupSettingsUseCase) private readonly putSettings: PutLookupSettingsUseCase,
    @Inject(RunLookupUseCase) private readonly runLookup: RunLookupUseCase,
  ) {}

  @OnRequest(lookupContracts.getSettings)
  getSettings(_payload: RequestOf<typeof lookupContracts.getSettings>, ctx: BusContext) {
    return this.directory.view(administeredTenantOf(ctx));
  }

  @OnRequest(lookupContracts.putSettings)
  put(payload: RequestOf<typeof lookupContracts.putSettings>, ctx: BusContext) {
    return this.putSettings.execute(payload, ctx);
  }

  @OnRequest(lookupContracts.lookup)
  lookup(payload: RequestOf<typeof lookupContracts.lookup>, ctx: BusContext) {
    return this.runLookup.execute(payload, ctx);
  }
}
