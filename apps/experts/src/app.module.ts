import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@guichet/platform-service';
import { AvisModule } from './avis/avis.module';
import type { ExpertsConfig } from './config';
import { DossierDeletionModule } from './dossier-deletion/dossier-deletion.module';
import { definition } from './service.definition';

/** The experts process: platform plumbing plus this service's modules. */
@Module({})
export class AppModule {
  static register(config: ExpertsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(definition, config), AvisModule, DossierDeletionModule],
    };
  }
}
