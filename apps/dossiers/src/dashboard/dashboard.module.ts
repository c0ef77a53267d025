import { Module } from '@nestjs/common';
import { AgentScopes } from '@guichet/platform-access';
import { DashboardHandlers } from './dashboard.handlers';
import { DashboardQueries } from './dashboard.queries';

/** The agents' dashboard: procedures with counts, tab counts, pages of a tab. */
@Module({ providers: [AgentScopes, DashboardQueries, DashboardHandlers] })
export class DashboardModule {}
