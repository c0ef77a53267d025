import { Module } from '@nestjs/common';
import { DecisionJustificatifs } from './decision-justificatif';
import { DossierHandlers } from './dossier.handlers';
import { DossierQueries } from './dossier.queries';
import { DossierRepository } from './dossier.repository';
import { InstructionAccess } from './instruction-access';
import { ArchiveDossierUseCase } from './usecases/archive-dossier.usecase';
import { HideDossierUseCase } from './usecases/hide-dossier.usecase';
import { FollowDossierUseCase } from './usecases/follow-dossier.usecase';
import { ReassignDossierUseCase } from './usecases/reassign-dossier.usecase';
import { SaveAnnotationUseCase } from './usecases/save-annotation.usecase';
import { CreateDossierUseCase } from './usecases/create-dossier.usecase';
import { SubmitDossierUseCase } from './usecases/submit-dossier.usecase';
import { TransitionDossierUseCase } from './usecases/transition-dossier.usecase';
import { UpdateDossierValuesUseCase } from './usecases/update-dossier-values.usecase';

/** Dossiers: creation, values, submission, instruction transitions and reads. */
@Module({
  providers: [InstructionAccess, FollowDossierUseCase, ArchiveDossierUseCase, HideDossierUseCase, ReassignDossierUseCase, SaveAnnotationUseCase, DossierRepository, DecisionJustificatifs, CreateDossierUseCase, UpdateDossierValuesUseCase, SubmitDossierUseCase, TransitionDossierUseCase, DossierQueries, DossierHandlers],
  // The batches act on each dossier through the very use cases of the single actions.
  exports: [TransitionDossierUseCase, ArchiveDossierUseCase, FollowDossierUseCase],
})
export class DossierModule {}
