import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An instructeur's request for an expert's opinion on a dossier, and the expert's answer. Experts
 * are national accounts found by e-mail address, so an avis is read by its tenant's agents (scoped
 * by tenant) or by its expert (scoped by address).
 */
@Entity({ tableName: 'avis' })
@Index({ name: 'avis_dossier_idx', properties: ['tenantId', 'dossierId', 'requestedAt'] })
@Index({ name: 'avis_expert_idx', properties: ['expertEmail', 'requestedAt'] })
export class Avis {
  [OptionalProps]?: 'requestedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** The dossier's tenant. */
  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  dossierId!: string;

  /** Copied from the dossier when asked, so the expert's list needs no call to dossiers. */
  @Property({ type: 'integer' })
  dossierNumber!: number;

  @Property({ type: 'text' })
  procedureTitle!: string;

  /** Lower case: the expert is recognised by the account's address, whatever its case. */
  @Property({ type: 'text' })
  expertEmail!: string;

  @Property({ type: 'text' })
  introduction!: string;

  /** Visible to the tenant's agents and to its expert only, never to other experts. */
  @Property({ type: 'boolean' })
  confidential!: boolean;

  /** A yes/no question the expert must answer, if any. */
  @Property({ type: 'text', nullable: true })
  question: string | null = null;

  @Property({ type: 'text', nullable: true })
  answer: string | null = null;

  @Property({ type: 'boolean', nullable: true })
  questionAnswer: boolean | null = null;

  @Property({ type: 'text' })
  requestedBy!: string;

  @Property({ type: 'uuid' })
  requestedByAccountId!: string;

  @Property({ type: 'timestamptz' })
  requestedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  answeredAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
