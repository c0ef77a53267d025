import { Entity, PrimaryKey, Property, Unique } from '@mikro-orm/core';
import type { LabelColor } from '@guichet/contracts';

/**
 * A label (« étiquette ») of a procedure: agents put it on dossiers. `nameKey` is the name without
 * case, accents or repeated spaces (`labelNameKey`): two labels of one procedure never share it.
 * `version` is bumped by every change and carried by the events, so the replica the dossiers service
 * keeps ignores an event older than what it holds.
 */
@Entity({ tableName: 'procedure_label' })
@Unique({ name: 'procedure_label_name_unique', properties: ['procedureId', 'nameKey'] })
export class ProcedureLabel {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  procedureId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  nameKey!: string;

  @Property({ type: 'text' })
  color!: LabelColor;

  @Property({ type: 'integer' })
  version: number = 1;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}
