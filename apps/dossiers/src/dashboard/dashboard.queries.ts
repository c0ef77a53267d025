import { EntityManager } from '@mikro-orm/postgresql';
import { Inject, Injectable } from '@nestjs/common';
import {
  defaultDashboardPreferences,
  GuichetError,
  labelContracts,
  procedureContracts,
  type BusContext,
  type DashboardCounts,
  type DashboardFilter,
  type DashboardPreferences,
  type DossierLabel,
  type DashboardProcedure,
  type DashboardRow,
  type dossierInstructionContracts,
  type RequestOf,
  type ResponseOf,
} from '@guichet/contracts';
import { AgentScopes, type AgentScope } from '@guichet/platform-access';
import { Bus } from '@guichet/platform-bus';
import type { DossierState } from '@guichet/dossier-state';
import { fieldValueText } from '@guichet/field-values';
import { countsQuery, emptyCounts, encodeCursor, expiringCountsQuery, tally, type CountsRow, filterFragment, namesField, pageQuery, sortExpression, unionAll } from './dashboard.sql';
import { DashboardFields } from './dashboard-fields.service';
import { ProcedureRetentions } from './procedure-retention.service';
import { describeField, type DashboardFieldInfo } from './dashboard.fields';
import { DashboardPreference } from './dashboard-preference.entity';

type PageRequest = RequestOf<typeof dossierInstructionContracts.dashboardPage>;


const agentsOnly = (): GuichetError => new GuichetError('FORBIDDEN', 'Le tableau de bord est celui des instructeurs et des administrateurs de l’administration.');

interface PageRow {
  id: string;
  number: number;
  state: DossierState;
  test: boolean;
  usager_email: string;
  usager_first_name: string;
  usager_last_name: string;
  submitted_at: Date | string | null;
  updated_at: Date | string;
  decided_at: Date | string | null;
  group_id: string | null;
  group_label: string | null;
  archived: boolean;
  correction_pending: boolean;
  followed_by_me: boolean;
  follower_count: number;
  sort_value: unknown;
  field_values: Record<string, unknown> | string | null;
  labels: DossierLabel[] | string;
}

/** Timestamps come back as Dates or as PostgreSQL text, depending on the connection's parsers. */
function iso(value: Date | string | null): string | null {
  if (value === null) return null;
  return (value instanceof Date ? value : new Date(value)).toISOString();
}

/**
 * The instructeur's dashboard (DS « tableau de bord »): the procedures an agent works on with their
 * counts, each tab's count, and pages of a tab sorted and keyset-paginated, all within the agent's
 * scope (an instructeur: the dossiers of their groups; an administrateur: every submitted one).
 */
@Injectable()
export class DashboardQueries {
  constructor(
    @Inject(EntityManager) private readonly em: EntityManager,
    @Inject(AgentScopes) private readonly scopes: AgentScopes,
    @Inject(Bus) private readonly bus: Bus,
    @Inject(DashboardFields) private readonly fields: DashboardFields,
    @Inject(ProcedureRetentions) private readonly retentions: ProcedureRetentions,
  ) {}

  private async rows<T>(sql: string, params: unknown[]): Promise<T[]> {
    return (await this.em.getConnection().execute(sql, params, 'all')) as T[];
  }

  private async agent(ctx: BusContext, procedureId?: string): Promise<{ scope: AgentScope; accountId: string }> {
    const accountId = ctx.actor?.accountId;
    const scope = procedureId === undefined ? await this.scopes.forReading(ctx) : await this.scopes.forReadingProcedure(ctx, procedureId);
    if (accountId === undefined || scope === undefined || scope.kind === 'system') throw agentsOnly();
    return { scope, accountId };
  }

