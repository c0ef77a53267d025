import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { S3Config } from '@guichet/platform-config';
import { buckets, ObjectStorage } from './object-storage';

/** S3 access for the whole service; the buckets are created at boot when missing. */
@Global()
@Module({})
export class StorageModule {
  static forRoot(config: S3Config): DynamicModule {
    return {
      module: StorageModule,
      providers: [
        {
          provide: ObjectStorage,
          useFactory: async () => {
            const storage = new ObjectStorage(config);
            await storage.ensureBuckets(Object.values(buckets));
            return storage;
          },
        },
      ],
      exports: [ObjectStorage],
    };
  }
}
