import { randomBytes } from 'node:crypto';
import type { ReceivedSpan } from '@guichet/platform-testing';
import { waitFor } from '@guichet/platform-testing';
import { describe, expect, inject, it } from 'vitest';
import { aPdf } from '../factories';
import { aPublishedProcedure, aSubmittedDossier, aTenantWithAgents, signUp } from './support/platform';

const SpanKindServer = 2;
const isSql = (span: ReceivedSpan): boolean => (span.attributes['db.system.name'] ?? span.attributes['db.system']) === 'postgresql';

async function spansOf(traceId: string): Promise<ReceivedSpan[]> {
  const response = await fetch(`${inject('otlpUrl')}/spans`);
  return ((await response.json()) as ReceivedSpan[]).filter((span) => span.traceId === traceId);
}

/** One request is one trace: the gateway's HTTP span, the NATS hop, the service's SQL. */
describe('tracing across HTTP, NATS and SQL', () => {
  it('follows a dossier read from the gateway to the dossiers service and its database', async () => {
    const tenant = await aTenantWithAgents();
    const procedure = await aPublishedProcedure(tenant);
    const { client: usager } = await signUp();
    const dossier = await aSubmittedDossier(usager, procedure, aPdf());

    // The caller starts the trace (W3C traceparent), as an upstream proxy or browser agent would.
    const traceId = randomBytes(16).toString('hex');
    const response = await usager.request('GET', `/api/dossiers/${dossier.id}`, undefined, { headers: { traceparent: `00-${traceId}-${randomBytes(8).toString('hex')}-01` } });
    expect(response.status).toBe(200);

    const hops = (spans: ReceivedSpan[]) => ({
      httpServer: spans.find((span) => span.service === 'guichet-gateway' && span.kind === SpanKindServer),
      busClient: spans.find((span) => span.service === 'guichet-gateway' && span.name === 'dossiers.dossier.get send'),
      busServer: spans.find((span) => span.service === 'guichet-dossiers' && span.name === 'dossiers.dossier.get process'),
      sql: spans.filter((span) => span.service === 'guichet-dossiers' && isSql(span)),
    });
    // Each process exports its spans in its own batches: wait until every hop has arrived.
    const { httpServer, busClient, busServer, sql } = await waitFor(
      async () => {
        const found = hops(await spansOf(traceId));
        return found.httpServer && found.busClient && found.busServer && found.sql.length > 0 ? found : undefined;
      },
      { timeoutMs: 20_000, intervalMs: 200, description: 'spans of the trace from every hop' },
    );
    expect(httpServer).toBeDefined();
    expect(busClient).toBeDefined();
    expect(busServer).toBeDefined();
    expect(sql.length).toBeGreaterThan(0);
    // Parenthood, not just a shared id: HTTP → bus send → bus process → SQL.
    expect(busServer?.parentSpanId).toBe(busClient?.spanId);
    expect(sql.some((span) => span.parentSpanId === busServer?.spanId)).toBe(true);
    expect(busClient?.parentSpanId).toBe(httpServer?.spanId);
    // Statements are exported without their literal values (no personal data in traces).
    const statement = String(sql[0]?.attributes['db.query.text'] ?? sql[0]?.attributes['db.statement'] ?? '');
    expect(statement).not.toContain(dossier.id);
  });
});
