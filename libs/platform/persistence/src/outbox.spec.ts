import { ChangeSetType, type EventSubscriber, type FlushEventArgs, type MikroORM, type TransactionEventArgs } from '@mikro-orm/core';
import type { EventBus } from '@guichet/platform-bus';
import type { Logger } from '@guichet/platform-logging';
import { describe, expect, it, vi } from 'vitest';
import { OutboxEvent } from './outbox.entity';
import { OutboxRelay } from './outbox';

class Dossier {}

/** A relay whose passes are counted, with the subscriber it registers on the ORM. */
function relayUnderTest() {
  const subscribers: EventSubscriber[] = [];
  const orm = { em: { getEventManager: () => ({ registerSubscriber: (subscriber: EventSubscriber) => subscribers.push(subscriber) }) } } as unknown as MikroORM;
  const relay = new OutboxRelay(orm, {} as EventBus, 'test', {} as Logger);
  const kick = vi.spyOn(relay, 'kick').mockImplementation(() => undefined);
  const subscriber = subscribers[0] as Required<Pick<EventSubscriber, 'afterFlush' | 'afterTransactionCommit'>>;
  return { relay, kick, subscriber };
}

function flushOf(entities: object[], transaction: unknown = undefined): FlushEventArgs {
  return {
    em: { getTransactionContext: () => transaction },
    uow: { getChangeSets: () => entities.map((entity) => ({ type: ChangeSetType.CREATE, entity })) },
  } as unknown as FlushEventArgs;
}

describe('waking the outbox relay', () => {
  it('does not pass after a handler that wrote no event (a read)', async () => {
    const { relay, kick, subscriber } = relayUnderTest();
    await relay.afterWork(async () => subscriber.afterFlush(flushOf([new Dossier()])));
    await relay.afterWork(async () => 'read');
    expect(kick).not.toHaveBeenCalled();
  });

  it('passes once after a handler that inserted outbox rows, when it is done (its transaction committed)', async () => {
    const { relay, kick, subscriber } = relayUnderTest();
    const transaction = Object.assign(() => undefined, { id: 'trx' });
    const value = await relay.afterWork(async () => {
      subscriber.afterFlush(flushOf([new Dossier(), new OutboxEvent()], transaction));
      subscriber.afterFlush(flushOf([new OutboxEvent()], transaction));
      subscriber.afterTransactionCommit({ transaction } as unknown as TransactionEventArgs);
      expect(kick).not.toHaveBeenCalled();
      return 42;
    });
    expect(value).toBe(42);
    expect(kick).toHaveBeenCalledTimes(1);
  });

  it('passes after a handler that failed once it had inserted rows (a commit of its own may precede the failure)', async () => {
    const { relay, kick, subscriber } = relayUnderTest();
    await expect(
      relay.afterWork(async () => {
        subscriber.afterFlush(flushOf([new OutboxEvent()]));
        throw new Error('later failure');
      }),
    ).rejects.toThrow('later failure');
    expect(kick).toHaveBeenCalledTimes(1);
  });

  it('keeps each concurrent handler to its own writes', async () => {
    const { relay, kick, subscriber } = relayUnderTest();
    let release: () => void = () => undefined;
    const slowRead = relay.afterWork(() => new Promise<void>((resolve) => (release = resolve)));
    await relay.afterWork(async () => subscriber.afterFlush(flushOf([new OutboxEvent()])));
    expect(kick).toHaveBeenCalledTimes(1);
    release();
    await slowRead;
    expect(kick).toHaveBeenCalledTimes(1);
  });

  it('outside a handler (jobs, workers), passes after the commit of the transaction that inserted rows', () => {
    const { kick, subscriber } = relayUnderTest();
    const transaction = Object.assign(() => undefined, { id: 'trx' });
    subscriber.afterFlush(flushOf([new OutboxEvent()], transaction));
    expect(kick).not.toHaveBeenCalled();
    subscriber.afterTransactionCommit({ transaction } as unknown as TransactionEventArgs);
    expect(kick).toHaveBeenCalledTimes(1);
    // Flushed outside a transaction: already committed.
    subscriber.afterFlush(flushOf([new OutboxEvent()]));
    expect(kick).toHaveBeenCalledTimes(2);
  });
});
