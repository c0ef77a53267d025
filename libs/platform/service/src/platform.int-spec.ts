import { randomUUID } from 'node:crypto';
import { Entity, MikroORM, PrimaryKey, Property } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { z } from 'zod';
import { defineEvent, defineRequest, GuichetError, type BusContext, type EventEnvelope } from '@guichet/contracts';
import { Bus, EventBus } from '@guichet/platform-bus';
import { baseConfigSchema, loadConfig } from '@guichet/platform-config';
import type { Logger } from '@guichet/platform-logging';
import { addToOutbox, OutboxRelay } from '@guichet/platform-persistence';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnEvent, OnRequest } from './handlers.decorator';
import { PlatformModule } from './platform.module';

const namespace = `t${randomUUID().slice(0, 8)}`;
const schema = `platform_test_${namespace}`;

@Entity({ tableName: 'note' })
class Note {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'text' }) text!: string;
  @Property({ type: 'text', nullable: true }) tenantId?: string | null;
}

@Entity({ tableName: 'effect' })
class Effect {
  @PrimaryKey({ type: 'uuid' }) id!: string;
  @Property({ type: 'uuid' }) noteId!: string;
}

const createNote = defineRequest('procedures', 'procedures.note.create', z.object({ text: z.string().min(1) }), z.object({ id: z.string().uuid(), tenantId: z.string().nullable() }));
const failNote = defineRequest('procedures', 'procedures.note.fail', z.object({}), z.object({}));
const badReplyNote = defineRequest('procedures', 'procedures.note.bad_reply', z.object({}), z.object({ id: z.string().uuid() }));
const hugeNote = defineRequest('procedures', 'procedures.note.huge', z.object({}), z.object({ text: z.string() }));
const noteCreated = defineEvent('procedures', 'note.created', 1, z.object({ noteId: z.string().uuid(), text: z.string() }));

const attempts = new Map<string, number>();

@Injectable()
class NoteHandlers {
  constructor(private readonly em: EntityManager) {}

  @OnRequest(createNote)
  async create(payload: { text: string }, ctx: BusContext) {
    const note = this.em.create(Note, { id: randomUUID(), text: payload.text, tenantId: ctx.tenantId ?? null });
    addToOutbox(this.em, noteCreated, { noteId: note.id, text: note.text }, ctx);
    await this.em.flush();
    return { id: note.id, tenantId: note.tenantId ?? null };
  }

  @OnRequest(failNote)
  async fail(): Promise<Record<string, never>> {
    throw new Error('boom');
  }

  @OnRequest(badReplyNote)
  async badReply(): Promise<{ id: string }> {
    return { id: 42 } as unknown as { id: string };
  }

  @OnRequest(hugeNote)
  async huge(): Promise<{ text: string }> {
    return { text: 'x'.repeat(2 * 1024 * 1024) };
  }

  @OnEvent(noteCreated, { durable: 'procedures__effects', maxDeliver: 3, backoffMs: [50] })
  async onNoteCreated(event: EventEnvelope<{ noteId: string; text: string }>, em: EntityManager) {
    attempts.set(event.data.text, (attempts.get(event.data.text) ?? 0) + 1);
    if (event.data.text === 'poison') throw new GuichetError('CONFLICT', 'always fails');
    if (event.data.text === 'flaky' && (attempts.get('flaky') ?? 0) < 2) throw new Error('transient');
    em.create(Effect, { id: randomUUID(), noteId: event.data.noteId });
  }
}

const config = loadConfig(baseConfigSchema, {
  NATS_URL: 'nats://127.0.0.1:4222',
  DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres',
  BUS_NAMESPACE: namespace,
  LOG_LEVEL: 'silent',
});

@Module({
  imports: [PlatformModule.forRoot({ service: 'procedures', orm: { schema, entities: [Note, Effect], migrations: [], migrationsPath: '.tmp/none' } }, config)],
  providers: [NoteHandlers],
})
class TestModule {}

