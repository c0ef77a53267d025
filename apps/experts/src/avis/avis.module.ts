import { Module } from '@nestjs/common';
import { AvisHandlers } from './avis.handlers';
import { AvisRepository } from './avis.repository';
import { DossierAccess } from '@guichet/dossier-access';
import { AnswerAvisUseCase } from './usecases/answer-avis.usecase';
import { ListAvisForDossierUseCase } from './usecases/list-avis-for-dossier.usecase';
import { ListMyAvisUseCase } from './usecases/list-my-avis.usecase';
import { RequestAvisUseCase } from './usecases/request-avis.usecase';

/** Avis: experts' opinions asked by instructeurs on dossiers. */
@Module({
  providers: [DossierAccess, AvisRepository, RequestAvisUseCase, AnswerAvisUseCase, ListAvisForDossierUseCase, ListMyAvisUseCase, AvisHandlers],
})
export class AvisModule {}
