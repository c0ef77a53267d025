import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@guichet/platform-service';
import { PROCEDURES_CONFIG, type ProceduresConfig } from './config';
import { GroupsModule } from './groups/groups.module';
import { LabelsModule } from './labels/labels.module';
import { ModelsModule } from './models/models.module';
import { ProcedureModule } from './procedure/procedure.module';
import { definition } from './service.definition';

/** The procedures process: platform plumbing plus this service's modules. */
@Module({})
export class AppModule {
  static register(config: ProceduresConfig): DynamicModule {
    return {
      module: AppModule,
      // The parsed configuration, injectable by every module of this process.
      global: true,
      providers: [{ provide: PROCEDURES_CONFIG, useValue: config }],
      exports: [PROCEDURES_CONFIG],
      imports: [PlatformModule.forRoot(definition, config), ProcedureModule, GroupsModule, LabelsModule, ModelsModule],
    };
  }
}
