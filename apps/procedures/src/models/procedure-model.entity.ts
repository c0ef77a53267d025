import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** A procedure its administrateurs share in the national catalogue of models. */
@Entity({ tableName: 'procedure_model' })
@Index({ name: 'procedure_model_shared_idx', properties: ['sharedAt', 'procedureId'] })
export class ProcedureModel {
  @PrimaryKey({ type: 'uuid' })
  procedureId!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'text' })
  description: string = '';

  @Property({ type: 'timestamptz' })
  sharedAt: Date = new Date();
}
