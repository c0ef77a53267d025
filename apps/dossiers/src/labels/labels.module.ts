import { Module } from '@nestjs/common';
import { DossierRepository } from '../dossier/dossier.repository';
import { InstructionAccess } from '../dossier/instruction-access';
import { DossierLabelsHandlers } from './dossier-labels.handlers';
import { DossierLabelsRepository } from './dossier-labels.repository';
import { LabelReplica } from './label-replica.service';
import { AddDossierLabelUseCase } from './usecases/add-dossier-label.usecase';
import { RemoveDossierLabelUseCase } from './usecases/remove-dossier-label.usecase';

/** Labels on dossiers, and the replica of procedures' labels they are checked against. */
@Module({
  providers: [DossierRepository, InstructionAccess, DossierLabelsRepository, LabelReplica, AddDossierLabelUseCase, RemoveDossierLabelUseCase, DossierLabelsHandlers],
})
export class LabelsModule {}
