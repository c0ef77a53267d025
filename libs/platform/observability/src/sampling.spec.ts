import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterEach, describe, expect, it } from 'vitest';
import { startTelemetry, stopTelemetry } from './index';

describe('startTelemetry: what spans record', () => {
  afterEach(async () => {
    await stopTelemetry();
  });

  it('records nothing when spans go nowhere, yet gives every span trace and span ids (for logs and the bus)', () => {
    const span = startTelemetry('test').getTracer('test').startSpan('work');
    expect(span.isRecording()).toBe(false);
    expect(span.spanContext().traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(span.spanContext().traceId).not.toBe('0'.repeat(32));
    expect(span.spanContext().spanId).toMatch(/^[0-9a-f]{16}$/);
    span.end();
  });

  it('records and exports spans when they go somewhere', () => {
    const exporter = new InMemorySpanExporter();
    const span = startTelemetry('test', undefined, [new SimpleSpanProcessor(exporter)]).getTracer('test').startSpan('work');
    expect(span.isRecording()).toBe(true);
    span.end();
    expect(exporter.getFinishedSpans().map((finished) => finished.name)).toEqual(['work']);
  });
});
