import { Module } from '@nestjs/common';
import { StoredFileModule } from '../stored-file/stored-file.module';
import { DecisionJustificatifHandlers } from './justificatif.handlers';
import { DecisionJustificatifService } from './justificatif.service';

@Module({
  imports: [StoredFileModule],
  providers: [DecisionJustificatifService, DecisionJustificatifHandlers],
})
export class DecisionJustificatifModule {}
