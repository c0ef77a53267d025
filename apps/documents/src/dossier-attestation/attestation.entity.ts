import { Entity, Index, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

export type AttestationKind = 'acceptation' | 'refus';
export type AttestationStatus = 'ready' | 'withdrawn';

/**
 * The PDF generated for one decision (one traitement) on a dossier. One per traitement, so an event
 * delivered twice never makes two; withdrawn, not deleted, when the dossier returns to instruction.
 */
@Entity({ tableName: 'attestation' })
@Index({ name: 'attestation_dossier_idx', properties: ['tenantId', 'dossierId', 'generatedAt'] })
export class Attestation {
  [OptionalProps]?: 'status' | 'generatedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  dossierId!: string;

  @Property({ type: 'uuid' })
  @Unique({ name: 'attestation_traitement_unique' })
  traitementId!: string;

  @Property({ type: 'text' })
  kind!: AttestationKind;

  /** `attestations/<tenantId>/<dossierId>/<traitementId>.pdf` in the attestations bucket. */
  @Property({ type: 'text' })
  objectKey!: string;

  @Property({ type: 'text' })
  status: AttestationStatus = 'ready';

  @Property({ type: 'timestamptz' })
  generatedAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  withdrawnAt: Date | null = null;
}

/**
 * When a dossier last went back to instruction. A decision event retried after that (events may be
 * redelivered out of order) must not produce an attestation for a decision already undone.
 */
@Entity({ tableName: 'decision_withdrawal' })
export class DecisionWithdrawal {
  @PrimaryKey({ type: 'uuid' })
  dossierId!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  /** The time of the latest `repasser_en_instruction` event. */
  @Property({ type: 'timestamptz' })
  withdrawnThrough!: Date;
}
