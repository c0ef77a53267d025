import { Global, Module } from '@nestjs/common';
import { AgentScopes } from '@guichet/platform-access';
import { DashboardFields } from './dashboard/dashboard-fields.service';
import { ProcedureForms } from './dossier/procedure-forms.service';

/**
 * What this service keeps of procedures' data (their snapshots, forms and dashboard fields, the
 * agents' groups), one instance of each for the whole process: one copy to drop when procedures
 * announces a change, one subscription to its notices.
 */
@Global()
@Module({ providers: [ProcedureForms, AgentScopes, DashboardFields], exports: [ProcedureForms, AgentScopes, DashboardFields] })
export class ProcedureCopiesModule {}
