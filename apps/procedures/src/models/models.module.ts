import { Module } from '@nestjs/common';
import { ProcedureRepository } from '../procedure/procedure.repository';
import { ModelsHandlers } from './models.handlers';
import { ModelsService } from './models.service';

/** The catalogue of shared models, and cloning procedures (one's own, or a shared model). */
@Module({ providers: [ProcedureRepository, ModelsService, ModelsHandlers] })
export class ModelsModule {}
