import type { EntityManager, MikroORM } from '@mikro-orm/core';
import { defineEvent, type EventEnvelope } from '@guichet/contracts';
import type { ConsumerOptions, EventBus, EventHandler } from '@guichet/platform-bus';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { consumeOnce, processedEventInsert } from './idempotent-consumer';

const thingHappened = defineEvent('documents', 'thing.happened', 1, z.object({ kind: z.enum(['wanted', 'other']) }));
type Thing = z.infer<typeof thingHappened.data>;

const envelope = (kind: Thing['kind']): EventEnvelope<Thing> => ({
  id: crypto.randomUUID(),
  type: thingHappened.type,
  version: 1,
  occurredAt: new Date().toISOString(),
  tenantId: null,
  actor: null,
  traceparent: null,
  data: { kind },
});

/** consumeOnce on doubles: the delivery function it hands the bus, and what it asks of the ORM. */
async function consumerUnderTest(concerns?: (event: EventEnvelope<Thing>) => boolean, recordsProcessed?: boolean) {
  let deliver: EventHandler<Thing> | undefined;
  let busOptions: ConsumerOptions | undefined;
  const events = {
    consume: async (_contract: unknown, options: ConsumerOptions, handler: EventHandler<Thing>) => {
      busOptions = options;
      deliver = handler;
    },
  } as unknown as EventBus;
  const execute = vi.fn(async () => [{ event_id: 'x' }]);
  const tx = { getConnection: () => ({ execute }), getTransactionContext: () => undefined } as unknown as EntityManager;
  const transactional = vi.fn((work: (em: EntityManager) => Promise<void>) => work(tx));
  const fork = vi.fn(() => ({ transactional }));
  const orm = { em: { fork } } as unknown as MikroORM;
  const handler = vi.fn(async () => undefined);
  await consumeOnce(events, orm, 'test', thingHappened, { durable: 'documents__things', ...(concerns ? { concerns } : {}), ...(recordsProcessed ? { recordsProcessed } : {}) }, handler);
  if (deliver === undefined) throw new Error('not consuming');
  return { deliver, busOptions, fork, transactional, execute, handler };
}

describe('consumeOnce with `concerns`', () => {
  it('acknowledges an event the consumer has nothing to do with at once: no transaction, no processed record, no handler', async () => {
    const { deliver, busOptions, fork, handler } = await consumerUnderTest((event) => event.data.kind === 'wanted');
    expect(busOptions).toEqual({ durable: 'documents__things' });
    await deliver(envelope('other'), { attempt: 0 });
    expect(fork).not.toHaveBeenCalled();
    expect(handler).not.toHaveBeenCalled();
  });

  it('handles the events it has to do with as any other, in a transaction with their processed record', async () => {
    const { deliver, fork, execute, handler } = await consumerUnderTest((event) => event.data.kind === 'wanted');
    const wanted = envelope('wanted');
    await deliver(wanted, { attempt: 0 });
    expect(fork).toHaveBeenCalledTimes(1);
    expect(execute).toHaveBeenCalledWith(expect.stringContaining('processed_event'), ['documents__things', wanted.id], 'all', undefined);
    expect(handler).toHaveBeenCalledTimes(1);
  });

  it('without it, handles every event', async () => {
    const { deliver, handler } = await consumerUnderTest();
    await deliver(envelope('other'), { attempt: 0 });
    expect(handler).toHaveBeenCalledTimes(1);
  });
});

describe('consumeOnce with `recordsProcessed`', () => {
  it('calls the handler outside any transaction and records nothing itself: the handler’s statement does', async () => {
    const { deliver, busOptions, transactional, execute, handler } = await consumerUnderTest(undefined, true);
    expect(busOptions).toEqual({ durable: 'documents__things' });
    await deliver(envelope('other'), { attempt: 0 });
    expect(handler).toHaveBeenCalledTimes(1);
    expect(transactional).not.toHaveBeenCalled();
    expect(execute).not.toHaveBeenCalled();
  });

  it('gives the handler the insert of its record, which returns the event id only the first time', () => {
    const part = processedEventInsert('documents', 'documents__things', 'e1');
    expect(part.sql).toBe('insert into "documents"."processed_event" (consumer, event_id, processed_at) values (?, ?, now()) on conflict do nothing returning event_id');
    expect(part.params).toEqual(['documents__things', 'e1']);
  });
});
