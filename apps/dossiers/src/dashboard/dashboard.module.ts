import { Module } from '@nestjs/common';
import { AgentScopes } from '@guichet/platform-access';
import { DashboardHandlers } from './dashboard.handlers';
import { DashboardQueries } from './dashboard.queries';
import { DashboardFields } from './dashboard-fields.service';
import { DashboardTallyCompactor } from './dashboard-tally.compactor';

/** The agents' dashboard: procedures with counts, tab counts, pages of a tab (filtered, searched), saved preferences. */
@Module({ providers: [AgentScopes, DashboardFields, DashboardQueries, DashboardHandlers, DashboardTallyCompactor] })
export class DashboardModule {}
