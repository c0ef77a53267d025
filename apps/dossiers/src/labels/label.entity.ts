import { Entity, PrimaryKey, Property } from '@mikro-orm/core';
import type { LabelColor } from '@guichet/contracts';

/**
 * This service's copy of the labels procedures owns (`procedure.label_changed` / `label_deleted`),
 * so that reading a dossier's labels, and later filtering the dashboard on them, needs no bus hop.
 * An event applies only when its `version` is above the row's: a late or redelivered event never
 * undoes a newer one. A deleted label stays as a tombstone (`deleted`), so a `label_changed` that
 * arrives after its deletion cannot bring it back.
 */
@Entity({ tableName: 'label' })
export class ReplicatedLabel {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  procedureId!: string;

  /** Empty for a tombstone never seen alive. */
  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  color!: LabelColor;

  @Property({ type: 'integer' })
  version!: number;

  @Property({ type: 'boolean' })
  deleted: boolean = false;
}
