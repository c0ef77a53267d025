import { Inject, Injectable } from '@nestjs/common';
import { procedureContracts, type BusContext } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';
import { dashboardFields, type DashboardFieldInfo } from './dashboard.fields';

/** How long a procedure's fields are reused: a publication shows on the dashboard within this delay. */
const freshForMs = 10_000;
const maxCachedProcedures = 1_000;

interface Cached {
  at: number;
  fields: Promise<Map<string, DashboardFieldInfo>>;
}

/**
 * The fields a procedure's dashboard shows, filters and sorts on: those of its published revision
 * (the draft's while it is in test), asked of the procedures service by contract, kept a few
 * seconds so that paging through a filtered list costs no extra bus hop.
 */
@Injectable()
export class DashboardFields {
  private readonly cache = new Map<string, Cached>();

  constructor(@Inject(Bus) private readonly bus: Bus) {}

  of(procedureId: string, tenantId: string, ctx: BusContext, now: number = Date.now()): Promise<Map<string, DashboardFieldInfo>> {
    const key = `${tenantId}:${procedureId}`;
    const cached = this.cache.get(key);
    if (cached !== undefined && now - cached.at < freshForMs) return cached.fields;
    const fields = this.bus
      .request(procedureContracts.get, { procedureId }, { system: 'dossiers', tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) })
      .then((procedure) => dashboardFields((procedure.publishedRevision ?? procedure.draftRevision).fields));
    // A failed read is not kept: the next request asks again.
    fields.catch(() => this.cache.delete(key));
    if (this.cache.size >= maxCachedProcedures) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { at: now, fields });
    return fields;
  }
}
