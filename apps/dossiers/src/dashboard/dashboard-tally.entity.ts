import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * The dashboard's counts kept as they change, so the tab counts of a procedure with a million
 * dossiers read a few hundred rows instead of scanning its dossiers. Written only by the trigger
 * `dossier_dashboard_tally` on `dossier` (see the migration `dashboard_tally`): each change of
 * what the tabs look at (state, group, archived, followed by no one, hidden) appends a -1 row for
 * the old key and a +1 row for the new one, in the same transaction, so the sums are exact for any
 * snapshot and concurrent writers never wait on a shared counter. `dashboard_tally_compact()`
 * (called by `DashboardTallyCompactor`) folds those delta rows into one total per key.
 */
@Entity({ tableName: 'dashboard_tally' })
// One total per key (a null group, possible before routing, is a key like any other).
@Index({
  name: 'dashboard_tally_total_key',
  expression: `create unique index "dashboard_tally_total_key" on "dossiers"."dashboard_tally" ("tenant_id", "procedure_id", "group_id", "state", "archived", "unfollowed", "hidden") nulls not distinct where not "delta"`,
})
@Index({
  name: 'dashboard_tally_scope_idx',
  expression: `create index "dashboard_tally_scope_idx" on "dossiers"."dashboard_tally" ("tenant_id", "procedure_id", "group_id") include ("state", "archived", "unfollowed", "hidden", "n")`,
})
@Index({
  name: 'dashboard_tally_delta_idx',
  expression: `create index "dashboard_tally_delta_idx" on "dossiers"."dashboard_tally" ("id") where "delta"`,
})
export class DashboardTally {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  procedureId!: string;

  @Property({ type: 'uuid', nullable: true })
  groupId!: string | null;

  @Property({ type: 'text' })
  state!: string;

  @Property({ type: 'boolean' })
  archived!: boolean;

  @Property({ type: 'boolean' })
  unfollowed!: boolean;

  @Property({ type: 'boolean' })
  hidden!: boolean;

  /** A change not yet folded into its key's total. */
  @Property({ type: 'boolean' })
  delta!: boolean;

  @Property({ type: 'int' })
  n!: number;
}
