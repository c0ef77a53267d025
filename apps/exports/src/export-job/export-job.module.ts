import { Module, type DynamicModule } from '@nestjs/common';
import { AgentScopes } from '@guichet/platform-access';
import { EXPORT_WORKER_SETTINGS, ExportWorker, type ExportWorkerSettings } from './export-worker';
import { ExportJobHandlers } from './export-job.handlers';
import { ExportJobRepository } from './export-job.repository';
import { ExportJobService } from './export-job.service';

@Module({})
export class ExportJobModule {
  static register(settings: ExportWorkerSettings): DynamicModule {
    return {
      module: ExportJobModule,
      providers: [{ provide: EXPORT_WORKER_SETTINGS, useValue: settings }, AgentScopes, ExportJobRepository, ExportWorker, ExportJobService, ExportJobHandlers],
    };
  }
}
