import { Entity, Index, PrimaryKey, Property } from '@mikro-orm/core';

/** An event written in the same transaction as the state change it describes. */
@Entity({ tableName: 'outbox_event' })
@Index({ name: 'outbox_event_pending_idx', properties: ['publishedAt', 'createdAt'] })
export class OutboxEvent {
  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  subject!: string;

  @Property({ type: 'jsonb' })
  envelope!: Record<string, unknown>;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  publishedAt?: Date | null = null;

  /** Until when a relay that claimed the row is publishing it; another relay takes it over after. */
  @Property({ type: 'timestamptz', nullable: true })
  claimedUntil?: Date | null = null;
}

/** Events a consumer has handled, written in the same transaction as the handler's effect. */
@Entity({ tableName: 'processed_event' })
export class ProcessedEvent {
  @PrimaryKey({ type: 'text' })
  consumer!: string;

  @PrimaryKey({ type: 'uuid' })
  eventId!: string;

  @Property({ type: 'timestamptz' })
  processedAt: Date = new Date();
}
