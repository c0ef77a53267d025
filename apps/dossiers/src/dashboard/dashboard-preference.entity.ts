import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { DashboardPreferences } from '@guichet/contracts';

/**
 * What an agent chose on a procedure's dashboard (DS « procedure_presentation »): the columns, the
 * filters and the sort, restored on their next visit. One row per agent and procedure.
 */
@Entity({ tableName: 'dashboard_preference' })
export class DashboardPreference {
  @PrimaryKey({ type: 'uuid' })
  accountId!: string;

  @PrimaryKey({ type: 'uuid' })
  procedureId!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'jsonb' })
  columns!: DashboardPreferences['columns'];

  @Property({ type: 'jsonb' })
  filters!: DashboardPreferences['filters'];

  @Property({ type: 'jsonb' })
  sort!: DashboardPreferences['sort'];

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
