import { z } from 'zod';

/** A request/reply subject: `<service>.<aggregate>.<verb>`, with the payload and reply schemas. */
export interface RequestContract<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly kind: 'request';
  readonly subject: string;
  /** The service answering (its queue group). */
  readonly service: ServiceName;
  readonly request: Req;
  readonly response: Res;
}

/** A domain event: `events.<service>.<aggregate>.<event>.v<N>`. */
export interface EventContract<D extends z.ZodType = z.ZodType> {
  readonly kind: 'event';
  readonly subject: string;
  readonly type: string;
  readonly version: number;
  readonly data: D;
}

/**
 * A notice: a core NATS broadcast (`notices.<service>.<aggregate>.<what>`) every replica of every
 * listening service receives, at most once and not kept. It tells caches that something they hold
 * changed; it never carries a change another service must not miss (that is a domain event).
 */
export interface NoticeContract<D extends z.ZodType = z.ZodType> {
  readonly kind: 'notice';
  readonly subject: string;
  /** The only service that sends it. */
  readonly service: ServiceName;
  readonly data: D;
}

export const serviceNames = ['gateway', 'procedures', 'dossiers', 'messaging', 'experts', 'documents', 'exports'] as const;
export type ServiceName = (typeof serviceNames)[number];

export function defineRequest<Req extends z.ZodType, Res extends z.ZodType>(
  service: ServiceName,
  subject: `${string}.${string}.${string}`,
  request: Req,
  response: Res,
): RequestContract<Req, Res> {
  if (!subject.startsWith(`${service}.`)) throw new Error(`subject ${subject} must start with ${service}.`);
  return { kind: 'request', subject, service, request, response };
}

export function defineEvent<D extends z.ZodType>(
  service: ServiceName,
  type: `${string}.${string}`,
  version: number,
  data: D,
): EventContract<D> {
  return { kind: 'event', subject: `events.${service}.${type}.v${version}`, type: `${service}.${type}`, version, data };
}

export function defineNotice<D extends z.ZodType>(service: ServiceName, what: `${string}.${string}`, data: D): NoticeContract<D> {
  return { kind: 'notice', subject: `notices.${service}.${what}`, service, data };
}

/** What a handler receives (defaults applied). */
export type RequestOf<C extends RequestContract> = z.infer<C['request']>;
/** What a caller may send (fields with defaults are optional). */
export type RequestInputOf<C extends RequestContract> = z.input<C['request']>;
export type ResponseOf<C extends RequestContract> = z.infer<C['response']>;
export type EventDataOf<C extends EventContract> = z.infer<C['data']>;
export type NoticeDataOf<C extends NoticeContract> = z.infer<C['data']>;

export const actorSchema = z.object({
  accountId: z.string().uuid(),
  /** Roles held in the current tenant (agents) or national roles (usager, expert, operator). */
  roles: z.array(z.enum(['usager', 'instructeur', 'administrateur', 'expert', 'operator'])),
  email: z.string().email(),
  name: z.string().optional(),
});
export type Actor = z.infer<typeof actorSchema>;
export type Role = Actor['roles'][number];

/** What travels in NATS headers with every request and event. */
export interface BusContext {
  tenantId?: string;
  actor?: Actor;
  traceparent?: string;
  /** A test or system caller acting without an account (relay, SVA clock…). */
  system?: string;
}

export const eventEnvelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.string(),
  version: z.number().int().positive(),
  occurredAt: z.string(),
  tenantId: z.string().nullable(),
  actor: actorSchema.nullable(),
  traceparent: z.string().nullable(),
  data: z.unknown(),
});
export type EventEnvelope<D = unknown> = Omit<z.infer<typeof eventEnvelopeSchema>, 'data'> & { data: D };

export const headerNames = {
  tenant: 'guichet-tenant',
  actor: 'guichet-actor',
  traceparent: 'traceparent',
  system: 'guichet-system',
} as const;
