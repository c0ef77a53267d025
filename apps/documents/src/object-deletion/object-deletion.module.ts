import { Module, type DynamicModule } from '@nestjs/common';
import { DOCUMENTS_CONFIG, type DocumentsConfig } from '../config';
import { ObjectDeletionSweeper } from './object-deletion.sweeper';

/** The outbox of S3 deletions and its sweeper. */
@Module({})
export class ObjectDeletionModule {
  static register(config: DocumentsConfig): DynamicModule {
    return { module: ObjectDeletionModule, providers: [{ provide: DOCUMENTS_CONFIG, useValue: config }, ObjectDeletionSweeper], exports: [ObjectDeletionSweeper] };
  }
}
