import { Module } from '@nestjs/common';
import { DossierAccess } from '@guichet/dossier-access';
import { StoredFileHandlers } from './stored-file.handlers';
import { StoredFileRepository } from './stored-file.repository';
import { StoredFileService } from './stored-file.service';

@Module({
  providers: [DossierAccess, StoredFileRepository, StoredFileService, StoredFileHandlers],
  exports: [DossierAccess, StoredFileRepository],
})
export class StoredFileModule {}
