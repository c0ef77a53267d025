import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, procedureContracts, procedureEvents, type BusContext, type EventDataOf, type EventEnvelope } from '@guichet/contracts';
import { Bus } from '@guichet/platform-bus';
import { OnEvent } from '@guichet/platform-service';

const upsert = `insert into "dossiers"."procedure_retention" (procedure_id, tenant_id, retention_months, changed_at) values (?, ?, ?, ?)
  on conflict (procedure_id) do update set retention_months = excluded.retention_months, changed_at = excluded.changed_at
  where "procedure_retention".changed_at < excluded.changed_at and "procedure_retention".tenant_id = excluded.tenant_id`;

/**
 * Keeps `procedure_retention` in step with procedures: from `procedure.settings_changed`, and the
 * first time a procedure's dashboard needs it, by asking procedures (then kept; rows are never
 * removed, and a procedure never changes tenant, so each replica remembers which procedures it has
 * already made sure of, and whose they are).
 */
@Injectable()
export class ProcedureRetentions {
  /** Procedure id → its tenant, for the procedures whose copy exists. */
  private readonly known = new Map<string, string>();

  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(Bus) private readonly bus: Bus,
  ) {}

  @OnEvent(procedureEvents.settingsChanged, { durable: 'dossiers__procedure_settings' })
  async onSettingsChanged(event: EventEnvelope<EventDataOf<typeof procedureEvents.settingsChanged>>, em: EntityManager): Promise<void> {
    if (event.tenantId === null) return;
    await em.getConnection().execute(upsert, [event.data.procedureId, event.tenantId, event.data.retentionMonths, new Date(event.occurredAt)], 'run', em.getTransactionContext());
  }

  /**
   * The retention of each of these procedures of the tenant, in months, read from the copy (one
   * statement); a procedure without a copy is asked of procedures the first time (which answers
   * NOT_FOUND for another tenant's or an unknown one). Procedures of another tenant are left out.
   * Asked before any transaction.
   */
  async monthsOf(tenantId: string, procedureIds: readonly string[], ctx: BusContext): Promise<Map<string, number>> {
    const months = new Map<string, number>();
    if (procedureIds.length === 0) return months;
    const rows = (await this.em
      .getConnection()
      .execute(`select procedure_id, tenant_id, retention_months from "dossiers"."procedure_retention" where procedure_id in (${procedureIds.map(() => '?').join(', ')})`, [...procedureIds], 'all')) as {
      procedure_id: string;
      tenant_id: string;
      retention_months: number;
    }[];
    const copied = new Set<string>();
    for (const row of rows) {
      copied.add(row.procedure_id);
      this.known.set(row.procedure_id, row.tenant_id);
      if (row.tenant_id === tenantId) months.set(row.procedure_id, row.retention_months);
    }
    for (const procedureId of procedureIds.filter((candidate) => !copied.has(candidate))) {
      const procedure = await this.bus.request(procedureContracts.get, { procedureId }, { system: 'dossiers', tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) });
      // Older than any event: a change in flight while this was read still applies when it arrives.
      await this.em
        .getConnection()
        .execute(`insert into "dossiers"."procedure_retention" (procedure_id, tenant_id, retention_months, changed_at) values (?, ?, ?, '-infinity') on conflict (procedure_id) do nothing`, [procedureId, procedure.tenantId, procedure.settings.retentionMonths], 'run');
      this.known.set(procedureId, procedure.tenantId);
      if (procedure.tenantId === tenantId) months.set(procedureId, procedure.settings.retentionMonths);
    }
    return months;
  }

  /** One procedure of the tenant's retention; NOT_FOUND for another tenant's or an unknown one. */
  async monthsOfOne(tenantId: string, procedureId: string, ctx: BusContext): Promise<number> {
    const months = (await this.monthsOf(tenantId, [procedureId], ctx)).get(procedureId);
    if (months === undefined) throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
    return months;
  }

  /**
   * A procedure of the caller's tenant, for its dashboard: checked from memory once its copy has
   * been read (procedures answers NOT_FOUND for another tenant's or an unknown one): another
   * tenant's procedure looks absent, not empty, without a statement nor a bus hop per request.
   */
  async check(tenantId: string, procedureId: string, ctx: BusContext): Promise<void> {
    if (!this.known.has(procedureId)) await this.monthsOf(tenantId, [procedureId], ctx);
    if (this.known.get(procedureId) !== tenantId) throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
  }
}
