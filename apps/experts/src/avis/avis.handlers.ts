import { Injectable } from '@nestjs/common';
import { expertContracts, type Avis, type BusContext, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { AnswerAvisUseCase } from './usecases/answer-avis.usecase';
import { ListAvisForDossierUseCase } from './usecases/list-avis-for-dossier.usecase';
import { ListMyAvisUseCase } from './usecases/list-my-avis.usecase';
import { RequestAvisUseCase } from './usecases/request-avis.usecase';

/** NATS handlers of the avis: thin, each calls its use case. */
@Injectable()
export class AvisHandlers {
  constructor(
    private readonly requestAvis: RequestAvisUseCase,
    private readonly answerAvis: AnswerAvisUseCase,
    private readonly listAvisForDossier: ListAvisForDossierUseCase,
    private readonly listMyAvis: ListMyAvisUseCase,
  ) {}

  @OnRequest(expertContracts.request)
  request(payload: RequestOf<typeof expertContracts.request>, ctx: BusContext): Promise<Avis> {
    return this.requestAvis.execute(payload, ctx);
  }

  @OnRequest(expertContracts.answer)
  answer(payload: RequestOf<typeof expertContracts.answer>, ctx: BusContext): Promise<Avis> {
    return this.answerAvis.execute(payload, ctx);
  }

  @OnRequest(expertContracts.listForDossier)
  listForDossier(payload: RequestOf<typeof expertContracts.listForDossier>, ctx: BusContext): Promise<{ items: Avis[] }> {
    return this.listAvisForDossier.execute(payload, ctx);
  }

  @OnRequest(expertContracts.listMine)
  listMine(_payload: RequestOf<typeof expertContracts.listMine>, ctx: BusContext): Promise<{ items: Avis[] }> {
    return this.listMyAvis.execute(ctx);
  }
}
