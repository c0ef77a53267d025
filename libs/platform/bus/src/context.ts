import { context as otelContext, propagation, type Context } from '@opentelemetry/api';
import { actorSchema, headerNames, type BusContext } from '@guichet/contracts';
import { headers as natsHeaders, type MsgHdrs } from 'nats';

/** Tenant, actor and trace context travel in NATS headers. */
export function contextToHeaders(ctx: BusContext, extra?: Record<string, string>): MsgHdrs {
  const h = natsHeaders();
  if (ctx.tenantId) h.set(headerNames.tenant, ctx.tenantId);
  if (ctx.actor) h.set(headerNames.actor, Buffer.from(JSON.stringify(ctx.actor)).toString('base64url'));
  if (ctx.system) h.set(headerNames.system, ctx.system);
  const carrier: Record<string, string> = {};
  propagation.inject(otelContext.active(), carrier);
  const traceparent = carrier.traceparent ?? ctx.traceparent;
  if (traceparent) h.set(headerNames.traceparent, traceparent);
  if (carrier.tracestate) h.set('tracestate', carrier.tracestate);
  for (const [key, value] of Object.entries(extra ?? {})) h.set(key, value);
  return h;
}

export function contextFromHeaders(h: MsgHdrs | undefined): BusContext {
  const ctx: BusContext = {};
  if (!h) return ctx;
  const tenant = h.get(headerNames.tenant);
  if (tenant) ctx.tenantId = tenant;
  const system = h.get(headerNames.system);
  if (system) ctx.system = system;
  const traceparent = h.get(headerNames.traceparent);
  if (traceparent) ctx.traceparent = traceparent;
  const actor = h.get(headerNames.actor);
  if (actor) {
    try {
      const parsed = actorSchema.safeParse(JSON.parse(Buffer.from(actor, 'base64url').toString('utf8')));
      if (parsed.success) ctx.actor = parsed.data;
    } catch {
      // A malformed actor header is treated as no actor: authorization then refuses.
    }
  }
  return ctx;
}

/** The OpenTelemetry context carried by a message, so handler spans join the caller's trace. */
export function otelContextFromHeaders(h: MsgHdrs | undefined): Context {
  const carrier: Record<string, string> = {};
  const traceparent = h?.get(headerNames.traceparent);
  if (traceparent) carrier.traceparent = traceparent;
  const tracestate = h?.get('tracestate');
  if (tracestate) carrier.tracestate = tracestate;
  return propagation.extract(otelContext.active(), carrier);
}
