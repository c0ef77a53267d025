import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import type { Actor, BatchAction } from '@guichet/contracts';

/**
 * A batch an agent started on up to 500 dossiers of a procedure (DS « actions multiples »): a job
 * run one dossier at a time by the BatchRunner, each in its own transaction with its item's result,
 * so a restart resumes where it stopped and no dossier is done twice.
 */
@Entity({ tableName: 'batch_operation' })
export class BatchOperation {
  [OptionalProps]?: 'motivation' | 'state' | 'succeeded' | 'failed' | 'capped' | 'createdAt' | 'finishedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  tenantId!: string;

  @Property({ type: 'uuid' })
  procedureId!: string;

  /** Who started it: each dossier is acted on as them, with their rights at that moment. */
  @Property({ type: 'jsonb' })
  actor!: Actor;

  @Property({ type: 'text' })
  action!: BatchAction;

  @Property({ type: 'text', nullable: true })
  motivation: string | null = null;

  @Property({ type: 'text' })
  state: 'en_cours' | 'termine' = 'en_cours';

  @Property({ type: 'integer' })
  total!: number;

  @Property({ type: 'integer', default: 0 })
  succeeded: number = 0;

  @Property({ type: 'integer', default: 0 })
  failed: number = 0;

  @Property({ type: 'boolean', default: false })
  capped: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}

/** One dossier of a batch and what happened to it. */
@Entity({ tableName: 'batch_operation_item' })
// The runner takes the next pending item of the oldest batch.
@Index({ name: 'batch_operation_item_pending_idx', expression: `create index "batch_operation_item_pending_idx" on "dossiers"."batch_operation_item" ("batch_id", "position") where "status" = 'en_attente'` })
export class BatchOperationItem {
  [OptionalProps]?: 'number' | 'status' | 'errorCode' | 'errorMessage' | 'doneAt';

  @PrimaryKey({ type: 'uuid' })
  batchId!: string;

  @PrimaryKey({ type: 'uuid' })
  dossierId!: string;

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'integer', nullable: true })
  number: number | null = null;

  @Property({ type: 'text' })
  status: 'en_attente' | 'fait' | 'refuse' = 'en_attente';

  @Property({ type: 'text', nullable: true })
  errorCode: string | null = null;

  @Property({ type: 'text', nullable: true })
  errorMessage: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  doneAt: Date | null = null;
}
