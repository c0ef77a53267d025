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
   * Makes sure the copy of a procedure's retention exists (asked of procedures when missing), so
   * that the dashboard's statements can read it; true when one had to be fetched. Asked before any
   * transaction.
   */
  async ensure(tenantId: string, procedureIds: readonly string[], ctx: BusContext): Promise<boolean> {
    const unknown = procedureIds.filter((procedureId) => !this.known.has(procedureId));
    if (unknown.length === 0) return false;
    let fetched = false;
    const rows = (await this.em
      .getConnection()
      .execute(`select procedure_id, tenant_id from "dossiers"."procedure_retention" where procedure_id in (${unknown.map(() => '?').join(', ')})`, unknown, 'all')) as { procedure_id: string; tenant_id: string }[];
    for (const row of rows) this.known.set(row.procedure_id, row.tenant_id);
    for (const procedureId of unknown.filter((candidate) => !this.known.has(candidate))) {
      const procedure = await this.bus.request(procedureContracts.get, { procedureId }, { system: 'dossiers', tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) });
      // Older than any event: a change in flight while this was read still applies when it arrives.
      await this.em
        .getConnection()
        .execute(`insert into "dossiers"."procedure_retention" (procedure_id, tenant_id, retention_months, changed_at) values (?, ?, ?, '-infinity') on conflict (procedure_id) do nothing`, [procedureId, procedure.tenantId, procedure.settings.retentionMonths], 'run');
      this.known.set(procedureId, procedure.tenantId);
      fetched = true;
    }
    return fetched;
  }

  /**
   * A procedure of the caller's tenant, for its dashboard: its copy made sure of (procedures answers
   * NOT_FOUND for another tenant's or an unknown one), then checked from memory: another tenant's
   * procedure looks absent, not empty, without a bus hop per request.
   */
  async check(tenantId: string, procedureId: string, ctx: BusContext): Promise<void> {
    await this.ensure(tenantId, [procedureId], ctx);
    if (this.known.get(procedureId) !== tenantId) throw new GuichetError('NOT_FOUND', 'Démarche introuvable.');
  }
}
