import { Module } from '@nestjs/common';
import { DashboardModule } from '../dashboard/dashboard.module';
import { DossierModule } from '../dossier/dossier.module';
import { BatchHandlers } from './batch.handlers';
import { BatchRunner } from './batch.runner';
import { BatchService } from './batch.service';

/** The agents' batches (« actions multiples »): started on up to 500 dossiers, run as a job. */
@Module({ imports: [DossierModule, DashboardModule], providers: [BatchRunner, BatchService, BatchHandlers] })
export class BatchModule {}
