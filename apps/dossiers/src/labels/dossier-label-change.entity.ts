import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Dossier } from '../dossier/dossier.entity';

export const dossierLabelActions = ['added', 'removed'] as const;
export type DossierLabelAction = (typeof dossierLabelActions)[number];

/**
 * Who put a label on a dossier or took it off, and when (name copied: labels are renamed and
 * deleted). A label deleted by an administrateur leaves a `removed` row without an actor.
 */
@Entity({ tableName: 'dossier_label_change' })
@Index({ name: 'dossier_label_change_dossier_idx', properties: ['dossier', 'at'] })
export class DossierLabelChange {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Dossier, { deleteRule: 'cascade' })
  dossier!: Dossier;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  labelId!: string;

  @Property({ type: 'text' })
  labelName!: string;

  @Enum({ items: () => [...dossierLabelActions], type: 'text' })
  action!: DossierLabelAction;

  @Property({ type: 'uuid', nullable: true })
  actorAccountId: string | null = null;

  @Property({ type: 'text', nullable: true })
  actorEmail: string | null = null;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();
}
