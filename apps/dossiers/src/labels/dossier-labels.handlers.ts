import { Inject, Injectable } from '@nestjs/common';
import { dossierLabelContracts, type BusContext, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { AddDossierLabelUseCase } from './usecases/add-dossier-label.usecase';
import { RemoveDossierLabelUseCase } from './usecases/remove-dossier-label.usecase';

/** NATS handlers for labels on dossiers: thin, each calls its use case. */
@Injectable()
export class DossierLabelsHandlers {
  constructor(
    @Inject(AddDossierLabelUseCase) private readonly addLabel: AddDossierLabelUseCase,
    @Inject(RemoveDossierLabelUseCase) private readonly removeLabel: RemoveDossierLabelUseCase,
  ) {}

  @OnRequest(dossierLabelContracts.add)
  add(payload: RequestOf<typeof dossierLabelContracts.add>, ctx: BusContext) {
    return this.addLabel.execute(payload, ctx);
  }

  @OnRequest(dossierLabelContracts.remove)
  remove(payload: RequestOf<typeof dossierLabelContracts.remove>, ctx: BusContext) {
    return this.removeLabel.execute(payload, ctx);
  }
}
