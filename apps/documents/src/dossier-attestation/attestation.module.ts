import { Module } from '@nestjs/common';
import { ProcedureRevisions } from '@guichet/procedure-revisions';
import { StoredFileModule } from '../stored-file/stored-file.module';
import { AttestationHandlers } from './attestation.handlers';
import { AttestationRepository } from './attestation.repository';
import { AttestationService } from './attestation.service';

@Module({
  imports: [StoredFileModule],
  providers: [AttestationRepository, AttestationService, AttestationHandlers, ProcedureRevisions],
})
export class AttestationModule {}
