import { Global, Module, type DynamicModule, type FactoryProvider } from '@nestjs/common';
import type { S3Config } from '@guichet/platform-config';
import { ObjectStorage } from './object-storage';

/** Provides `ObjectStorage` once its buckets exist: boot creates those that are missing. */
export function objectStorageProvider(config: S3Config, buckets: readonly string[]): FactoryProvider<ObjectStorage> {
  return {
    provide: ObjectStorage,
    useFactory: async () => {
      const storage = new ObjectStorage(config);
      await storage.ensureBuckets(buckets);
      return storage;
    },
  };
}

/** S3 access for the whole service (inject `ObjectStorage`, typed with the service's bucket names). */
@Global()
@Module({})
export class StorageModule {
  static forRoot(config: S3Config, buckets: readonly string[]): DynamicModule {
    return { module: StorageModule, providers: [objectStorageProvider(config, buckets)], exports: [ObjectStorage] };
  }
}
