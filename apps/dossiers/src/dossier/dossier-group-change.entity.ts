import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Dossier } from './dossier.entity';

/** A dossier handed from one instructor group to another (labels copied: groups may be renamed or deleted). */
@Entity({ tableName: 'dossier_group_change' })
@Index({ name: 'dossier_group_change_dossier_idx', properties: ['dossier', 'at'] })
export class DossierGroupChange {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Dossier, { deleteRule: 'cascade' })
  dossier!: Dossier;

  @Property({ type: 'uuid', nullable: true })
  fromGroupId: string | null = null;

  @Property({ type: 'text', nullable: true })
  fromLabel: string | null = null;

  @Property({ type: 'uuid' })
  toGroupId!: string;

  @Property({ type: 'text' })
  toLabel!: string;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  @Property({ type: 'text', nullable: true })
  actorEmail: string | null = null;
}
