import type { EntityManager, EventSubscriber, MikroORM, TransactionEventArgs } from '@mikro-orm/core';
import { defineEvent, type BusContext } from '@guichet/contracts';
import type { EventBus } from '@guichet/platform-bus';
import type { Logger } from '@guichet/platform-logging';
import { describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { OutboxRelay, outboxInsert, outboxRow, outboxRowsWritten, outboxTimestamp } from './outbox';

const thingHappened = defineEvent('dossiers', 'thing.happened', 1, z.object({ name: z.string().trim() }));

/** A relay whose passes are counted, and an EntityManager whose event manager holds its subscriber. */
function relayUnderTest() {
  const subscribers = new Set<EventSubscriber>();
  const eventManager = { registerSubscriber: (subscriber: EventSubscriber) => subscribers.add(subscriber), getSubscribers: () => subscribers };
  const orm = { em: { getEventManager: () => eventManager } } as unknown as MikroORM;
  const relay = new OutboxRelay(orm, {} as EventBus, 'test', {} as Logger);
  const kick = vi.spyOn(relay, 'kick').mockImplementation(() => undefined);
  const emIn = (transaction: unknown) => ({ getEventManager: () => eventManager, getTransactionContext: () => transaction }) as unknown as EntityManager;
  const subscriber = [...subscribers][0] as Required<Pick<EventSubscriber, 'afterTransactionCommit'>>;
  return { relay, kick, emIn, subscriber };
}

describe('outbox rows written by a statement', () => {
  it('are stamped in microseconds, each strictly after the previous one, so rows made in one go keep their order', () => {
    // An hour ahead, so that no earlier stamp of this process is later.
    const at = Math.floor(Date.now() / 1_000) * 1_000 + 3_600_000;
    const stamps = [outboxTimestamp(at), outboxTimestamp(at), outboxTimestamp(at), outboxTimestamp(at + 1)];
    expect(stamps.slice(0, 3)).toEqual([0, 1, 2].map((micros) => `${new Date(at).toISOString().slice(0, -1)}00${micros}Z`));
    for (let index = 1; index < stamps.length; index += 1) expect(Date.parse(stamps[index] as string) * 1_000 + Number(stamps[index]?.slice(23, 26))).toBeGreaterThan(Date.parse(stamps[index - 1] as string) * 1_000 + Number(stamps[index - 1]?.slice(23, 26)));
    const rows = [outboxRow(thingHappened, { name: 'a' }, {}), outboxRow(thingHappened, { name: 'b' }, {})];
    expect(rows[0]?.createdAt.localeCompare(rows[1]?.createdAt ?? '')).toBe(-1);
  });

  it('are built as addToOutbox builds them: the data checked by the contract, the caller’s actor and trace, the tenant', () => {
    const ctx: BusContext = { tenantId: '6f1c7c2e-8d6f-4e0a-9a53-6f8f4f0f0a01', actor: { accountId: '0b7a5c1e-3a0e-4d55-8f57-2b1e0c9d8e11', roles: ['usager'], email: 'u@example.fr' }, traceparent: '00-abc-def-01' };
    const row = outboxRow(thingHappened, { name: '  padded  ' }, ctx);
    expect(row).toMatchObject({ id: row.envelope.id, subject: thingHappened.subject, createdAt: expect.any(String) as string });
    expect(row.envelope).toMatchObject({ type: thingHappened.type, version: 1, tenantId: ctx.tenantId, actor: ctx.actor, traceparent: '00-abc-def-01', data: { name: 'padded' } });
    expect(() => outboxRow(thingHappened, { name: 42 } as unknown as { name: string }, ctx)).toThrow();
  });

  it('wake the relay once the handler that wrote them is done, like a flush of outbox entities', async () => {
    const { relay, kick, emIn } = relayUnderTest();
    await relay.afterWork(async () => {
      outboxRowsWritten(emIn(Object.assign(() => undefined, { id: 'trx' })));
      expect(kick).not.toHaveBeenCalled();
    });
    expect(kick).toHaveBeenCalledTimes(1);
    await relay.afterWork(async () => 'a read');
    expect(kick).toHaveBeenCalledTimes(1);
  });

  it('outside a handler, wake the relay after the commit of their transaction, or at once when written outside of one', () => {
    const { kick, emIn, subscriber } = relayUnderTest();
    const transaction = Object.assign(() => undefined, { id: 'trx' });
    outboxRowsWritten(emIn(transaction));
    expect(kick).not.toHaveBeenCalled();
    subscriber.afterTransactionCommit({ transaction } as unknown as TransactionEventArgs);
    expect(kick).toHaveBeenCalledTimes(1);
    outboxRowsWritten(emIn(undefined));
    expect(kick).toHaveBeenCalledTimes(2);
  });
});

describe('outbox rows inserted by a part of a statement', () => {
  const ctx: BusContext = { tenantId: '6f1c7c2e-8d6f-4e0a-9a53-6f8f4f0f0a01' };
  const rows = [outboxRow(thingHappened, { name: 'a' }, ctx), outboxRow(thingHappened, { name: 'b' }, ctx)];

  it('carries the rows as one JSON parameter, with the columns of an OutboxEvent', () => {
    const part = outboxInsert('dossiers', rows);
    expect(part.sql).toContain('insert into "dossiers"."outbox_event" (id, subject, envelope, created_at, published_at)');
    expect(part.sql).not.toContain('where');
    expect(JSON.parse(part.params[0] as string)).toEqual(rows.map((row) => ({ id: row.id, subject: row.subject, envelope: row.envelope, created_at: row.createdAt })));
  });

  it('writes them only when another part of the statement returned rows, or per row for the keys it returned', () => {
    expect(outboxInsert('dossiers', rows, { cte: 'updated' }).sql).toContain('where exists (select from updated)');
    const keyed = outboxInsert('messaging', rows, { cte: 'sent', column: 'id', keys: ['e1', 'e2'] });
    expect(keyed.sql).toContain('where o.key in (select "id"::text from sent)');
    expect((JSON.parse(keyed.params[0] as string) as { key: string }[]).map((row) => row.key)).toEqual(['e1', 'e2']);
    expect(() => outboxInsert('messaging', rows, { cte: 'sent', column: 'id', keys: ['e1'] })).toThrow(/one key per row/);
  });
});