  /**
   * The procedures on an agent's dashboard, with each tab's count: an administrateur's are every
   * procedure of the tenant (they read all their dossiers, dossiers or not yet); an instructeur's,
   * those of their groups (dossiers or not) and those of the dossiers in their groups. Titles are
   * the procedures' own; procedures not answering, the procedures with dossiers are listed with
   * the title copied on them.
   */
  async procedures(ctx: BusContext): Promise<{ items: DashboardProcedure[] }> {
    const accountId = ctx.actor?.accountId;
    const scope = await this.scopes.forReading(ctx);
    if (accountId === undefined || scope === undefined || scope.kind === 'system') throw agentsOnly();
    const groups = scope.kind === 'groups' ? await this.scopes.groupsOf(ctx) : [];
    const query = countsQuery(scope, accountId);
    const counted = query === null ? [] : await this.rows<CountsRow>(query.sql, query.params);
    // « expirant »: the procedures with dossiers in the scope, each with its retention.
    const expiring = expiringCountsQuery(scope, await this.retentions.monthsOf(scope.tenantId, [...new Set(counted.map((row) => row.procedure_id))], ctx));
    if (expiring !== null) counted.push(...(await this.rows<CountsRow>(expiring.sql, expiring.params)));
    const byProcedure = new Map<string, CountsRow[]>();
    for (const row of counted) byProcedure.set(row.procedure_id, [...(byProcedure.get(row.procedure_id) ?? []), row]);
    const countsOf = (procedureId: string): DashboardCounts => {
      const rows = byProcedure.get(procedureId);
      return rows === undefined ? emptyCounts() : tally(rows);
    };

    const named = scope.kind === 'tenant' ? undefined : [...new Set([...groups.map((group) => group.procedureId), ...byProcedure.keys()])];
    if (named !== undefined && named.length === 0) return { items: [] };
    const system = { system: 'dossiers', tenantId: scope.tenantId, ...(ctx.traceparent !== undefined ? { traceparent: ctx.traceparent } : {}) };
    const summaries = await this.bus.request(procedureContracts.listSummaries, named === undefined ? {} : { procedureIds: named }, system).then(
      ({ items }) => items,
      (error: unknown) => {
        if (error instanceof GuichetError && (error.code === 'UNAVAILABLE' || error.code === 'TIMEOUT')) return null;
        throw error;
      },
    );
    // In the procedures' order (by title).
    if (summaries !== null) return { items: summaries.map((summary) => ({ procedureId: summary.id, procedureTitle: summary.title, counts: countsOf(summary.id) })) };

    const items: DashboardProcedure[] = [];
    for (const procedureId of byProcedure.keys()) {
      // The title copied on the dossiers, read through the index by procedure.
      const [titled] = await this.rows<{ procedure_title: string }>(`select procedure_title from "dossiers"."dossier" where tenant_id = ? and procedure_id = ? limit 1`, [scope.tenantId, procedureId]);
      items.push({ procedureId, procedureTitle: titled?.procedure_title ?? '', counts: countsOf(procedureId) });
    }
    return { items: items.sort((a, b) => a.procedureTitle.localeCompare(b.procedureTitle, 'fr')) };
  }

  async counts({ procedureId }: { procedureId: string }, ctx: BusContext): Promise<DashboardCounts> {
    const { scope, accountId } = await this.agent(ctx, procedureId);
    const retention = await this.retentions.monthsOfOne(scope.tenantId, procedureId, ctx);
    const query = countsQuery(scope, accountId, procedureId);
    if (query === null) return emptyCounts();
    const both = unionAll(query, expiringCountsQuery(scope, new Map([[procedureId, retention]])));
    return tally(await this.rows<CountsRow>(both.sql, both.params));
  }

