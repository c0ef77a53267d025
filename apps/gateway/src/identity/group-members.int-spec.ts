import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupEvents, procedureContracts, type EventDataOf, type EventEnvelope } from '@guichet/contracts';
import { EventBus } from '@guichet/platform-bus';
import { expectEventually } from '@guichet/platform-testing';
import { freshEmail, signedInOperator, signedUpUsager, testPassword, withSql } from '../testing/accounts';
import { FakeServices } from '../testing/fake-services';
import { startGatewayForTest, type GatewayUnderTest } from '../testing/gateway.test-app';
import { TestBrowser } from '../testing/test-browser';

type Me = { account: { roles: string[]; memberships: { tenantId: string; role: string }[]; currentTenant: { id: string } | null } };

// Integration: the gateway in-process on real PostgreSQL and NATS; the procedures service is played
// by publishing its `group.members_changed` event on the real JetStream stream.

describe('gateway: addresses added to an instructor group become instructeurs of the tenant', () => {
  let gateway: GatewayUnderTest;
  let events: EventBus;
  let tenantId: string;

  beforeAll(async () => {
    gateway = await startGatewayForTest();
    events = await EventBus.create(gateway.bus);
    const fakes = new FakeServices(gateway.bus);
    await fakes.on(procedureContracts.list, () => ({ items: [] }));
    const { browser: operator } = await signedInOperator(gateway);
    const created = await operator.post<{ id: string }>('/api/operator/tenants', { slug: `prefecture-${Date.now().toString(36)}`, name: 'Préfecture du Cher' });
    expect(created.status).toBe(201);
    tenantId = created.body.id;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  async function membersChanged(data: Partial<EventDataOf<typeof groupEvents.membersChanged>>, tenant: string | null = tenantId, id: string = randomUUID()): Promise<string> {
    const envelope: EventEnvelope<EventDataOf<typeof groupEvents.membersChanged>> = {
      id,
      type: groupEvents.membersChanged.type,
      version: groupEvents.membersChanged.version,
      occurredAt: new Date().toISOString(),
      tenantId: tenant,
      actor: null,
      traceparent: null,
      data: { procedureId: randomUUID(), groupId: randomUUID(), added: [], removed: [], ...data },
    };
    await events.publish(groupEvents.membersChanged.subject, envelope);
    return id;
  }

  const processed = (eventId: string) =>
    expectEventually(async () => {
      const rows = await withSql(gateway, (sql) => sql.query('select 1 from gateway.processed_event where event_id = $1', [eventId]));
      expect(rows.rowCount).toBe(1);
    }, { timeoutMs: 10_000 });

  const me = async (browser: TestBrowser) => (await browser.get<Me>('/api/me')).body.account;

  it('gives an existing account the role at once: its session acts in the tenant from its next request', async () => {
    const usager = await signedUpUsager(gateway);
    expect(await me(usager.browser)).toMatchObject({ roles: ['usager'], memberships: [], currentTenant: null });
    await processed(await membersChanged({ added: [usager.email.toUpperCase()] }));
    expect(await me(usager.browser)).toMatchObject({ roles: ['usager', 'instructeur'], memberships: [{ tenantId, role: 'instructeur' }], currentTenant: { id: tenantId } });
  });

  it('keeps an address without an account pending, and gives the role when that person signs up', async () => {
    const email = freshEmail('nouvelle-instructrice');
    const eventId = await membersChanged({ added: [email] });
    await processed(eventId);
    const pending = await withSql(gateway, (sql) => sql.query('select email, role from gateway.pending_membership where tenant_id = $1 and email = $2', [tenantId, email]));
    expect(pending.rows).toEqual([{ email, role: 'instructeur' }]);

    const browser = new TestBrowser(gateway.app);
    const signUp = await browser.post('/api/auth/signup', { email, password: testPassword, firstName: 'Nina', lastName: 'Nouvelle' });
    expect(signUp.status).toBe(201);
    expect(await me(browser)).toMatchObject({ roles: ['usager', 'instructeur'], memberships: [{ tenantId, role: 'instructeur' }], currentTenant: { id: tenantId } });
    const left = await withSql(gateway, (sql) => sql.query('select 1 from gateway.pending_membership where email = $1', [email]));
    expect(left.rowCount).toBe(0);
  });

  it('grants nothing twice (a redelivered or repeated event), nothing for removals, nothing without a tenant or for an unknown one', async () => {
    const usager = await signedUpUsager(gateway);
    const first = await membersChanged({ added: [usager.email] });
    await processed(first);
    await processed(await membersChanged({ added: [usager.email] }));
    // The same event again (JetStream dedupes by id; the consumer would skip it anyway).
    await membersChanged({ added: [usager.email] }, tenantId, first);
    const removal = await membersChanged({ removed: [usager.email] });
    const stranger = freshEmail('inconnu');
    const unknownTenant = await membersChanged({ added: [stranger] }, randomUUID());
    const noTenant = await membersChanged({ added: [stranger] }, null);
    for (const id of [removal, unknownTenant, noTenant]) await processed(id);
    const rows = await withSql(gateway, (sql) => sql.query('select role from gateway.membership m join gateway.account a on a.id = m.account_id where a.email = $1', [usager.email]));
    expect(rows.rows).toEqual([{ role: 'instructeur' }]);
    const pending = await withSql(gateway, (sql) => sql.query('select 1 from gateway.pending_membership where email = $1', [stranger]));
    expect(pending.rowCount).toBe(0);
  });
});
