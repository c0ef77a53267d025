import { Module } from '@nestjs/common';
import { AgentScopes } from '@guichet/platform-access';
import { DashboardFields } from '../dashboard/dashboard-fields.service';
import { DashboardModule } from '../dashboard/dashboard.module';
import { DossierModule } from '../dossier/dossier.module';
import { BatchHandlers } from './batch.handlers';
import { BatchRunner } from './batch.runner';
import { BatchService } from './batch.service';

/** The agents' batches (« actions multiples »): started on up to 500 dossiers, run as a job. */
@Module({ imports: [DossierModule, DashboardModule], providers: [AgentScopes, DashboardFields, BatchRunner, BatchService, BatchHandlers] })
export class BatchModule {}