  async page(payload: PageRequest, ctx: BusContext): Promise<ResponseOf<typeof dossierInstructionContracts.dashboardPage>> {
    const { scope, accountId } = await this.agent(ctx, payload.procedureId);
    // The procedure's fields only when the page names one (a filter, the sort or a column).
    const fields = namesField(payload) ? await this.fields.of(payload.procedureId, scope.tenantId, ctx) : new Map<string, DashboardFieldInfo>();
    await this.checkLabels(payload.filters, payload.procedureId, scope.tenantId);
    // « expirant » reads the procedure's retention; the other tabs only check the procedure is the tenant's.
    const retention = payload.tab === 'expirant' ? await this.retentions.monthsOfOne(scope.tenantId, payload.procedureId, ctx) : undefined;
    if (retention === undefined) await this.retentions.check(scope.tenantId, payload.procedureId, ctx);
    const query = pageQuery(payload, scope, accountId, fields, retention);
    if (query === null) return { items: [], nextCursor: null };
    const rows = await this.rows<PageRow>(query.sql, query.params);
    const page = rows.slice(0, payload.limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => toRow(row, query.columns)),
      nextCursor: rows.length > payload.limit && last !== undefined ? encodeCursor({ c: payload.sort.column, d: payload.sort.direction, v: last.sort_value, n: last.number }) : null,
    };
  }

  /** A label filter names labels of the procedure (this service's copy of them): any other is a field-level error. */
  private async checkLabels(filters: readonly DashboardFilter[], procedureId: string, tenantId: string): Promise<void> {
    const labels = await this.labelsOfProcedure(filters, procedureId, tenantId);
    for (const [index, filter] of filters.entries()) {
      if (filter.column !== 'label') continue;
      if (filter.values.some((id) => !labels.has(id))) throw new GuichetError('VALIDATION_FAILED', 'Cette étiquette n’est pas une étiquette de la démarche.', { [`filters.${index}.values`]: 'Cette étiquette n’est pas une étiquette de la démarche.' });
    }
  }

  /**
   * Which labels the filters name are the procedure's now: this service's copy first (a deleted one
   * stays there as a tombstone, so it is known gone); procedures decides for those the copy has not
   * received yet (a label created a moment ago).
   */
  private async labelsOfProcedure(filters: readonly DashboardFilter[], procedureId: string, tenantId: string): Promise<Set<string>> {
    const named = [...new Set(filters.flatMap((filter) => (filter.column === 'label' ? filter.values : [])))];
    if (named.length === 0) return new Set();
    const copied = await this.rows<{ id: string; deleted: boolean }>(
      `select id, deleted from "dossiers"."label" where tenant_id = ? and procedure_id = ? and id in (${named.map(() => '?').join(', ')})`,
      [tenantId, procedureId, ...named],
    );
    const labels = new Set(copied.filter((label) => !label.deleted).map((label) => label.id));
    if (named.some((id) => !copied.some((label) => label.id === id))) {
      const { items } = await this.bus.request(labelContracts.list, { procedureId }, { system: 'dossiers', tenantId });
      for (const label of items) if (named.includes(label.id)) labels.add(label.id);
    }
    return labels;
  }

  /** The fields an agent may pick and what they chose (the defaults until they save). */
  async preferences({ procedureId }: { procedureId: string }, ctx: BusContext): Promise<ResponseOf<typeof dossierInstructionContracts.dashboardPreferences>> {
    const { scope, accountId } = await this.agent(ctx, procedureId);
    const [fields, saved] = await Promise.all([
      this.fields.of(procedureId, scope.tenantId, ctx),
      this.em.fork().findOne(DashboardPreference, { accountId, procedureId, tenantId: scope.tenantId }),
    ]);
    const preferences: DashboardPreferences = saved === null ? defaultDashboardPreferences : { columns: saved.columns, filters: saved.filters, sort: saved.sort };
    const labels = await this.labelsOfProcedure(preferences.filters, procedureId, scope.tenantId);
    return { fields: [...fields.values()].map(describeField), preferences: withoutStaleFields(preferences, fields, labels), saved: saved !== null };
  }

  /**
   * Keeps the agent's choice. Every field it names must be one the dashboard knows, used as its
   * type allows: the same checks as a page (a page is built from the choice, without running it).
   */
  async savePreferences(payload: RequestOf<typeof dossierInstructionContracts.saveDashboardPreferences>, ctx: BusContext): Promise<ResponseOf<typeof dossierInstructionContracts.saveDashboardPreferences>> {
    const { scope, accountId } = await this.agent(ctx, payload.procedureId);
    const fields = await this.fields.of(payload.procedureId, scope.tenantId, ctx);
    sortExpression(payload.sort.column, fields);
    payload.filters.forEach((filter, index) => filterFragment(filter, index, accountId, fields));
    await this.checkLabels(payload.filters, payload.procedureId, scope.tenantId);
    payload.columns.forEach((column, index) => {
      if (column.startsWith('champ:') && !fields.has(column.slice('champ:'.length))) {
        throw new GuichetError('VALIDATION_FAILED', 'Cette colonne n’est pas un champ de la démarche.', { [`columns.${index}`]: 'Cette colonne n’est pas un champ de la démarche.' });
      }
    });
    const preferences: DashboardPreferences = { columns: [...new Set(payload.columns)], filters: payload.filters, sort: payload.sort };
    await this.em.getConnection().execute(
      `insert into "dossiers"."dashboard_preference" (account_id, procedure_id, tenant_id, columns, filters, sort, updated_at)
       values (?, ?, ?, ?::jsonb, ?::jsonb, ?::jsonb, now())
       on conflict (account_id, procedure_id) do update set columns = excluded.columns, filters = excluded.filters, sort = excluded.sort, updated_at = excluded.updated_at`,
      [accountId, payload.procedureId, scope.tenantId, JSON.stringify(preferences.columns), JSON.stringify(preferences.filters), JSON.stringify(preferences.sort)],
    );
    return { fields: [...fields.values()].map(describeField), preferences, saved: true };
  }
}

