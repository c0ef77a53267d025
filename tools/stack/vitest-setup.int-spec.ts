import { afterAll, describe, expect, it } from 'vitest';
import { isPortOpen } from '@guichet/platform-testing';
import { createFakeRoot, randomPorts } from './fake-root';
import { type ServiceStatus } from './stack';
import { setupStack } from './vitest-setup';

describe('setupStack (vitest global setup)', () => {
  const fake = createFakeRoot('vitest-setup-spec');
  afterAll(() => fake.remove());

  it('provides what the tests need and lets them kill and start services over HTTP', async () => {
    const ports = await randomPorts();
    const provided = new Map<string, unknown>();
    const project = { provide: (key: string, value: unknown) => void provided.set(key, value) };
    const teardown = await setupStack(project as never, { root: fake.root, ports, label: 'setupspec', log: () => undefined });
    try {
      expect(provided.get('gatewayUrl')).toBe(`http://127.0.0.1:${ports.gateway}`);
      expect(provided.get('mailApiUrl')).toBe(`http://127.0.0.1:${ports.smtpHttp}`);
      expect(provided.get('s3')).toEqual({ endpoint: '127.0.0.1', port: ports.s3, accessKey: 'S3RVER', secretKey: 'S3RVER' });
      expect(provided.get('busNamespace')).toMatch(/^setupspec_[0-9a-f]{8}$/);
      expect(provided.get('operator')).toEqual({ email: 'operateur@demo.guichet.local', password: 'operateur-demo-1' });
      expect(provided.get('databaseUrl')).toMatch(/\/guichet_setupspec_[0-9a-f]{8}$/);
      const controlUrl = provided.get('controlUrl') as string;

      const killed = await fetch(`${controlUrl}/kill/messaging`, { method: 'POST' });
      expect(killed.status).toBe(200);
      expect(((await killed.json()) as ServiceStatus).running).toBe(false);
      expect(await isPortOpen(ports.messaging)).toBe(false);

      const started = await fetch(`${controlUrl}/start/messaging`, { method: 'POST' });
      expect(started.status).toBe(200);
      expect(((await started.json()) as ServiceStatus).running).toBe(true);
      expect(await isPortOpen(ports.messaging)).toBe(true);

      const again = await fetch(`${controlUrl}/start/messaging`, { method: 'POST' });
      expect(again.status).toBe(500);
      expect(((await again.json()) as { error: string }).error).toMatch(/already running/);

      const status = (await (await fetch(`${controlUrl}/status`)).json()) as ServiceStatus[];
      expect(status.map((entry) => entry.name)).toEqual(['gateway', 'procedures', 'dossiers', 'messaging', 'experts', 'documents', 'exports']);
      expect((await fetch(`${controlUrl}/explode/messaging`, { method: 'POST' })).status).toBe(404);
      expect((await fetch(`${controlUrl}/kill/nope`, { method: 'POST' })).status).toBe(404);
    } finally {
      await teardown();
    }
    for (const port of Object.values(ports)) expect(await isPortOpen(port)).toBe(false);
  });
});
