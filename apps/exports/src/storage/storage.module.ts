import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { S3Config } from '@guichet/platform-config';
import { buckets, ExportStorage } from './object-storage';

/** S3 access for the whole service; the buckets are created at boot when missing. */
@Global()
@Module({})
export class StorageModule {
  static forRoot(config: S3Config): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        {
          provide: ExportStorage,
          useFactory: async () => {
            const storage = new ExportStorage(config);
            await storage.ensureBuckets(Object.values(buckets));
            return storage;
          },
        },
      ],
      exports: [ExportStorage],
    };
  }
}