/**
 * A saved choice may name a field a later revision removed, or a label deleted since: it is left out
 * when read back (the saved row keeps it until the agent saves again), so the page it builds is
 * always valid. A label filter keeps the labels that remain, and goes when none does.
 */
function withoutStaleFields(preferences: DashboardPreferences, fields: ReadonlyMap<string, DashboardFieldInfo>, labels: ReadonlySet<string>): DashboardPreferences {
  const known = (column: string): boolean => !column.startsWith('champ:') || fields.has(column.slice('champ:'.length));
  const filters = preferences.filters.flatMap((filter): DashboardFilter[] => {
    if (filter.column === 'field') return fields.has(filter.stableId) ? [filter] : [];
    if (filter.column !== 'label') return [filter];
    const values = filter.values.filter((id) => labels.has(id));
    return values.length === 0 ? [] : [{ ...filter, values }];
  });
  return {
    columns: preferences.columns.filter(known),
    filters,
    sort: known(preferences.sort.column) ? preferences.sort : defaultDashboardPreferences.sort,
  };
}

function toRow(row: PageRow, columns: readonly DashboardFieldInfo[]): DashboardRow {
  const values = typeof row.field_values === 'string' ? (JSON.parse(row.field_values) as Record<string, unknown>) : (row.field_values ?? {});
  const fields: Record<string, string> = {};
  for (const { definition } of columns) {
    const text = fieldValueText(definition.type, values[definition.stableId]);
    if (text !== '') fields[definition.stableId] = text;
  }
  return {
    id: row.id,
    number: row.number,
    state: row.state,
    test: row.test,
    usager: { email: row.usager_email, firstName: row.usager_first_name, lastName: row.usager_last_name },
    submittedAt: iso(row.submitted_at),
    updatedAt: iso(row.updated_at) as string,
    decidedAt: iso(row.decided_at),
    groupeInstructeur: row.group_id === null ? null : { id: row.group_id, label: row.group_label ?? '' },
    archived: row.archived,
    correctionPending: row.correction_pending,
    followedByMe: row.followed_by_me,
    followerCount: row.follower_count,
    fields,
    labels: typeof row.labels === 'string' ? (JSON.parse(row.labels) as DossierLabel[]) : row.labels,
  };
}
