import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * This service's copy of a procedure's retention (`procedure.settings_changed`, or asked of
 * procedures the first time it is needed): how long a dossier is kept after its submission or
 * decision, which the « expirant » tab counts down. A change applies only when newer than the
 * row's (`changedAt`): a late or redelivered event never undoes a newer one.
 */
@Entity({ tableName: 'procedure_retention' })
export class ProcedureRetention {
  @PrimaryKey({ type: 'uuid' })
  procedureId!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'int' })
  retentionMonths!: number;

  @Property({ type: 'timestamptz' })
  changedAt!: Date;
}
