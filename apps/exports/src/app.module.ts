import { Module, type DynamicModule } from '@nestjs/common';
import { PlatformModule } from '@guichet/platform-service';
import { StorageModule } from '@guichet/platform-storage';
import { buckets } from './buckets';
import type { ExportsConfig } from './config';
import { ExportJobModule } from './export-job/export-job.module';
import { definition } from './service.definition';

/** The exports process: platform plumbing plus this service's modules. */
@Module({})
export class AppModule {
  static register(config: ExportsConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        PlatformModule.forRoot(definition, config),
        StorageModule.forRoot(config, Object.values(buckets)),
        ExportJobModule.register({ leaseSeconds: config.EXPORT_LEASE_SECONDS, pollMs: config.EXPORT_POLL_MS }),
      ],
    };
  }
}
