import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@guichet/platform-service';
import { BatchModule } from './batch/batch.module';
import { ClosureModule } from './closure/closure.module';
import type { DossiersConfig } from './config';
import { DashboardModule } from './dashboard/dashboard.module';
import { DossierModule } from './dossier/dossier.module';
import { LabelsModule } from './labels/labels.module';
import { lookupDefaultsOf } from './lookups/lookups.config';
import { LookupsModule } from './lookups/lookups.module';
import { RebaseModule } from './rebase/rebase.module';
import { TestDossiersModule } from './test-dossiers/test-dossiers.module';
import { ProcedureCopiesModule } from './procedure-copies.module';
import { definition } from './service.definition';

/** The dossiers process: platform plumbing plus this service's modules. */
@Module({})
export class AppModule {
  static register(config: DossiersConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(definition, config), ProcedureCopiesModule, LookupsModule.register(lookupDefaultsOf(config)), DossierModule, LabelsModule, DashboardModule, BatchModule, RebaseModule, ClosureModule, TestDossiersModule],
    };
  }
}
