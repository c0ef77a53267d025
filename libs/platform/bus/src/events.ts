import { SpanKind, SpanStatusCode, context as otelContext, trace } from '@opentelemetry/api';
import { eventEnvelopeSchema, GuichetError, headerNames, type EventContract, type EventEnvelope } from '@guichet/contracts';
import type { Logger } from '@guichet/platform-logging';
import {
  AckPolicy,
  DeliverPolicy,
  headers as natsHeaders,
  JSONCodec,
  RetentionPolicy,
  StorageType,
  type ConsumerMessages,
  type JetStreamClient,
  type JetStreamManager,
  type JsMsg,
  type MsgHdrs,
} from 'nats';
import type { Bus } from './bus';
import { otelContextFromHeaders } from './context';

const json = JSONCodec<unknown>();
const tracer = trace.getTracer('guichet-events');
const day = 24 * 3600 * 1e9;

export interface ConsumerOptions {
  /** Durable consumer name, unique per service and event: `<service>__<purpose>`. */
  durable: string;
  /** Attempts before the event goes to the dead-letter subject. */
  maxDeliver?: number;
  /** Wait before each redelivery, in ms (the last value repeats). */
  backoffMs?: number[];
}

export type EventHandler<D> = (event: EventEnvelope<D>, delivery: { attempt: number }) => Promise<void>;

/** JetStream: the event stream, publication of outbox rows, and durable consumers. */
export class EventBus {
  private readonly running: ConsumerMessages[] = [];
  private readonly loops: Promise<void>[] = [];

  private constructor(
    private readonly bus: Bus,
    readonly jsm: JetStreamManager,
    readonly js: JetStreamClient,
  ) {}

  static async create(bus: Bus): Promise<EventBus> {
    const jsm = await bus.nc.jetstreamManager();
    const events = new EventBus(bus, jsm, bus.nc.jetstream());
    await events.ensureStreams();
    return events;
  }

  private get logger(): Logger {
    return this.bus.logger;
  }

  /** Creates the event and dead-letter streams when missing (idempotent, safe across replicas). */
  async ensureStreams(): Promise<void> {
    const { names } = this.bus;
    const wanted = [
      { name: names.eventsStream, subjects: [names.eventsFilter], max_age: 7 * day },
      { name: names.deadLetterStream, subjects: [names.deadLetterFilter], max_age: 30 * day },
    ];
    for (const stream of wanted) {
      try {
        await this.jsm.streams.info(stream.name);
      } catch {
        try {
          await this.jsm.streams.add({
            ...stream,
            retention: RetentionPolicy.Limits,
            storage: StorageType.File,
            duplicate_window: 2 * 60 * 1e9,
          });
        } catch (error) {
          // Another replica may have created it between our two calls.
          await this.jsm.streams.info(stream.name).catch(() => {
            throw error;
          });
        }
      }
    }
  }

  /** Publishes an envelope; the event id is the Nats-Msg-Id so a republished outbox row is dropped. */
  async publish(subject: string, envelope: EventEnvelope): Promise<void> {
    const h = natsHeaders();
    if (envelope.tenantId) h.set(headerNames.tenant, envelope.tenantId);
    if (envelope.traceparent) h.set(headerNames.traceparent, envelope.traceparent);
    await this.js.publish(this.bus.names.wire(subject), json.encode(envelope), { msgID: envelope.id, headers: h });
  }

  /**
   * Consumes one event type with a durable consumer, explicit acks, bounded redelivery with backoff,
   * and a dead-letter subject after the last attempt. The handler must be idempotent (see
   * platform-persistence's idempotent consumer, which records processed ids with the effect).
   */
  async consume<C extends EventContract>(contract: C, options: ConsumerOptions, handler: EventHandler<ReturnType<C['data']['parse']>>): Promise<void> {
    const { names } = this.bus;
    const maxDeliver = options.maxDeliver ?? 6;
    const backoff = options.backoffMs ?? [500, 2_000, 5_000, 15_000, 30_000];
    const config = {
      durable_name: options.durable,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      filter_subject: names.wire(contract.subject),
      // Safety net if a process dies on every attempt: the server stops after a few more.
      max_deliver: maxDeliver + 2,
      ack_wait: 60 * 1e9,
    };
    try {
      await this.jsm.consumers.info(names.eventsStream, options.durable);
    } catch {
      await this.jsm.consumers.add(names.eventsStream, config);
    }
    const consumer = await this.js.consumers.get(names.eventsStream, options.durable);
    const messages = await consumer.consume({ max_messages: 32 });
    this.running.push(messages);
    this.loops.push(
      (async () => {
        for await (const msg of messages) {
          await this.deliver(contract, options.durable, maxDeliver, backoff, msg, handler);
        }
      })().catch((error: unknown) => this.logger.error({ err: error, durable: options.durable }, 'consumer loop stopped')),
    );
  }

  private async deliver<C extends EventContract>(
    contract: C,
    durable: string,
    maxDeliver: number,
    backoff: number[],
    msg: JsMsg,
    handler: EventHandler<ReturnType<C['data']['parse']>>,
  ): Promise<void> {
    const attempt = msg.info.redeliveryCount;
    let envelope: EventEnvelope;
    try {
      const parsed = eventEnvelopeSchema.parse(json.decode(msg.data));
      envelope = { ...parsed, data: contract.data.parse(parsed.data) };
    } catch (error) {
      // A message that breaks its contract will never succeed: straight to the dead letters.
      await this.deadLetter(durable, msg, 'CONTRACT_VIOLATION', error);
      msg.term();
      return;
    }
    await otelContext.with(otelContextFromHeaders(msg.headers), () =>
      tracer.startActiveSpan(`${contract.subject} process`, { kind: SpanKind.CONSUMER, attributes: { 'messaging.system': 'nats', 'messaging.consumer.group.name': durable, 'messaging.message.id': envelope.id } }, async (span) => {
        try {
          await handler(envelope as EventEnvelope<ReturnType<C['data']['parse']>>, { attempt });
          msg.ack();
        } catch (error) {
          span.setStatus({ code: SpanStatusCode.ERROR });
          if (attempt >= maxDeliver) {
            this.logger.error({ err: error, durable, eventId: envelope.id, attempt }, 'event dead-lettered after last attempt');
            await this.deadLetter(durable, msg, error instanceof GuichetError ? error.code : 'HANDLER_FAILED', error);
            msg.term();
          } else {
            const delay = backoff[Math.min(attempt - 1, backoff.length - 1)] ?? 1_000;
            this.logger.warn({ err: error, durable, eventId: envelope.id, attempt, retryInMs: delay }, 'event handling failed, will retry');
            msg.nak(delay);
          }
        } finally {
          span.end();
        }
      }),
    );
  }

  private async deadLetter(durable: string, msg: JsMsg, reason: string, error: unknown): Promise<void> {
    const { names } = this.bus;
    const original = names.namespace ? msg.subject.slice(names.namespace.length + 1) : msg.subject;
    const h: MsgHdrs = natsHeaders();
    h.set('guichet-dead-letter-reason', reason);
    h.set('guichet-dead-letter-error', String(error instanceof Error ? error.message : error).slice(0, 500));
    h.set('guichet-original-subject', msg.subject);
    h.set('guichet-deliveries', String(msg.info.redeliveryCount));
    await this.js.publish(names.deadLetterSubject(durable, original), msg.data, { headers: h });
  }

  /** Stops every consumer; in-flight handlers finish first. */
  async stop(): Promise<void> {
    for (const messages of this.running) messages.stop();
    await Promise.allSettled(this.loops);
  }
}