async function until<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('platform: bus, outbox, idempotent consumers', () => {
  let app: INestApplicationContext;
  let bus: Bus;
  let orm: MikroORM;

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    orm = app.get(MikroORM);
    await orm.schema.createSchema({ schema });
    await app.init();
    bus = app.get(Bus);
  });

  afterAll(async () => {
    const events = app.get(EventBus);
    await app.close();
    const raw = await MikroORM.init({ ...orm.config.getAll(), entities: [Note, Effect], migrations: {} } as never).catch(() => undefined);
    await raw?.em.getConnection().execute(`drop schema if exists "${schema}" cascade`);
    await raw?.close();
    await events.jsm.streams.delete(`GUICHET_EVENTS_${namespace}`).catch(() => undefined);
    await events.jsm.streams.delete(`GUICHET_EVENTS_${namespace}_DLQ`).catch(() => undefined);
  });

  const effectsFor = async (noteId: string) => orm.em.fork().count(Effect, { noteId });

  it('answers a typed request with the tenant from the headers and publishes its event once', async () => {
    const reply = await bus.request(createNote, { text: 'hello' }, { tenantId: 'tenant-a' });
    expect(reply.tenantId).toBe('tenant-a');
    await until(async () => ((await effectsFor(reply.id)) === 1 ? true : undefined));
  });

  it('refuses a payload that breaks the contract, on the sender side and on the receiver side', async () => {
    await expect(bus.request(createNote, { text: '' }, {})).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    const raw = await bus.nc.request(`${namespace}.procedures.note.create`, new TextEncoder().encode('{"text": 42}'));
    expect(JSON.parse(new TextDecoder().decode(raw.data))).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
    const garbage = await bus.nc.request(`${namespace}.procedures.note.create`, new TextEncoder().encode('not json'));
    expect(JSON.parse(new TextDecoder().decode(garbage.data))).toMatchObject({ ok: false, error: { code: 'CONTRACT_VIOLATION' } });
  });

  it('turns an unexpected handler error into INTERNAL with an errorId, never a raw error', async () => {
    await expect(bus.request(failNote, {}, {})).rejects.toMatchObject({ code: 'INTERNAL', errorId: expect.any(String) as string });
  });

  it('refuses a reply that breaks its contract where it is received, never handing it over', async () => {
    await expect(bus.request(badReplyNote, {}, {})).rejects.toMatchObject({ code: 'CONTRACT_VIOLATION' });
  });

  it('answers PAYLOAD_TOO_LARGE when a reply exceeds the NATS limit, and keeps serving', async () => {
    await expect(bus.request(hugeNote, {}, {})).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
    await expect(bus.request(createNote, { text: 'still up' }, {})).resolves.toMatchObject({ tenantId: null });
  });

  it('has no second effect when the same event is delivered twice', async () => {
    const reply = await bus.request(createNote, { text: 'twice' }, {});
    await until(async () => ((await effectsFor(reply.id)) === 1 ? true : undefined));
    const row = await orm.em.fork().getConnection().execute(`select envelope from "${schema}".outbox_event where envelope->'data'->>'noteId' = ?`, [reply.id]);
    const envelope = (row[0] as { envelope: EventEnvelope }).envelope;
    // Publish it again under a fresh message id so JetStream's dedupe does not hide it.
    const events = app.get(EventBus);
    const ack = await events.js.publish(`${namespace}.${noteCreated.subject}`, new TextEncoder().encode(JSON.stringify(envelope)));
    // Wait until the consumer has acknowledged the duplicate.
    await until(async () => {
      const info = await events.jsm.consumers.info(`GUICHET_EVENTS_${namespace}`, 'procedures__effects');
      return info.ack_floor.stream_seq >= ack.seq ? true : undefined;
    });
    expect(attempts.get('twice')).toBe(1);
    expect(await effectsFor(reply.id)).toBe(1);
  });

  it('retries a failing handler with backoff, then succeeds', async () => {
    const reply = await bus.request(createNote, { text: 'flaky' }, {});
    await until(async () => ((await effectsFor(reply.id)) === 1 ? true : undefined));
    expect(attempts.get('flaky')).toBe(2);
  });

  it('sends an event that keeps failing to the dead-letter subject after the last attempt', async () => {
    const events = app.get(EventBus);
    const reply = await bus.request(createNote, { text: 'poison' }, {});
    const dead = await until(async () => {
      const info = await events.jsm.streams.info(`GUICHET_EVENTS_${namespace}_DLQ`);
      return info.state.messages > 0 ? info : undefined;
    });
    expect(dead.state.messages).toBe(1);
    expect(attempts.get('poison')).toBe(3);
    expect(await effectsFor(reply.id)).toBe(0);
  });
});

