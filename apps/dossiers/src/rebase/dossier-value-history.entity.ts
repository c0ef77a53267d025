import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';
import type { FieldValue } from '@guichet/forms';

/**
 * A value a dossier lost when it moved onto a revision without its field: kept here so nothing the
 * usager typed is ever lost. `stableId` is the field's (a repetition child's: `<block>.rows.<i>.<child>`).
 */
@Entity({ tableName: 'dossier_value_history' })
@Index({ name: 'dossier_value_history_dossier_idx', properties: ['dossierId'] })
export class DossierValueHistory {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  dossierId!: string;

  /** The revision the value belonged to (the dossier's revision before the move). */
  @Property({ type: 'uuid' })
  revisionId!: string;

  @Property({ type: 'text' })
  stableId!: string;

  /** The field's label in that revision, so the history reads without the old revision. */
  @Property({ type: 'text' })
  label!: string;

  @Property({ type: 'jsonb' })
  value!: FieldValue;

  @Property({ type: 'timestamptz' })
  removedAt!: Date;
}
