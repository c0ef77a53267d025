import { Entity, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import { Dossier } from './dossier.entity';

/**
 * An instructeur follows a dossier (DS `follows`): it leaves the « à suivre » tab of every
 * instructeur of its group and enters the follower's « suivis ». Passing a dossier into
 * instruction makes its instructeur follow it.
 */
@Entity({ tableName: 'dossier_follow' })
@Index({ name: 'dossier_follow_account_idx', properties: ['accountId', 'dossier'] })
export class DossierFollow {
  @ManyToOne(() => Dossier, { primary: true, deleteRule: 'cascade' })
  dossier!: Dossier;

  @PrimaryKey({ type: 'uuid' })
  accountId!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  /** Shown to the other instructeurs (« suivi par »). */
  @Property({ type: 'text' })
  accountEmail!: string;

  @Property({ type: 'timestamptz' })
  followedAt: Date = new Date();
}
