import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@guichet/platform-service';
import { StorageModule } from '@guichet/platform-storage';
import { buckets } from './buckets';
import type { DocumentsConfig } from './config';
import { DecisionJustificatifModule } from './decision-justificatif/justificatif.module';
import { AttestationModule } from './dossier-attestation/attestation.module';
import { DossierDeletionModule } from './dossier-deletion/dossier-deletion.module';
import { ObjectDeletionModule } from './object-deletion/object-deletion.module';
import { definition } from './service.definition';
import { StoredFileModule } from './stored-file/stored-file.module';

/** The documents process: platform plumbing plus this service's modules. */
@Module({})
export class AppModule {
  static register(config: DocumentsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [PlatformModule.forRoot(definition, config), StorageModule.forRoot(config, Object.values(buckets)), StoredFileModule, AttestationModule, DecisionJustificatifModule, ObjectDeletionModule.register(config), DossierDeletionModule],
    };
  }
}
