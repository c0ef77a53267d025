import type { EntityManager, MikroORM } from '@mikro-orm/core';
import type { EventContract, EventDataOf, EventEnvelope } from '@guichet/contracts';
import type { ConsumerOptions, EventBus } from '@guichet/platform-bus';

export type TransactionalEventHandler<D> = (event: EventEnvelope<D>, em: EntityManager, delivery: { attempt: number }) => Promise<void>;

export interface OnceConsumerOptions<D = unknown> extends ConsumerOptions {
  /**
   * Whether the consumer has anything to do with an event. One it has nothing to do with is
   * acknowledged at once: no transaction, no processed record (there is no effect to keep from
   * happening twice). Must agree with the handler, which does nothing for those events.
   */
  concerns?: (event: EventEnvelope<D>) => boolean;
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
  const { concerns, ...consumerOptions } = options;
  await events.consume(contract, consumerOptions, (event, delivery) => unitOfWork(async () => {
    if (concerns !== undefined && !concerns(event as EventEnvelope<EventDataOf<C>>)) return;
    const em = orm.em.fork();
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
