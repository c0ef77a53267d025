import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { EventContract, EventDataOf, EventEnvelope } from '@guichet/contracts';
import type { ConsumerOptions, EventBus } from '@guichet/platform-bus';
import type { SqlPart } from './outbox';

export type TransactionalEventHandler<D> = (event: EventEnvelope<D>, em: EntityManager, delivery: { attempt: number }) => Promise<void>;

export interface OnceConsumerOptions<D = unknown> extends ConsumerOptions {
  /**
   * Whether the consumer has anything to do with an event. One it has nothing to do with is
   * acknowledged at once: no transaction, no processed record (there is no effect to keep from
   * happening twice). Must agree with the handler, which does nothing for those events.
   */
  concerns?: (event: EventEnvelope<D>) => boolean;
  /**
   * The handler records the event as processed itself, in the one statement that writes its effect
   * (with `processedEventInsert`), instead of in a transaction opened around it: a handler that asks
   * other services, then writes once, holds no transaction (nor a connection) across its requests
   * and costs one statement instead of four. Its `em` is then outside any transaction.
   */
  recordsProcessed?: boolean;
}

/**
 * The insert of a consumer's processed-event record as one part of the handler's own statement
 * (`with processed as (${part.sql}) …`, its effect written `from processed`), for a consumer declared
 * with `recordsProcessed`: it returns the event id when the event is new, and nothing when it was
 * already handled, so the effect written from it happens once.
 */
export function processedEventInsert(schema: string, consumer: string, eventId: string): SqlPart {
  return {
    sql: `insert into "${schema}"."processed_event" (consumer, event_id, processed_at) values (?, ?, now()) on conflict do nothing returning event_id`,
    params: [consumer, eventId],
  };
}

/**
 * Consumes an event so that its effect happens once: the processed event id is inserted first, in
 * the same transaction as the handler's writes. A redelivered event finds its id and is skipped; a
 * failed handler rolls back its id with its writes and is retried.
 */
export async function consumeOnce<C extends EventContract>(
  events: EventBus,
  orm: MikroORM,
  schema: string,
  contract: C,
  options: OnceConsumerOptions<EventDataOf<C>>,
  handler: TransactionalEventHandler<EventDataOf<C>>,
  /** Wraps each delivery, transaction and commit included (the outbox relay's `afterWork`). */
  unitOfWork: (work: () => Promise<void>) => Promise<void> = (work) => work(),
): Promise<void> {
  const { concerns, recordsProcessed, ...consumerOptions } = options;
  await events.consume(contract, consumerOptions, (event, delivery) => unitOfWork(async () => {
    if (concerns !== undefined && !concerns(event as EventEnvelope<EventDataOf<C>>)) return;
    const em = orm.em.fork();
    if (recordsProcessed === true) {
      await handler(event as EventEnvelope<EventDataOf<C>>, em, delivery);
      return;
    }
    await em.transactional(async (tx) => {
      const inserted = (await tx.getConnection().execute(
        `insert into "${schema}"."processed_event" (consumer, event_id, processed_at) values (?, ?, now()) on conflict do nothing returning event_id`,
        [options.durable, event.id],
        'all',
        tx.getTransactionContext(),
      )) as unknown[];
      if (inserted.length === 0) return;
      await handler(event as EventEnvelope<EventDataOf<C>>, tx, delivery);
    });
  }));
}
