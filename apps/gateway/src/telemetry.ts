import { baseConfigSchema, loadConfig } from '@guichet/platform-config';
import { startTelemetry } from '@guichet/platform-observability';

// Imported first by main.ts: instrumentation must be in place before pg and http are loaded.
startTelemetry('gateway', loadConfig(baseConfigSchema.pick({ OTEL_EXPORTER_OTLP_ENDPOINT: true })).OTEL_EXPORTER_OTLP_ENDPOINT);
