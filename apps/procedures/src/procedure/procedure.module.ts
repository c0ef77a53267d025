import { Module } from '@nestjs/common';
import { ProcedureHandlers } from './procedure.handlers';
import { ProcedureQueries } from './procedure.queries';
import { ProcedureRepository } from './procedure.repository';
import { CreateProcedureUseCase } from './usecases/create-procedure.usecase';
import { PublishProcedureUseCase } from './usecases/publish-procedure.usecase';
import { SetTemplatesUseCase } from './usecases/set-templates.usecase';
import { UpdateDraftUseCase } from './usecases/update-draft.usecase';

/** Procedures (démarches), their revisions and templates. */
@Module({
  providers: [ProcedureRepository, ProcedureQueries, CreateProcedureUseCase, UpdateDraftUseCase, SetTemplatesUseCase, PublishProcedureUseCase, ProcedureHandlers],
})
export class ProcedureModule {}
