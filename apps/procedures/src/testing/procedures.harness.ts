import { procedureContracts, procedureEvents, type BusContext, type EventDataOf, type EventEnvelope, type Procedure, type RequestContract, type RequestInputOf, type ResponseOf } from '@guichet/contracts';
import { contextToHeaders } from '@guichet/platform-bus';
import { OutboxRelay } from '@guichet/platform-persistence';
import { startServicesForTest, type TestPlatform } from '@guichet/platform-service';
import { Client } from 'pg';
import { AppModule } from '../app.module';
import { loadServiceConfig } from '../config';
import { definition } from '../service.definition';
import { administrateurOf, sampleFields, uniquePath } from './procedure.factories';

type PublishedEvent = EventEnvelope<EventDataOf<typeof procedureEvents.published>>;

/** The procedures service started in-process on real PostgreSQL and NATS, with test helpers. */
export interface ProceduresUnderTest {
  platform: TestPlatform;
  request<C extends RequestContract>(contract: C, payload: RequestInputOf<C>, ctx: BusContext): Promise<ResponseOf<C>>;
  /** Sends bytes as they are, to see what the receiving edge does with a payload the client did not check. */
  raw(contract: RequestContract, body: string, ctx: BusContext): Promise<unknown>;
  /** A procedure of the tenant, created by one of its administrateurs, optionally with a form. */
  createProcedure(tenantId: string, options?: { fields?: boolean; publish?: boolean; title?: string }): Promise<Procedure>;
  /** The `procedure.published` events on the stream for one procedure, in stream order. */
  publishedEvents(procedureId: string): Promise<PublishedEvent[]>;
  /** Outbox rows of the service for one procedure. */
  outboxRows(procedureId: string): Promise<{ id: string; subject: string; published_at: Date | null }[]>;
  sql<T>(text: string, values?: unknown[]): Promise<T[]>;
  relay(): OutboxRelay;
  stop(): Promise<void>;
}

export async function startProcedures(): Promise<ProceduresUnderTest> {
  const platform = await startServicesForTest([{ definition, createModule: (env) => AppModule.register(loadServiceConfig(env)) }]);
  const db = new Client({ connectionString: platform.databaseUrl });
  await db.connect();
  const app = platform.apps.get('procedures');
  if (app === undefined) throw new Error('procedures did not start');

  const sql = async <T>(text: string, values: unknown[] = []): Promise<T[]> => (await db.query(text, values)).rows as T[];

  const self: ProceduresUnderTest = {
    platform,
    request: (contract, payload, ctx) => platform.bus.request(contract, payload, ctx),
    async raw(contract, body, ctx) {
      const reply = await platform.bus.nc.request(platform.bus.names.wire(contract.subject), new TextEncoder().encode(body), { timeout: 5_000, headers: contextToHeaders(ctx) });
      return JSON.parse(new TextDecoder().decode(reply.data)) as unknown;
    },
    async createProcedure(tenantId, options = {}) {
      const admin = administrateurOf(tenantId);
      let procedure = await platform.bus.request(procedureContracts.create, { title: options.title ?? 'Aide aux associations', description: 'Une démarche de test.', path: uniquePath(), tenantName: 'Préfecture de test' }, admin);
      if (options.fields === true || options.publish === true) {
        procedure = await platform.bus.request(procedureContracts.updateDraft, { procedureId: procedure.id, fields: sampleFields() }, admin);
      }
      if (options.publish === true) procedure = await platform.bus.request(procedureContracts.publish, { procedureId: procedure.id }, admin);
      return procedure;
    },
    async publishedEvents(procedureId) {
      // The test's stream holds only this run's events: read them all by sequence, keep ours.
      const { events, bus } = platform;
      const subject = bus.names.wire(procedureEvents.published.subject);
      const { state } = await events.jsm.streams.info(bus.names.eventsStream);
      const envelopes: PublishedEvent[] = [];
      for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq += 1) {
        const stored = await events.jsm.streams.getMessage(bus.names.eventsStream, { seq }).catch(() => null);
        if (stored?.subject === subject) envelopes.push(stored.json<PublishedEvent>());
      }
      return envelopes.filter((envelope) => envelope.data.procedureId === procedureId);
    },
    outboxRows: (procedureId) => sql(`select id, subject, published_at from procedures.outbox_event where envelope->'data'->>'procedureId' = $1 order by created_at`, [procedureId]),
    sql,
    relay: () => app.get(OutboxRelay),
    async stop() {
      await db.end();
      await platform.stop();
    },
  };
  return self;
}
