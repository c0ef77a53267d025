import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import { Dossier } from '../dossier/dossier.entity';
import { ReplicatedLabel } from './label.entity';

/** A label on a dossier, put there by an agent. */
@Entity({ tableName: 'dossier_label' })
// The dashboard's filter on a label: the dossiers that have it.
@Index({ name: 'dossier_label_label_idx', properties: ['label', 'dossier'] })
export class DossierLabel {
  @ManyToOne(() => Dossier, { primary: true, deleteRule: 'cascade' })
  dossier!: Dossier;

  @ManyToOne(() => ReplicatedLabel, { primary: true, deleteRule: 'cascade' })
  label!: ReplicatedLabel;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid', nullable: true })
  addedByAccountId: string | null = null;

  @Property({ type: 'timestamptz' })
  addedAt: Date = new Date();
}
