import { Inject, Injectable } from '@nestjs/common';
import { compileRoutingRule, compileRoutingTable, routeWith, type GeoResolver, type RouteResult, type RoutingGroupRow, type RoutingTable } from '@guichet/conditions';
import type { BusContext, groupContracts, procedureContracts, ProcedureSnapshot, ProcedureStatus, RequestOf, SubmissionRouting } from '@guichet/contracts';
import { geoFromLocations } from '@guichet/forms';
import { nodeLocationCatalogue } from '@guichet/forms-node';
import { ProcedureChanges } from '../procedure/procedure-changes';
import { toStatusDto } from '../procedure/procedure.mapper';
import { isSystemFor, mayReadProcedure, procedureNotFound, readScope } from '../procedure/procedure.policy';
import { ProcedureRepository } from '../procedure/procedure.repository';
import { GroupsAccess } from './groups.access';
import { GroupsRepository } from './groups.repository';

let geo: GeoResolver | undefined;

/** Official geography for département/région rules, loaded at the first compilation (a few tens of ms). */
function geography(): GeoResolver {
  geo ??= geoFromLocations(nodeLocationCatalogue());
  return geo;
}

/**
 * Whether a submission is taken: not on a closed procedure nor past its deadline, and a test dossier
 * only while its procedure is in brouillon. The dossiers service refuses the others (with their
 * messages) from the status; here it only decides whether to route.
 */
export function takesSubmission(status: Pick<ProcedureStatus, 'state' | 'closesAt'>, test: boolean, now: number = Date.now()): boolean {
  if (status.state === 'close') return false;
  if (status.closesAt !== null && Date.parse(status.closesAt) <= now) return false;
  return !test || status.state === 'brouillon';
}

/** Procedures whose routing table stays in memory; the least recently compiled go first. */
const maxCachedProcedures = 500;

/**
 * Routes dossiers to groups. Each procedure's table is compiled once per group-set version and kept
 * in memory; every request reads the current version (one primary-key lookup), so a change made
 * through any replica is seen by the next request on every replica.
 */
@Injectable()
export class GroupRouter {
  private readonly tables = new Map<string, RoutingTable>();
  private readonly compiling = new Map<string, Promise<RoutingTable>>();

  constructor(
    @Inject(GroupsAccess) private readonly access: GroupsAccess,
    @Inject(GroupsRepository) private readonly groups: GroupsRepository,
    @Inject(ProcedureRepository) private readonly procedures: ProcedureRepository,
    @Inject(ProcedureChanges) private readonly changes: ProcedureChanges,
  ) {}

  /**
   * What the dossiers service keeps of a procedure to start and submit its dossiers without asking
   * (see `procedureSnapshotSchema`): system callers only, the tenant's procedure when they name one.
   * The groups are read after the set's version, as for a routing table: a change committed in
   * between is seen under the older version, and announced anyway.
   */
  async snapshot({ procedureId }: RequestOf<typeof procedureContracts.getSnapshot>, ctx: BusContext): Promise<ProcedureSnapshot> {
    if (ctx.system === undefined) throw procedureNotFound();
    const scope = readScope(ctx);
    const found = scope === null ? null : await this.procedures.headWithGroupSet(scope, procedureId);
    if (found === null || !isSystemFor(ctx, found.head.tenantId)) throw procedureNotFound();
    const groups = found.groupSet === null ? null : await this.groups.routingRows(procedureId);
    return {
      status: toStatusDto(found.head),
      title: found.head.title,
      publishedRevisionId: found.head.publishedRevisionId,
      routing: found.groupSet === null || groups === null ? null : { version: found.groupSet.version, groups },
    };
  }

  /**
   * A submission's status and group in one request: the status as `get_status` reads it (same
   * readers), and the group only when the procedure takes the submission — routing a procedure for
   * the first time creates its default group, which a refused submission must not do.
   */
  async routeSubmission({ procedureId, values, test }: RequestOf<typeof procedureContracts.routeSubmission>, ctx: BusContext): Promise<SubmissionRouting> {
    // One statement for the status and the group set's version: a submission is the hot path.
    const scope = readScope(ctx);
    const found = scope === null ? null : await this.procedures.headWithGroupSet(scope, procedureId);
    if (found === null || !mayReadProcedure(ctx, found.head.tenantId)) throw procedureNotFound();
    const status = toStatusDto(found.head);
    if (!takesSubmission(status, test)) return { status, group: null };
    if (found.groupSet === null) return { status, group: await this.route({ procedureId, values }, ctx) };
    const table = await this.tableAt(procedureId, found.groupSet.version, found.groupSet.tenantId);
    return { status, group: routeWith(table, values) };
  }

  async route({ procedureId, values }: RequestOf<typeof groupContracts.route>, ctx: BusContext): Promise<RouteResult> {
    let current = await this.groups.currentVersion(procedureId);
    if (current === null) {
      // First routing of a procedure without groups: check it exists for this caller, then create its default group.
      const procedure = await this.access.forRead(ctx, procedureId);
      if (await this.groups.createSetIfMissing(procedure)) this.changes.announce(procedureId);
      current = await this.groups.currentVersion(procedureId);
      if (current === null) throw new Error(`procedure ${procedureId}: group set not created`);
    }
    if (!mayReadProcedure(ctx, current.tenantId)) throw procedureNotFound();
    const table = await this.tableAt(procedureId, current.version, current.tenantId);
    return routeWith(table, values);
  }

  /** The compiled table for a version, compiling it once even when many requests ask at the same time. */
  private async tableAt(procedureId: string, version: number, tenantId: string): Promise<RoutingTable> {
    const cached = this.tables.get(procedureId);
    if (cached !== undefined && cached.version === version) return cached;
    const key = `${procedureId}:${version}`;
    let pending = this.compiling.get(key);
    if (pending === undefined) {
      pending = this.compile(procedureId, version, tenantId).finally(() => this.compiling.delete(key));
      this.compiling.set(key, pending);
    }
    const table = await pending;
    const latest = this.tables.get(procedureId);
    if (latest === undefined || latest.version < table.version) {
      this.tables.delete(procedureId);
      this.tables.set(procedureId, table);
      if (this.tables.size > maxCachedProcedures) {
        const oldest = this.tables.keys().next().value;
        if (oldest !== undefined) this.tables.delete(oldest);
      }
    }
    return table;
  }

  /**
   * Reads the groups after the version was read: a change committed in between is compiled under the
   * older version number, and the next request (seeing the newer version) compiles again.
   */
  private async compile(procedureId: string, version: number, tenantId: string): Promise<RoutingTable> {
    const rows = await this.groups.routingRows(procedureId);
    const resolver = geography();
    return compileRoutingTable(version, tenantId, rows satisfies RoutingGroupRow[], (rule) => compileRoutingRule(rule, resolver));
  }

  /** For tests and the benchmark: the table in memory for a procedure, if any. */
  cachedTable(procedureId: string): RoutingTable | undefined {
    return this.tables.get(procedureId);
  }

  /** For tests: forget every table (as a fresh replica would start). */
  clear(): void {
    this.tables.clear();
  }
}
