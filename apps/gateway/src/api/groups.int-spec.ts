import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupContracts, GuichetError, type InstructorGroup } from '@guichet/contracts';
import { signedUpUsager, tenantWithAgents } from '../testing/accounts';
import { FakeServices } from '../testing/fake-services';
import { startGatewayForTest, type GatewayUnderTest } from '../testing/gateway.test-app';
import { TestBrowser } from '../testing/test-browser';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

function aGroup(overrides: Partial<InstructorGroup> = {}): InstructorGroup {
  return { id: randomUUID(), procedureId: randomUUID(), label: 'Groupe Est', isDefault: false, active: true, routingRule: null, position: 1, memberCount: 0, createdAt: new Date().toISOString(), ...overrides };
}

/** The groups and routing routes, with the procedures service played by fakes on the bus. */
describe('gateway: instructor groups and routing routes', () => {
  let gateway: GatewayUnderTest;
  let fakes: FakeServices;
  let instructeur: TestBrowser;
  let administrateur: TestBrowser;
  let tenant: { id: string; name: string };
  const procedureId = randomUUID();
  const groupId = randomUUID();
  const admin = `/api/admin/procedures/${procedureId}`;

  beforeAll(async () => {
    gateway = await startGatewayForTest();
    fakes = new FakeServices(gateway.bus);
    const agents = await tenantWithAgents(gateway, 'Préfecture Groupes', 'grp');
    ({ tenant, administrateur, instructeur } = agents);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('lists groups by pages for administrateurs and instructeurs, with coerced query parameters', async () => {
    const group = aGroup({ procedureId });
    await fakes.on(groupContracts.list, () => ({ items: [group], version: 3, next: 'abc' }));
    const page = await administrateur.get<{ items: { id: string }[]; next: string }>(`${admin}/groups?after=x&limit=20`);
    expect(page.status).toBe(200);
    expect(page.body.next).toBe('abc');
    expect(fakes.lastCall(groupContracts.list)?.payload).toEqual({ procedureId, after: 'x', limit: 20 });
    expect(fakes.lastCall(groupContracts.list)?.ctx).toMatchObject({ tenantId: tenant.id });
    const asAgent = await instructeur.get<{ items: unknown[] }>(`/api/instructeur/procedures/${procedureId}/groups`);
    expect(asAgent.status).toBe(200);
    expect(fakes.lastCall(groupContracts.list)?.payload).toEqual({ procedureId, limit: 100 });
    const invalid = await administrateur.get<ErrorBody>(`${admin}/groups?limit=zero`);
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.error.fields ?? {})).toEqual(['limit']);
  });

  it('gives the dashboard’s group filter the groups the agent sees, to administrateurs and instructeurs alike; a usager is refused without asking', async () => {
    const items = [{ id: randomUUID(), label: 'Est' }];
    await fakes.on(groupContracts.visible, () => ({ items, next: null }));
    const path = `/api/instructeur/procedures/${procedureId}/tableau/groupes`;
    for (const agent of [administrateur, instructeur]) {
      const page = await agent.get<{ items: unknown[]; next: string | null }>(path);
      expect(page.status).toBe(200);
      expect(page.body).toEqual({ items, next: null });
      expect(fakes.lastCall(groupContracts.visible)?.payload).toEqual({ procedureId, limit: 1000 });
      expect(fakes.lastCall(groupContracts.visible)?.ctx).toMatchObject({ tenantId: tenant.id });
    }
    expect((await administrateur.get(`${path}?after=abc&limit=2`)).status).toBe(200);
    expect(fakes.lastCall(groupContracts.visible)?.payload).toEqual({ procedureId, after: 'abc', limit: 2 });
    expect((await instructeur.get<ErrorBody>(`${path}?limit=1001`)).status).toBe(422);
    const before = fakes.calls(groupContracts.visible).length;
    const usager = await signedUpUsager(gateway);
    const refused = await usager.browser.get<ErrorBody>(path);
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Cette page est réservée aux instructeurs et aux administrateurs de cette administration.');
    expect((await new TestBrowser(gateway.app).get(path)).status).toBe(401);
    expect(fakes.calls(groupContracts.visible).length).toBe(before);
  });

  it('gets a group with its members; a group of another tenant is 404, a malformed id 404 without asking', async () => {
    await fakes.on(groupContracts.get, (payload) => ({ ...aGroup({ id: payload.groupId, procedureId: payload.procedureId, memberCount: 1 }), members: [{ email: 'a@b.fr', accountId: null }] }));
    const got = await instructeur.get<{ members: unknown[] }>(`/api/instructeur/procedures/${procedureId}/groups/${groupId}`);
    expect(got.status).toBe(200);
    expect(got.body.members).toHaveLength(1);
    expect((await administrateur.get(`${admin}/groups/${groupId}`)).status).toBe(200);
    const before = fakes.calls(groupContracts.get).length;
    expect((await administrateur.get(`${admin}/groups/pas-un-id`)).status).toBe(404);
    expect(fakes.calls(groupContracts.get).length).toBe(before);
    await fakes.on(groupContracts.get, () => {
      throw new GuichetError('NOT_FOUND', 'Groupe introuvable.');
    });
    const missing = await administrateur.get<ErrorBody>(`${admin}/groups/${groupId}`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toEqual({ code: 'NOT_FOUND', message: 'Groupe introuvable.' });
  });

  it('creates (201), updates, deletes with moveMembersTo and sets a routing rule', async () => {
    await fakes.on(groupContracts.create, (payload) => aGroup({ procedureId: payload.procedureId, label: payload.label, routingRule: payload.routingRule }));
    await fakes.on(groupContracts.update, (payload) => aGroup({ id: payload.groupId, label: payload.label ?? 'x', active: payload.active ?? true }));
    await fakes.on(groupContracts.delete, () => ({ deleted: true as const }));
    await fakes.on(groupContracts.setRoutingRule, (payload) => aGroup({ id: payload.groupId, routingRule: payload.routingRule }));
    const created = await administrateur.post<{ label: string }>(`${admin}/groups`, { label: ' Groupe Ouest ' });
    expect(created.status).toBe(201);
    expect(fakes.lastCall(groupContracts.create)?.payload).toEqual({ procedureId, label: 'Groupe Ouest', active: true, routingRule: null });
    expect((await administrateur.patch<{ active: boolean }>(`${admin}/groups/${groupId}`, { active: false })).body.active).toBe(false);
    expect(fakes.lastCall(groupContracts.update)?.payload).toEqual({ procedureId, groupId, active: false });
    const target = randomUUID();
    expect((await administrateur.post<{ deleted: boolean }>(`${admin}/groups/${groupId}/delete`, { moveMembersTo: target })).body).toEqual({ deleted: true });
    expect(fakes.lastCall(groupContracts.delete)?.payload).toEqual({ procedureId, groupId, moveMembersTo: target });
    const rule = { type: 'field', stableId: randomUUID(), operator: 'eq', value: 'Château de Vincennes' };
    const ruled = await administrateur.put<{ routingRule: unknown }>(`${admin}/groups/${groupId}/routing-rule`, { routingRule: rule });
    expect(ruled.status).toBe(200);
    expect(ruled.body.routingRule).toEqual(rule);
    expect(fakes.lastCall(groupContracts.setRoutingRule)?.payload).toEqual({ procedureId, groupId, routingRule: rule });
  });

  it('refuses invalid bodies with 422 and field paths, without asking the service', async () => {
    const before = fakes.received.length;
    const label = await administrateur.post<ErrorBody>(`${admin}/groups`, { label: '', procedureId: randomUUID() });
    expect(label.status).toBe(422);
    expect(Object.keys(label.body.error.fields ?? {}).sort()).toEqual(['_', 'label']);
    const members = await administrateur.post<ErrorBody>(`${admin}/groups/${groupId}/members`, { members: [{ email: 'ok@ex.fr' }, { email: 'pas-un-email' }] });
    expect(members.status).toBe(422);
    expect(Object.keys(members.body.error.fields ?? {})).toEqual(['members.1.email']);
    const reorder = await administrateur.put<ErrorBody>(`${admin}/groups/order`, { groupIds: [randomUUID(), 'x'] });
    expect(reorder.status).toBe(422);
    expect(Object.keys(reorder.body.error.fields ?? {})).toEqual(['groupIds.1']);
    const rule = await administrateur.put<ErrorBody>(`${admin}/groups/${groupId}/routing-rule`, { routingRule: 'toujours' });
    expect(rule.status).toBe(422);
    expect(Object.keys(rule.body.error.fields ?? {})).toEqual(['routingRule']);
    expect((await administrateur.post<ErrorBody>(`${admin}/route-preview`, { values: [] })).status).toBe(422);
    expect(fakes.received.length).toBe(before);
  });

  it('adds, removes and reorders members and groups', async () => {
    const withMembers = (emails: string[]) => ({ ...aGroup({ id: groupId, procedureId, memberCount: emails.length }), members: emails.map((email) => ({ email, accountId: null })) });
    await fakes.on(groupContracts.addMembers, (payload) => withMembers(payload.members.map((member) => member.email)));
    await fakes.on(groupContracts.removeMembers, () => withMembers([]));
    await fakes.on(groupContracts.reorder, () => ({ version: 7 }));
    const added = await administrateur.post<{ memberCount: number }>(`${admin}/groups/${groupId}/members`, { members: [{ email: ' Agent@Example.FR ' }] });
    expect(added.body.memberCount).toBe(1);
    expect(fakes.lastCall(groupContracts.addMembers)?.payload).toEqual({ procedureId, groupId, members: [{ email: 'agent@example.fr', accountId: null }] });
    expect((await administrateur.post<{ memberCount: number }>(`${admin}/groups/${groupId}/members/remove`, { emails: ['agent@example.fr'] })).body.memberCount).toBe(0);
    const ids = [randomUUID(), randomUUID()];
    expect((await administrateur.put<{ version: number }>(`${admin}/groups/order`, { groupIds: ids })).body).toEqual({ version: 7 });
    expect(fakes.lastCall(groupContracts.reorder)?.payload).toEqual({ procedureId, groupIds: ids });
  });

  it('imports a CSV sent as JSON and passes CSV errors through with lines.N fields', async () => {
    await fakes.on(groupContracts.importCsv, () => ({ groupsCreated: 3, membersAdded: 4, membersAlreadyPresent: 0 }));
    const csv = 'groupe;email\nEst;a@ex.fr\n';
    const imported = await administrateur.post<{ groupsCreated: number }>(`${admin}/groups/import`, { csv });
    expect(imported.status).toBe(200);
    expect(imported.body.groupsCreated).toBe(3);
    expect(fakes.lastCall(groupContracts.importCsv)?.payload).toEqual({ procedureId, csv });
    await fakes.on(groupContracts.importCsv, () => {
      throw new GuichetError('VALIDATION_FAILED', 'Le fichier CSV contient des erreurs.', { 'lines.3': 'Adresse e-mail invalide.' });
    });
    const refused = await administrateur.post<ErrorBody>(`${admin}/groups/import`, { csv });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual({ 'lines.3': 'Adresse e-mail invalide.' });
    // The body is JSON only: a raw text/csv body is 415.
    expect((await administrateur.request<ErrorBody>('POST', `${admin}/groups/import`, { rawBody: csv, headers: { 'content-type': 'text/csv' } })).status).toBe(415);
  });

  it('previews routing with the caller’s context', async () => {
    const target = randomUUID();
    await fakes.on(groupContracts.route, () => ({ groupId: target, label: 'Groupe Est' }));
    const values = { [randomUUID()]: 'Château de Vincennes' };
    const preview = await administrateur.post<{ groupId: string }>(`${admin}/route-preview`, { values });
    expect(preview.status).toBe(200);
    expect(preview.body).toEqual({ groupId: target, label: 'Groupe Est' });
    const call = fakes.lastCall(groupContracts.route);
    expect(call?.payload).toEqual({ procedureId, values });
    expect(call?.ctx).toMatchObject({ tenantId: tenant.id, actor: { roles: ['usager', 'administrateur'] } });
  });

  it('answers 401 without a session and 403 to instructeurs on writes', async () => {
    const anonymous = new TestBrowser(gateway.app);
    expect((await anonymous.get(`${admin}/groups`)).status).toBe(401);
    expect((await anonymous.get(`/api/instructeur/procedures/${procedureId}/groups`)).status).toBe(401);
    expect((await anonymous.post(`${admin}/groups`, { label: 'X' })).status).toBe(401);
    const before = fakes.received.length;
    expect((await instructeur.post(`${admin}/groups`, { label: 'X' })).status).toBe(403);
    expect((await instructeur.post(`${admin}/groups/import`, { csv: 'a;b@c.fr' })).status).toBe(403);
    expect((await instructeur.post(`${admin}/route-preview`, { values: {} })).status).toBe(403);
    expect((await instructeur.put(`${admin}/groups/order`, { groupIds: [randomUUID()] })).status).toBe(403);
    expect(fakes.received.length).toBe(before);
  });
});
