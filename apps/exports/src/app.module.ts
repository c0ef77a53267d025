import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@guichet/platform-service';
import type { ExportsConfig } from './config';
import { ExportJobModule } from './export-job/export-job.module';
import { definition } from './service.definition';
import { StorageModule } from './storage/storage.module';

/** The exports process: platform plumbing plus this service's modules. */
@Module({})
export class AppModule {
  static register(config: ExportsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(definition, config),
        StorageModule.forRoot(config),
        ExportJobModule.register({ leaseSeconds: config.EXPORT_LEASE_SECONDS, pollMs: config.EXPORT_POLL_MS }),
      ],
    };
  }
}
