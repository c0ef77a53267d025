import type { Span } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { registerInstrumentations } from '@opentelemetry/instrumentation';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { AlwaysOffSampler, BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

let provider: NodeTracerProvider | undefined;

/**
 * Starts tracing for a process: HTTP server/client and PostgreSQL spans, W3C trace context (which the
 * bus carries in NATS headers), export over OTLP/HTTP when an endpoint is configured (without one,
 * spans only carry ids and SQL is not instrumented: see below). Must run before
 * `pg` and `http` are first required, so each app's main imports its telemetry file first.
 */
export function startTelemetry(service: string, otlpEndpoint?: string, extraProcessors: SpanProcessor[] = []): NodeTracerProvider {
  if (provider) return provider;
  const spanProcessors: SpanProcessor[] = [...extraProcessors];
  if (otlpEndpoint) spanProcessors.push(new BatchSpanProcessor(new OTLPTraceExporter({ url: `${otlpEndpoint.replace(/\/$/, '')}/v1/traces` })));
  const recording = spanProcessors.length > 0;
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': `guichet-${service}` }),
    spanProcessors,
    // With nowhere to send spans, none is recorded: spans still carry trace and span ids (logs and
    // the bus's traceparent keep them), but no attributes, events or timings are gathered for nothing.
    ...(recording ? {} : { sampler: new AlwaysOffSampler() }),
  });
  provider.register();
  registerInstrumentations({
    tracerProvider: provider,
    instrumentations: [
      // Always: the incoming request's span is what carries its trace id to the logs and the bus.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => request.url?.startsWith('/health') ?? false }),
      // SQL statements are leaves of the trace: followed only when their spans go somewhere.
      ...(recording ? [new PgInstrumentation({ enhancedDatabaseReporting: false, requestHook: (span, info) => maskStatement(span, info.query.text) })] : []),
    ],
  });
  return provider;
}

export async function stopTelemetry(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

/**
 * MikroORM inlines parameter values into the SQL it sends, so a raw statement would export personal
 * data (e-mails, names, session hashes) to the tracing backend. Literals are replaced by `?`.
 */
export function maskSqlLiterals(statement: string): string {
  return statement
    .replace(/'(?:[^']|'')*'/g, '?')
    .replace(/\b\d+(?:\.\d+)?\b/g, '?')
    .slice(0, 2000);
}

function maskStatement(span: Span, text: string | undefined): void {
  if (!text || !span.isRecording()) return;
  const masked = maskSqlLiterals(text);
  span.setAttribute('db.query.text', masked);
  span.setAttribute('db.statement', masked);
}
