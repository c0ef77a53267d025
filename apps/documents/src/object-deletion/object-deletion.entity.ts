import { Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * An S3 object to delete: the outbox of S3 deletions. Whoever deletes the database record of a
 * stored object inserts one of these in the same transaction; the sweeper removes the object after
 * the commit and then this row. An S3 failure leaves the row for a later attempt: the database
 * deletion is never undone and the consumer that caused it is never held up.
 */
@Entity({ tableName: 'object_deletion' })
@Index({ name: 'object_deletion_due_idx', properties: ['nextAttemptAt'] })
export class ObjectDeletion {
  [OptionalProps]?: 'attempts' | 'nextAttemptAt' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  bucket!: string;

  /** The key inside the bucket, prefix included. */
  @Property({ type: 'text' })
  objectKey!: string;

  /** Why (`dossier_deleted`…), for the log. */
  @Property({ type: 'text' })
  reason!: string;

  @Property({ type: 'integer' })
  attempts: number = 0;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz' })
  nextAttemptAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
