import { Module } from '@nestjs/common';
import { ProcedureChanges } from '../procedure/procedure-changes';
import { ProcedureRepository } from '../procedure/procedure.repository';
import { ModelsHandlers } from './models.handlers';
import { ModelsService } from './models.service';

/** The catalogue of shared models, and cloning procedures (one's own, or a shared model). */
@Module({ providers: [ProcedureRepository, ProcedureChanges, ModelsService, ModelsHandlers] })
export class ModelsModule {}