describe('outbox relay: claims shared by replicas, released on failure, taken over after a lease', () => {
  const relaySchema = `${schema}_relay`;
  const subject = 'events.procedures.relay_probe.v1';
  let app: INestApplicationContext;
  let orm: MikroORM;
  let events: EventBus;

  beforeAll(async () => {
    app = await NestFactory.createApplicationContext(TestModule, { logger: false });
    orm = app.get(MikroORM);
    events = app.get(EventBus);
    // An outbox of its own (the columns and index of the entity's migrations): the service's relay never sees these rows.
    const connection = orm.em.getConnection();
    await connection.execute(`create schema if not exists "${relaySchema}"`);
    await connection.execute(
      `create table "${relaySchema}"."outbox_event" (id uuid primary key, subject text not null, envelope jsonb not null, created_at timestamptz not null, published_at timestamptz null, claimed_until timestamptz null)`,
    );
    await connection.execute(`create index on "${relaySchema}"."outbox_event" (published_at, created_at)`);
  });

  afterAll(async () => {
    await orm.em.getConnection().execute(`drop schema if exists "${relaySchema}" cascade`);
    await app.close();
  });

  const logger = { warn: () => undefined } as unknown as Logger;

  /** An event bus that counts what it is asked to publish, and can fail or hang after `okCount`. */
  function countingBus(mode: { failAfter?: number; hangAfter?: number } = {}) {
    const published: string[] = [];
    const bus = {
      publish: async (wireSubject: string, envelope: EventEnvelope) => {
        if (mode.failAfter !== undefined && published.length >= mode.failAfter) throw new Error('NATS down');
        if (mode.hangAfter !== undefined && published.length >= mode.hangAfter) return new Promise<void>(() => undefined);
        await events.publish(wireSubject, envelope);
        published.push(envelope.id);
      },
    } as unknown as EventBus;
    return { bus, published };
  }

  async function insertPending(count: number): Promise<string[]> {
    const ids = Array.from({ length: count }, () => randomUUID());
    const rows = ids.map((id, index) => ({
      id,
      subject,
      envelope: { id, type: 'procedures.relay_probe', version: 1, occurredAt: new Date().toISOString(), tenantId: null, actor: null, traceparent: null, data: { index } },
      created_at: new Date(Date.now() + index).toISOString(),
    }));
    await orm.em
      .getConnection()
      .execute(`insert into "${relaySchema}"."outbox_event" (id, subject, envelope, created_at) select id, subject, envelope, created_at from jsonb_to_recordset(?::jsonb) as o(id uuid, subject text, envelope jsonb, created_at timestamptz)`, [JSON.stringify(rows)]);
    return ids;
  }

  const pendingCount = async () => Number(((await orm.em.getConnection().execute(`select count(*) as n from "${relaySchema}"."outbox_event" where published_at is null`)) as { n: string }[])[0]?.n);

  it('publishes each row once when two relays drain the same outbox at the same time, in order within a relay', async () => {
    const ids = await insertPending(250);
    const a = countingBus();
    const b = countingBus();
    const [fromA, fromB] = await Promise.all([new OutboxRelay(orm, a.bus, relaySchema, logger).drain(), new OutboxRelay(orm, b.bus, relaySchema, logger).drain()]);
    expect(fromA + fromB).toBe(250);
    expect([...a.published, ...b.published].sort()).toEqual([...ids].sort());
    for (const published of [a.published, b.published]) {
      const positions = published.map((id) => ids.indexOf(id));
      expect(positions).toEqual([...positions].sort((x, y) => x - y));
    }
    expect(await pendingCount()).toBe(0);
  });

  it('marks what it published and releases the rest when a publication fails, so the next pass goes on at once', async () => {
    const ids = await insertPending(12);
    const failing = countingBus({ failAfter: 5 });
    await expect(new OutboxRelay(orm, failing.bus, relaySchema, logger).drain()).rejects.toThrow('NATS down');
    expect(failing.published).toEqual(ids.slice(0, 5));
    expect(await pendingCount()).toBe(7);
    const next = countingBus();
    await new OutboxRelay(orm, next.bus, relaySchema, logger).drain();
    expect(next.published).toEqual(ids.slice(5));
    expect(await pendingCount()).toBe(0);
  });

  it('leaves the rows of a relay stuck mid-pass to another once their lease has ended, not before', async () => {
    const ids = await insertPending(4);
    const stuck = countingBus({ hangAfter: 1 });
    void new OutboxRelay(orm, stuck.bus, relaySchema, logger, 500, 1_500).drain();
    await until(async () => (stuck.published.length === 1 ? true : undefined));
    const other = countingBus();
    const relay = new OutboxRelay(orm, other.bus, relaySchema, logger);
    expect(await relay.drain()).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 1_600));
    // The row the stuck relay published but could not mark goes again (JetStream's duplicate window drops it).
    expect(await relay.drain()).toBe(4);
    expect(other.published).toEqual(ids);
    expect(await pendingCount()).toBe(0);
  });
});
