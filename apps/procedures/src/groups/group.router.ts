import { Inject, Injectable } from '@nestjs/common';
import type { GeoResolver } from '@guichet/conditions';
import type { BusContext, groupContracts, RequestOf } from '@guichet/contracts';
import { nodeLocationCatalogue } from '@guichet/forms-node';
import { mayReadProcedure, procedureNotFound } from '../procedure/procedure.policy';
import { GroupsAccess } from './groups.access';
import { GroupsRepository } from './groups.repository';
import { compileRoutingRule } from './routing-rule';
import { compileRoutingTable, routeWith, type RouteResult, type RoutingGroupRow, type RoutingTable } from './routing.table';

let geo: GeoResolver | undefined;

/** Official geography for département/région rules, loaded at the first compilation (a few tens of ms). */
function geography(): GeoResolver {
  if (geo !== undefined) return geo;
  const catalogue = nodeLocationCatalogue();
  geo = { departementOfCommune: (code) => catalogue.commune(code)?.departement, regionOfDepartement: (code) => catalogue.departement(code)?.region };
  return geo;
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
  ) {}

  async route({ procedureId, values }: RequestOf<typeof groupContracts.route>, ctx: BusContext): Promise<RouteResult> {
    let current = await this.groups.currentVersion(procedureId);
    if (current === null) {
      // First routing of a procedure without groups: check it exists for this caller, then create its default group.
      const procedure = await this.access.forRead(ctx, procedureId);
      await this.groups.createSetIfMissing(procedure);
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
