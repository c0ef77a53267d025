import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServicesForTest, type TestPlatform } from '@guichet/platform-service';
import { startGatewayForTest, type GatewayUnderTest } from '../../apps/gateway/src/testing/gateway.test-app';
import { AppModule as ProceduresModule } from '../../apps/procedures/src/app.module';
import { loadServiceConfig as loadProceduresConfig } from '../../apps/procedures/src/config';
import { definition as proceduresDefinition } from '../../apps/procedures/src/service.definition';
import { demoProcedures } from './demo-procedures';
import { GatewayClient } from './gateway.client';
import { demoPassword, seed } from './seed';

/** The seed against the real gateway (listening on a port) and the real procedures service. */
describe('demo seed', () => {
  let gateway: GatewayUnderTest;
  let procedures: TestPlatform;
  let gatewayUrl: string;
  let folder: string;

  beforeAll(async () => {
    gateway = await startGatewayForTest();
    procedures = await startServicesForTest([{ definition: proceduresDefinition, createModule: (env) => ProceduresModule.register(loadProceduresConfig(env)) }], { BUS_NAMESPACE: gateway.namespace });
    await gateway.app.listen({ port: 0, host: '127.0.0.1' });
    gatewayUrl = `http://127.0.0.1:${(gateway.app.getHttpServer().address() as AddressInfo).port}`;
    folder = await mkdtemp(join(tmpdir(), 'guichet-seed-'));
  });
  afterAll(async () => {
    await procedures?.stop();
    await gateway?.stop();
    await rm(folder, { recursive: true, force: true });
  });

  const run = () => seed({ GATEWAY_URL: gatewayUrl, DATABASE_URL: gateway.databaseUrl, DEMO_ACCOUNTS_FILE: join(folder, 'demo-accounts.json') }, { log: () => undefined });

  it('creates the demo tenant, the five accounts and two published procedures with templates', async () => {
    const accounts = await run();
    expect(accounts.map((account) => account.role)).toEqual(['operateur', 'administrateur', 'instructeur', 'expert', 'usager']);
    expect(new Set(accounts.map((account) => account.password))).toEqual(new Set([demoPassword]));

    const admin = new GatewayClient(gatewayUrl);
    const signIn = await admin.request<{ account: { roles: string[] } }>('POST', '/api/auth/signin', { email: 'administrateur@demo.guichet.local', password: demoPassword });
    expect(signIn.body.account.roles).toEqual(['usager', 'administrateur']);
    const me = await admin.request<{ account: { currentTenant: { name: string } } }>('GET', '/api/me');
    expect(me.body.account.currentTenant.name).toBe('Préfecture de démonstration');
    const list = await admin.request<{ items: { path: string; state: string; mailTemplates: Record<string, unknown>; attestationTemplates: { kind: string }[]; publishedRevision: { fields: unknown[] } }[] }>('GET', '/api/admin/procedures');
    expect(list.body.items.map((procedure) => procedure.path).sort()).toEqual(demoProcedures.map((procedure) => procedure.path).sort());
    for (const procedure of list.body.items) {
      expect(procedure.state).toBe('publiee');
      expect(Object.keys(procedure.mailTemplates).sort()).toEqual(['closed', 'initiated', 're_instructed', 'received', 'refused', 'without_continuation']);
      expect(procedure.attestationTemplates.map((template) => template.kind)).toEqual(['acceptation']);
      expect(procedure.publishedRevision.fields.length).toBeGreaterThan(5);
    }
    const firstProcedure = list.body.items[0] as unknown as { id: string };
    const labels = await admin.request<{ items: { name: string }[] }>('GET', `/api/admin/procedures/${firstProcedure.id}/labels`);
    expect(labels.body.items.map((label) => label.name)).toEqual(['Complet', 'Pièce manquante', 'Urgent']);
    const publicList = await new GatewayClient(gatewayUrl).request<{ items: { title: string; tenant: { name: string } }[] }>('GET', '/api/public/procedures');
    expect(publicList.body.items.map((item) => item.title).sort()).toEqual(['Inscription au permis de conduire', 'Subvention aux petites associations']);
    expect(publicList.body.items.every((item) => item.tenant.name === 'Préfecture de démonstration')).toBe(true);

    for (const role of ['instructeur', 'expert', 'usager', 'operateur']) {
      const response = await new GatewayClient(gatewayUrl).request('POST', '/api/auth/signin', { email: `${role}@demo.guichet.local`, password: demoPassword });
      expect(response.status, role).toBe(200);
    }
  });

  it('changes nothing when run again, and does not fail', async () => {
    const snapshot = async () => {
      const operator = new GatewayClient(gatewayUrl);
      await operator.request('POST', '/api/auth/signin', { email: 'operateur@demo.guichet.local', password: demoPassword });
      const admin = new GatewayClient(gatewayUrl);
      await admin.request('POST', '/api/auth/signin', { email: 'administrateur@demo.guichet.local', password: demoPassword });
      return {
        tenants: (await operator.request('GET', '/api/operator/tenants')).body,
        procedures: (await admin.request('GET', '/api/admin/procedures')).body,
      };
    };
    const before = await snapshot();
    const accounts = await run();
    expect(await snapshot()).toEqual(before);
    expect(JSON.parse(await readFile(join(folder, 'demo-accounts.json'), 'utf8'))).toEqual(accounts);
  });
});
