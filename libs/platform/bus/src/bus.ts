import { randomUUID } from 'node:crypto';
import { SpanKind, SpanStatusCode, context as otelContext, trace } from '@opentelemetry/api';
import {
  GuichetError,
  errorBodySchema,
  fieldErrorsFromZod,
  type BusContext,
  type ErrorBody,
  type NoticeContract,
  type NoticeDataOf,
  type RequestContract,
  type RequestInputOf,
  type RequestOf,
  type ResponseOf,
} from '@guichet/contracts';
import type { Logger } from '@guichet/platform-logging';
import { connect, ErrorCode as NatsErrorCode, JSONCodec, NatsError, type Msg, type NatsConnection, type Subscription } from 'nats';
import { contextFromHeaders, contextToHeaders, otelContextFromHeaders } from './context';
import { BusNames } from './names';

const json = JSONCodec<unknown>();
const tracer = trace.getTracer('guichet-bus');

type ReplyEnvelope = { ok: true; data: unknown } | { ok: false; error: ErrorBody };

export interface BusOptions {
  servers: string;
  /** Connection name, shown by the NATS server. */
  name: string;
  namespace?: string;
  requestTimeoutMs?: number;
  logger: Logger;
}

export type RequestHandler<C extends RequestContract> = (payload: RequestOf<C>, ctx: BusContext) => Promise<ResponseOf<C>>;

/** Typed request/reply over NATS: requests validated at both ends, replies where they are received, errors as typed envelopes. */
export class Bus {
  private readonly subscriptions: Subscription[] = [];
  private readonly gapListeners: (() => void)[] = [];
  private watchingStatus = false;

  private constructor(
    readonly nc: NatsConnection,
    readonly names: BusNames,
    private readonly options: BusOptions,
  ) {}

  static async connect(options: BusOptions): Promise<Bus> {
    // noAsyncTraces: nats.js would otherwise capture two stack traces (new Error()) per request to
    // decorate errors that toGuichetError() turns into typed errors anyway.
    const nc = await connect({ servers: options.servers, name: options.name, maxReconnectAttempts: -1, reconnectTimeWait: 500, noAsyncTraces: true });
    return new Bus(nc, new BusNames(options.namespace), options);
  }

  get logger(): Logger {
    return this.options.logger;
  }

  get connected(): boolean {
    return !this.nc.isClosed() && !this.nc.isDraining();
  }

  /** Sends a request and returns the validated reply, or throws a GuichetError with a stable code. */
  async request<C extends RequestContract>(
    contract: C,
    payload: RequestInputOf<C>,
    ctx: BusContext,
    options: { timeoutMs?: number } = {},
  ): Promise<ResponseOf<C>> {
    const outgoing = contract.request.safeParse(payload, { reportInput: true });
    if (!outgoing.success) {
      throw new GuichetError('VALIDATION_FAILED', 'La requête est invalide.', fieldErrorsFromZod(outgoing.error));
    }
    return tracer.startActiveSpan(`${contract.subject} send`, { kind: SpanKind.CLIENT, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': contract.subject } }, async (span) => {
      try {
        const reply = await this.nc.request(this.names.wire(contract.subject), json.encode(outgoing.data), {
          timeout: options.timeoutMs ?? this.options.requestTimeoutMs ?? 10_000,
          headers: contextToHeaders(ctx),
        });
        const envelope = json.decode(reply.data) as ReplyEnvelope;
        if (!envelope.ok) {
          const body = errorBodySchema.safeParse(envelope.error);
          throw body.success ? GuichetError.fromBody(body.data) : new GuichetError('INTERNAL', 'Réponse invalide du service.');
        }
        const incoming = contract.response.safeParse(envelope.data);
        if (!incoming.success) {
          this.logger.error({ subject: contract.subject, issues: incoming.error.issues }, 'reply violates its contract');
          throw new GuichetError('CONTRACT_VIOLATION', 'Réponse du service non conforme à son contrat.');
        }
        return incoming.data as ResponseOf<C>;
      } catch (error) {
        span.setStatus({ code: SpanStatusCode.ERROR });
        throw toGuichetError(error, contract.subject);
      } finally {
        span.end();
      }
    });
  }

  /**
   * Broadcasts a notice to every listener (core NATS, not kept). Sent in order with what this
   * connection sends next, such as the reply of the request that made the change.
   */
  notify<C extends NoticeContract>(notice: C, data: NoticeDataOf<C>): void {
    if (!this.connected) return;
    try {
      this.nc.publish(this.names.wire(notice.subject), json.encode(notice.data.parse(data)));
    } catch (error) {
      // Not kept anyway: a listener that misses it is one that was disconnected, which drops its copies.
      this.logger.warn({ err: error as Error, subject: notice.subject }, 'notice not sent');
    }
  }

