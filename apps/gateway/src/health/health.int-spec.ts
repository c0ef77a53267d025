import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { healthPingContracts } from '@guichet/contracts';
import type { Bus } from '@guichet/platform-bus';
import { FakeServices } from '../testing/fake-services';
import { startGatewayForTest, type GatewayUnderTest } from '../testing/gateway.test-app';
import { TestBrowser } from '../testing/test-browser';

type Ready = { status: string; checks: { database: boolean; nats: boolean; services: Record<string, string> } };
const services = Object.keys(healthPingContracts) as (keyof typeof healthPingContracts)[];

describe('gateway: health', () => {
  let gateway: GatewayUnderTest;

  beforeAll(async () => {
    gateway = await startGatewayForTest();
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('is live as soon as the process answers', async () => {
    const response = await new TestBrowser(gateway.app).get('/health/live');
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'ok' });
  });

  it('is not ready (503, per-service status) while the services are missing', async () => {
    const response = await new TestBrowser(gateway.app).get<Ready>('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body.status).toBe('unavailable');
    expect(response.body.checks.database).toBe(true);
    expect(response.body.checks.nats).toBe(true);
    expect(response.body.checks.services).toEqual(Object.fromEntries(services.map((service) => [service, 'unavailable'])));
  });

  it('is ready when every service answers its ping, and not when one reports its database down or goes away', async () => {
    const platform: Bus = await gateway.connectBus('fake-platform');
    const fakes = new FakeServices(platform);
    for (const service of services) await fakes.on(healthPingContracts[service], () => ({ service, database: true }));
    const ready = await new TestBrowser(gateway.app).get<Ready>('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ok', checks: { database: true, nats: true, services: Object.fromEntries(services.map((service) => [service, 'ok'])) } });

    await fakes.on(healthPingContracts.documents, () => ({ service: 'documents', database: false }));
    const degraded = await new TestBrowser(gateway.app).get<Ready>('/health/ready');
    expect(degraded.status).toBe(503);
    expect(degraded.body.checks.services.documents).toBe('database_unavailable');
    expect(degraded.body.checks.services.procedures).toBe('ok');

    await platform.drain();
    const gone = await new TestBrowser(gateway.app).get<Ready>('/health/ready');
    expect(gone.status).toBe(503);
    expect(Object.values(gone.body.checks.services)).toEqual(services.map(() => 'unavailable'));
  });

  it('reports a service that does not answer within 2 s as timed out, in about 2 s', async () => {
    const slow = await gateway.connectBus('fake-slow');
    const fakes = new FakeServices(slow);
    await fakes.on(healthPingContracts.exports, () => new Promise(() => undefined));
    const started = Date.now();
    const response = await new TestBrowser(gateway.app).get<Ready>('/health/ready');
    expect(response.status).toBe(503);
    expect(response.body.checks.services.exports).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(4_000);
    await slow.drain();
  });
});
