import { Module } from '@nestjs/common';
import { DashboardHandlers } from './dashboard.handlers';
import { DashboardQueries } from './dashboard.queries';
import { DashboardTallyCompactor } from './dashboard-tally.compactor';
import { ProcedureRetentions } from './procedure-retention.service';

/** The agents' dashboard: procedures with counts, tab counts, pages of a tab (filtered, searched), saved preferences, the kept counts and retentions. */
@Module({ providers: [DashboardQueries, DashboardHandlers, DashboardTallyCompactor, ProcedureRetentions], exports: [ProcedureRetentions] })
export class DashboardModule {}
