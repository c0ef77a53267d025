import { Inject, Injectable } from '@nestjs/common';
import { dossierInstructionContracts, type BusContext, type RequestOf } from '@guichet/contracts';
import { OnRequest } from '@guichet/platform-service';
import { DashboardQueries } from './dashboard.queries';

type Payload<K extends keyof typeof dossierInstructionContracts> = RequestOf<(typeof dossierInstructionContracts)[K]>;

/** NATS handlers of the agents' dashboard: thin, each calls the queries. */
@Injectable()
export class DashboardHandlers {
  constructor(@Inject(DashboardQueries) private readonly queries: DashboardQueries) {}

  @OnRequest(dossierInstructionContracts.dashboardProcedures)
  procedures(_payload: Payload<'dashboardProcedures'>, ctx: BusContext) {
    return this.queries.procedures(ctx);
  }

  @OnRequest(dossierInstructionContracts.dashboardCounts)
  counts(payload: Payload<'dashboardCounts'>, ctx: BusContext) {
    return this.queries.counts(payload, ctx);
  }

  @OnRequest(dossierInstructionContracts.dashboardPage)
  page(payload: Payload<'dashboardPage'>, ctx: BusContext) {
    return this.queries.page(payload, ctx);
  }

  @OnRequest(dossierInstructionContracts.dashboardPreferences)
  preferences(payload: Payload<'dashboardPreferences'>, ctx: BusContext) {
    return this.queries.preferences(payload, ctx);
  }

  @OnRequest(dossierInstructionContracts.saveDashboardPreferences)
  savePreferences(payload: Payload<'saveDashboardPreferences'>, ctx: BusContext) {
    return this.queries.savePreferences(payload, ctx);
  }
}
