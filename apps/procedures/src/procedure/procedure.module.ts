import { Module } from '@nestjs/common';
import { ProcedureChanges } from './procedure-changes';
import { ProcedureDeadlineSweeper } from './procedure-deadline.sweeper';
import { ProcedureImages } from './procedure-images';
import { ProcedureHandlers } from './procedure.handlers';
import { ProcedureQueries } from './procedure.queries';
import { ProcedureRepository } from './procedure.repository';
import { CloseProcedureUseCase } from './usecases/close-procedure.usecase';
import { CreateProcedureUseCase } from './usecases/create-procedure.usecase';
import { DepublishProcedureUseCase } from './usecases/depublish-procedure.usecase';
import { PublishProcedureUseCase } from './usecases/publish-procedure.usecase';
import { RepublishProcedureUseCase } from './usecases/republish-procedure.usecase';
import { SetTemplatesUseCase } from './usecases/set-templates.usecase';
import { UpdateDraftUseCase } from './usecases/update-draft.usecase';
import { UpdateSettingsUseCase } from './usecases/update-settings.usecase';

/** Procedures (démarches), their revisions, templates, settings and lifecycle (with the deadline sweep). */
@Module({
  providers: [
    ProcedureRepository,
    ProcedureChanges,
    ProcedureImages,
    ProcedureQueries,
    CreateProcedureUseCase,
    UpdateDraftUseCase,
    SetTemplatesUseCase,
    PublishProcedureUseCase,
    CloseProcedureUseCase,
    DepublishProcedureUseCase,
    RepublishProcedureUseCase,
    UpdateSettingsUseCase,
    ProcedureDeadlineSweeper,
    ProcedureHandlers,
  ],
})
export class ProcedureModule {}
