import { Inject, Injectable } from '@nestjs/common';
import { procedureContracts, procedureNotices, type BusContext } from '@guichet/contracts';
import { Bus, NoticedCache } from '@guichet/platform-bus';
import { dashboardFields, type DashboardFieldInfo } from './dashboard.fields';

const maxCachedProcedures = 1_000;

/**
 * The fields a procedure's dashboard shows, filters and sorts on: those of its published revision
 * (the draft's while it is in test), asked of the procedures service by contract and kept until
 * procedures announces a change of the procedure (a publication, an edit of the draft), so that
 * paging through a filtered list costs no extra bus hop and a publication shows at once.
 */
@Injectable()
export class DashboardFields {
  private readonly kept: NoticedCache<Map<string, DashboardFieldInfo>>;

  constructor(@Inject(Bus) private readonly bus: Bus) {
    this.kept = new NoticedCache<Map<string, DashboardFieldInfo>>({ maxOwners: maxCachedProcedures }).follow(bus, procedureNotices.changed, ({ procedureId }) => procedureId);
  }

  /** Kept per tenant too: procedures decides whether the caller's tenant reads the procedure. */
  of(procedureId: string, tenantId: string, ctx: BusContext): Promise<Map<string, DashboardFieldInfo>> {
    return this.kept.get(procedureId, tenantId, async () => {
      const procedure = await this.bus.request(procedureContracts.get, { procedureId }, { system: 'dossiers', tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) });
      return dashboardFields((procedure.publishedRevision ?? procedure.draftRevision).fields);
    });
  }
}