  /**
   * Calls `listener` for every notice received, synchronously and in the order the connection
   * receives messages, so a copy dropped on notice is dropped before any request that follows the
   * change is handled. A notice that breaks its contract is logged and skipped. `onGap` is called
   * whenever notices may have been missed (the connection was lost, or the server restarted).
   */
  listen<C extends NoticeContract>(notice: C, listener: (data: NoticeDataOf<C>) => void, onGap: () => void): void {
    const subject = this.names.wire(notice.subject);
    const subscription = this.nc.subscribe(subject, {
      callback: (error, msg) => {
        if (error) {
          this.logger.error({ err: error, subject }, 'subscription error');
          onGap();
          return;
        }
        let parsed: ReturnType<C['data']['safeParse']>;
        try {
          parsed = notice.data.safeParse(json.decode(msg.data)) as ReturnType<C['data']['safeParse']>;
        } catch {
          this.logger.warn({ subject }, 'unreadable notice skipped');
          return;
        }
        if (!parsed.success) {
          this.logger.warn({ subject, issues: parsed.error.issues }, 'notice violates its contract; skipped');
          return;
        }
        listener(parsed.data as NoticeDataOf<C>);
      },
    });
    this.subscriptions.push(subscription);
    this.gapListeners.push(onGap);
    this.watchStatus();
  }

  /** Disconnections and reconnections: notices sent meanwhile are lost, so listeners are told. */
  private watchStatus(): void {
    if (this.watchingStatus) return;
    this.watchingStatus = true;
    void (async () => {
      for await (const status of this.nc.status()) {
        if (status.type === 'disconnect' || status.type === 'reconnect') for (const onGap of this.gapListeners) onGap();
      }
    })().catch((error: unknown) => this.logger.error({ err: error as Error }, 'bus status watch stopped'));
  }

  /** Answers a request subject in the service's queue group (one replica handles each request). */
  serve<C extends RequestContract>(contract: C, handler: RequestHandler<C>): void {
    const subject = this.names.wire(contract.subject);
    const subscription = this.nc.subscribe(subject, {
      queue: contract.service,
      callback: (error, msg) => {
        if (error) {
          this.logger.error({ err: error, subject }, 'subscription error');
          return;
        }
        const parentContext = otelContextFromHeaders(msg.headers);
        void otelContext.with(parentContext, () =>
          tracer.startActiveSpan(`${contract.subject} process`, { kind: SpanKind.SERVER, attributes: { 'messaging.system': 'nats', 'messaging.destination.name': contract.subject } }, async (span) => {
            const reply = await this.handle(contract, handler, msg.data, contextFromHeaders(msg.headers));
            if (!reply.ok) span.setStatus({ code: SpanStatusCode.ERROR, message: reply.error.code });
            span.end();
            if (msg.reply) this.respond(msg, reply, contract.subject);
          }),
        );
      },
    });
    this.subscriptions.push(subscription);
  }

  /** A reply too large for NATS must not crash the process: the caller gets PAYLOAD_TOO_LARGE. */
  private respond(msg: Msg, reply: ReplyEnvelope, subject: string): void {
    try {
      msg.respond(json.encode(reply));
    } catch (error) {
      this.logger.error({ err: error as Error, subject }, 'reply could not be sent');
      try {
        msg.respond(json.encode({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE', message: 'La réponse est trop volumineuse ; demandez une page plus petite.' } } satisfies ReplyEnvelope));
      } catch {
        // The connection is gone: the caller times out, the process stays up.
      }
    }
  }

  private async handle<C extends RequestContract>(contract: C, handler: RequestHandler<C>, data: Uint8Array, ctx: BusContext): Promise<ReplyEnvelope> {
    let raw: unknown;
    try {
      raw = json.decode(data);
    } catch {
      return { ok: false, error: { code: 'CONTRACT_VIOLATION', message: 'Message illisible (JSON invalide).' } };
    }
    const payload = contract.request.safeParse(raw, { reportInput: true });
    if (!payload.success) {
      return {
        ok: false,
        error: { code: 'CONTRACT_VIOLATION', message: `Message non conforme au contrat ${contract.subject}.`, fields: fieldErrorsFromZod(payload.error) },
      };
    }
    try {
      // The reply is checked against its contract once, where it is received (`request`): the
      // caller must check it anyway (it may run another version than this service), and a second
      // parse here cost as much again for a page of dossiers.
      return { ok: true, data: await handler(payload.data as RequestOf<C>, ctx) };
    } catch (error) {
      if (error instanceof GuichetError) return { ok: false, error: { ...error.toBody(), ...(error.errorId ? { errorId: error.errorId } : {}) } };
      const errorId = randomUUID();
      this.logger.error({ err: error as Error, errorId, subject: contract.subject }, 'unexpected error in handler');
      return { ok: false, error: { code: 'INTERNAL', message: 'Erreur interne du service.', errorId } };
    }
  }

  /** Stops answering, lets in-flight messages finish, and closes the connection. */
  async drain(): Promise<void> {
    if (this.nc.isClosed()) return;
    await this.nc.drain();
  }
}

function toGuichetError(error: unknown, subject: string): GuichetError {
  if (error instanceof GuichetError) return error;
  if (error instanceof NatsError) {
    if (error.code === NatsErrorCode.NoResponders) return new GuichetError('UNAVAILABLE', `Service indisponible (${subject}).`);
    if (error.code === NatsErrorCode.MaxPayloadExceeded) return new GuichetError('PAYLOAD_TOO_LARGE', 'La requête est trop volumineuse.');
    if (error.code === NatsErrorCode.Timeout) return new GuichetError('TIMEOUT', `Le service n'a pas répondu à temps (${subject}).`);
  }
  return new GuichetError('UNAVAILABLE', `Service indisponible (${subject}).`);
}
