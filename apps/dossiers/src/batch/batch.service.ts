import { randomUUID } from 'node:crypto';
import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import { GuichetError, maxBatchDossiers, type Batch, type BusContext, type dossierBatchContracts, type RequestOf } from '@guichet/contracts';
import { AgentScopes, type AgentScope } from '@guichet/platform-access';
import { DashboardFields } from '../dashboard/dashboard-fields.service';
import { namesField, pageQuery, scopeFragment } from '../dashboard/dashboard.sql';
import { ProcedureRetentions } from '../dashboard/procedure-retention.service';
import type { DashboardFieldInfo } from '../dashboard/dashboard.fields';
import { BatchOperation, BatchOperationItem } from './batch-operation.entity';
import { BatchRunner } from './batch.runner';

type CreateRequest = RequestOf<typeof dossierBatchContracts.create>;

const batchNotFound = (): GuichetError => new GuichetError('NOT_FOUND', 'Ce lot n’existe pas.');
const notInstructing = (): GuichetError => new GuichetError('NOT_FOUND', 'Démarche introuvable : vous n’instruisez aucun de ses dossiers.');
const dossierNotFound = { code: 'NOT_FOUND', message: 'Dossier introuvable.' };

/** Starting a batch (choosing its dossiers within the agent's groups) and reading its progress. */
@Injectable()
export class BatchService {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(AgentScopes) private readonly scopes: AgentScopes,
    @Inject(DashboardFields) private readonly fields: DashboardFields,
    @Inject(BatchRunner) private readonly runner: BatchRunner,
    @Inject(ProcedureRetentions) private readonly retentions: ProcedureRetentions,
  ) {}

  async create(payload: CreateRequest, ctx: BusContext): Promise<Batch> {
    const actor = ctx.actor;
    const scope = await this.scopes.forActing(ctx);
    if (actor === undefined || scope === undefined || scope.kind !== 'groups') throw new GuichetError('FORBIDDEN', 'Seuls les instructeurs lancent des actions sur plusieurs dossiers.');
    const groupIds = (await this.scopes.groupsOf(ctx)).filter((group) => group.procedureId === payload.procedureId).map((group) => group.groupId);
    if (groupIds.length === 0) throw notInstructing();
    const procedureScope: AgentScope = { kind: 'groups', tenantId: scope.tenantId, groupIds };
    const { chosen, capped } = payload.dossierIds !== undefined ? await this.byIds(payload.dossierIds, payload.procedureId, procedureScope) : await this.matching(payload, procedureScope, actor.accountId, ctx);
    if (chosen.length === 0) throw new GuichetError('VALIDATION_FAILED', 'Aucun dossier ne correspond à cette liste.', { matching: 'Aucun dossier ne correspond à cette liste.' });

    const batch = await this.em.fork().transactional(async (tx) => {
      const created = tx.create(BatchOperation, {
        id: randomUUID(),
        tenantId: scope.tenantId,
        procedureId: payload.procedureId,
        actor,
        action: payload.action,
        motivation: payload.motivation ?? null,
        total: chosen.length,
        failed: chosen.filter((item) => item.number === null).length,
        capped,
        createdAt: new Date(),
      });
      chosen.forEach((item, position) =>
        tx.create(BatchOperationItem, {
          batchId: created.id,
          dossierId: item.id,
          position,
          number: item.number,
          // A dossier outside the agent's groups is refused at once, without saying whether it exists.
          ...(item.number === null ? { status: 'refuse' as const, errorCode: dossierNotFound.code, errorMessage: dossierNotFound.message, doneAt: new Date() } : {}),
        }),
      );
      if (chosen.every((item) => item.number === null)) {
        created.state = 'termine';
        created.finishedAt = new Date();
      }
      return created;
    });
    this.runner.wake();
    return this.get({ batchId: batch.id }, ctx);
  }

  async get({ batchId }: { batchId: string }, ctx: BusContext): Promise<Batch> {
    const accountId = ctx.actor?.accountId;
    if (accountId === undefined || ctx.tenantId === undefined) throw batchNotFound();
    const em = this.em.fork();
    const batch = await em.findOne(BatchOperation, { id: batchId, tenantId: ctx.tenantId });
    if (batch === null || batch.actor.accountId !== accountId) throw batchNotFound();
    const items = await em.find(BatchOperationItem, { batchId }, { orderBy: { position: 'asc' } });
    return {
      id: batch.id,
      procedureId: batch.procedureId,
      action: batch.action,
      state: batch.state,
      total: batch.total,
      succeeded: batch.succeeded,
      failed: batch.failed,
      capped: batch.capped,
      createdAt: batch.createdAt.toISOString(),
      finishedAt: batch.finishedAt?.toISOString() ?? null,
      items: items.map((item) => ({
        dossierId: item.dossierId,
        number: item.number,
        status: item.status,
        error: item.errorCode === null ? null : { code: item.errorCode, message: item.errorMessage ?? '' },
      })),
    };
  }

  /** The given dossiers in the given order, each once; those outside the agent's groups have no number. */
  private async byIds(dossierIds: readonly string[], procedureId: string, scope: AgentScope): Promise<{ chosen: { id: string; number: number | null }[]; capped: boolean }> {
    const unique = [...new Set(dossierIds.map((id) => id.toLowerCase()))];
    const where = scopeFragment(scope);
    const found =
      where === null
        ? []
        : ((await this.em.getConnection().execute(
            `select d.id, d.number from "dossiers"."dossier" d where ${where.sql} and d.procedure_id = ? and d.id in (${unique.map(() => '?').join(', ')})`,
            [...where.params, procedureId, ...unique],
            'all',
          )) as { id: string; number: number }[]);
    const numbers = new Map(found.map((row) => [row.id, row.number]));
    return { chosen: unique.map((id) => ({ id, number: numbers.get(id) ?? null })), capped: false };
  }

  /** Every dossier the dashboard view shows (the first 500, in number order). */
  private async matching(payload: CreateRequest, scope: AgentScope, accountId: string, ctx: BusContext): Promise<{ chosen: { id: string; number: number | null }[]; capped: boolean }> {
    const matching = payload.matching!;
    const page = {
      procedureId: payload.procedureId,
      tab: matching.tab,
      filters: matching.filters,
      ...(matching.search !== undefined && matching.search !== '' ? { search: matching.search } : {}),
      sort: { column: 'number' as const, direction: 'asc' as const },
      fieldColumns: [],
      limit: maxBatchDossiers,
    };
    const fields = namesField(page) ? await this.fields.of(payload.procedureId, scope.tenantId, ctx) : new Map<string, DashboardFieldInfo>();
    const retention = page.tab === 'expirant' ? await this.retentions.monthsOfOne(scope.tenantId, payload.procedureId, ctx) : undefined;
    let query;
    try {
      query = pageQuery(page, scope, accountId, fields, retention);
    } catch (error) {
      // The page's field keys, under `matching`.
      if (error instanceof GuichetError && error.fields !== undefined) throw new GuichetError(error.code, error.message, Object.fromEntries(Object.entries(error.fields).map(([key, message]) => [`matching.${key}`, message])));
      throw error;
    }
    if (query === null) return { chosen: [], capped: false };
    const rows = (await this.em.getConnection().execute(query.sql, query.params, 'all')) as { id: string; number: number }[];
    return { chosen: rows.slice(0, maxBatchDossiers).map((row) => ({ id: row.id, number: row.number })), capped: rows.length > maxBatchDossiers };
  }
}
