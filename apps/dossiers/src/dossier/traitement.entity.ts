import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { dossierEvents, dossierStates, type DossierEvent, type DossierState } from '@guichet/dossier-state';
import { Dossier } from './dossier.entity';

/** One row per transition of a dossier (DS `traitements`): the history shown to agents and usagers. */
@Entity({ tableName: 'traitement' })
@Index({ name: 'traitement_dossier_idx', properties: ['dossier', 'at'] })
export class Traitement {
  [OptionalProps]?: 'justificatifFileId' | 'justificatifFileName';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @ManyToOne(() => Dossier, { deleteRule: 'cascade' })
  dossier!: Dossier;

  @Enum({ items: () => [...dossierEvents], type: 'text' })
  event!: DossierEvent;

  @Enum({ items: () => [...dossierStates], type: 'text' })
  fromState!: DossierState;

  @Enum({ items: () => [...dossierStates], type: 'text' })
  toState!: DossierState;

  @Property({ type: 'timestamptz' })
  at: Date = new Date();

  /** Null for the system (declarative mode, SVA/SVR, deadline). */
  @Property({ type: 'text', nullable: true })
  actorEmail: string | null = null;

  @Property({ type: 'text', nullable: true })
  motivation: string | null = null;

  /** A decision's justificatif (its file at documents, and the name documents stored), kept in the history. */
  @Property({ type: 'uuid', nullable: true })
  justificatifFileId: string | null = null;

  @Property({ type: 'text', nullable: true })
  justificatifFileName: string | null = null;
}
