import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procedureContracts } from '@guichet/contracts';
import { createOperator } from '../cli/create-operator';
import { freshEmail, signedInOperator, signedUpUsager, testPassword, withSql } from '../testing/accounts';
import { FakeServices } from '../testing/fake-services';
import { startGatewayForTest, type GatewayUnderTest } from '../testing/gateway.test-app';
import { TestBrowser } from '../testing/test-browser';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };
type Tenant = { id: string; slug: string; name: string; createdAt: string };
type Me = { account: { roles: string[]; memberships: { tenantId: string; tenantName: string; role: string }[]; currentTenant: { id: string; name: string } | null } };

let slugCounter = 0;
const freshSlug = (prefix = 'prefecture') => `${prefix}-${Date.now().toString(36)}-${(slugCounter += 1)}`;

describe('gateway: operator, tenants, memberships, current tenant', () => {
  let gateway: GatewayUnderTest;
  let operator: TestBrowser;
  let fakes: FakeServices;

  beforeAll(async () => {
    gateway = await startGatewayForTest();
    operator = (await signedInOperator(gateway)).browser;
    fakes = new FakeServices(gateway.bus);
    await fakes.on(procedureContracts.list, () => ({ items: [] }));
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  const createTenant = async (name: string, slug = freshSlug()) => {
    const response = await operator.post<Tenant>('/api/operator/tenants', { slug, name });
    expect(response.status).toBe(201);
    return response.body;
  };

  it('bootstraps an operator from the CLI function, idempotently, without changing an existing password', async () => {
    const email = freshEmail('operateur');
    expect(await createOperator(gateway.databaseUrl, { email, password: testPassword, firstName: 'O', lastName: 'P' })).toMatchObject({ created: true });
    expect(await createOperator(gateway.databaseUrl, { email, password: 'un tout autre mot de passe', firstName: 'O', lastName: 'P' })).toMatchObject({ created: false });
    const browser = new TestBrowser(gateway.app);
    const signIn = await browser.post<{ account: { roles: string[] } }>('/api/auth/signin', { email, password: testPassword });
    expect(signIn.status).toBe(200);
    expect(signIn.body.account.roles).toEqual(['usager', 'operator']);
    // An existing usager account can be promoted, and keeps its password.
    const usager = await signedUpUsager(gateway);
    expect(await createOperator(gateway.databaseUrl, { email: usager.email, password: 'encore un autre mot de passe', firstName: 'O', lastName: 'P' })).toMatchObject({ created: false });
    const promoted = await new TestBrowser(gateway.app).post<{ account: { roles: string[] } }>('/api/auth/signin', { email: usager.email, password: testPassword });
    expect(promoted.body.account.roles).toContain('operator');
  });

  it('creates tenants with a unique slug (409 CONFLICT on the slug field) and lists them', async () => {
    const slug = freshSlug();
    const tenant = await createTenant('Préfecture du Nord', slug);
    expect(tenant).toMatchObject({ slug, name: 'Préfecture du Nord' });
    const duplicate = await operator.post<ErrorBody>('/api/operator/tenants', { slug, name: 'Autre' });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error).toMatchObject({ code: 'CONFLICT', fields: { slug: expect.any(String) as string } });
    const invalid = await operator.post<ErrorBody>('/api/operator/tenants', { slug: 'Pas Un Slug!', name: '' });
    expect(invalid.status).toBe(422);
    expect(Object.keys(invalid.body.error.fields ?? {}).sort()).toEqual(['name', 'slug']);
    const list = await operator.get<{ items: Tenant[] }>('/api/operator/tenants');
    expect(list.body.items.map((item) => item.slug)).toContain(slug);
  });

  it('adds a new agent (account created with its password) who then signs in into that tenant', async () => {
    const tenant = await createTenant('Préfecture du Gard');
    const email = freshEmail('admin');
    const added = await operator.post<{ account: { email: string }; membership: unknown; accountCreated: boolean }>(`/api/operator/tenants/${tenant.id}/members`, {
      email,
      role: 'administrateur',
      firstName: 'Alix',
      lastName: 'Admin',
      password: testPassword,
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ account: { email }, membership: { tenantId: tenant.id, tenantName: 'Préfecture du Gard', role: 'administrateur' }, accountCreated: true });

    const agent = new TestBrowser(gateway.app);
    const signIn = await agent.post<{ account: { roles: string[] } }>('/api/auth/signin', { email, password: testPassword });
    expect(signIn.body.account.roles).toEqual(['usager', 'administrateur']);
    const me = await agent.get<Me>('/api/me');
    expect(me.body.account.currentTenant).toEqual({ id: tenant.id, name: 'Préfecture du Gard' });
    expect(me.body.account.memberships).toEqual([{ tenantId: tenant.id, tenantName: 'Préfecture du Gard', role: 'administrateur' }]);
  });

  it('refuses a duplicate membership (409), an unknown or malformed tenant (404), and a new account without password (422)', async () => {
    const tenant = await createTenant('Préfecture de l’Aude');
    const member = { email: freshEmail('instructeur'), role: 'instructeur', firstName: 'Ines', lastName: 'Instructrice', password: testPassword };
    expect((await operator.post(`/api/operator/tenants/${tenant.id}/members`, member)).status).toBe(201);
    const again = await operator.post<ErrorBody>(`/api/operator/tenants/${tenant.id}/members`, member);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    // The same account may hold the other role in the same tenant.
    expect((await operator.post(`/api/operator/tenants/${tenant.id}/members`, { ...member, role: 'administrateur' })).status).toBe(201);

    const unknown = await operator.post<ErrorBody>('/api/operator/tenants/7b0c9a52-3f7e-4a65-9d1c-5b7e8f0a1c23/members', member);
    expect(unknown.status).toBe(404);
    expect((await operator.post<ErrorBody>('/api/operator/tenants/pas-un-uuid/members', member)).status).toBe(404);

    const noPassword = await operator.post<ErrorBody>(`/api/operator/tenants/${tenant.id}/members`, { ...member, email: freshEmail('sans-mdp'), password: undefined });
    expect(noPassword.status).toBe(422);
    expect(noPassword.body.error.fields?.password).toBeTruthy();
    const badRole = await operator.post<ErrorBody>(`/api/operator/tenants/${tenant.id}/members`, { ...member, role: 'operator' });
    expect(badRole.status).toBe(422);
    expect(badRole.body.error.fields?.role).toBe('Valeur non autorisée.');
  });

  it('adds an existing account as agent without touching its password or names', async () => {
    const tenant = await createTenant('Préfecture de l’Hérault');
    const usager = await signedUpUsager(gateway);
    const added = await operator.post<{ account: { firstName: string }; accountCreated: boolean }>(`/api/operator/tenants/${tenant.id}/members`, {
      email: usager.email,
      role: 'instructeur',
      firstName: 'Autre',
      lastName: 'Nom',
      password: 'un autre mot de passe long',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ account: { firstName: 'Camille' }, accountCreated: false });
    const signIn = await new TestBrowser(gateway.app).post<{ account: { roles: string[] } }>('/api/auth/signin', { email: usager.email, password: testPassword });
    expect(signIn.body.account.roles).toEqual(['usager', 'instructeur']);
  });

  it('makes experts: a new account, or an existing one keeping its password', async () => {
    const email = freshEmail('expert');
    const created = await operator.post<{ accountCreated: boolean }>('/api/operator/experts', { email, firstName: 'Eve', lastName: 'Experte', password: testPassword });
    expect(created.status).toBe(201);
    expect(created.body.accountCreated).toBe(true);
    const signIn = await new TestBrowser(gateway.app).post<{ account: { roles: string[] } }>('/api/auth/signin', { email, password: testPassword });
    expect(signIn.body.account.roles).toEqual(['usager', 'expert']);
    const again = await operator.post<{ accountCreated: boolean }>('/api/operator/experts', { email, firstName: 'Eve', lastName: 'Experte' });
    expect(again.body.accountCreated).toBe(false);
    const usager = await signedUpUsager(gateway);
    expect((await operator.post('/api/operator/experts', { email: usager.email, firstName: 'X', lastName: 'Y', password: 'mot de passe ignoré 123' })).status).toBe(201);
    const promoted = await new TestBrowser(gateway.app).post<{ account: { roles: string[] } }>('/api/auth/signin', { email: usager.email, password: testPassword });
    expect(promoted.body.account.roles).toEqual(['usager', 'expert']);
    const noPassword = await operator.post<ErrorBody>('/api/operator/experts', { email: freshEmail('expert'), firstName: 'E', lastName: 'F' });
    expect(noPassword.status).toBe(422);
  });

  it('keeps operator routes to operators: 401 anonymous, 403 for an usager or an agent', async () => {
    const tenant = await createTenant('Préfecture du Var');
    const anonymous = new TestBrowser(gateway.app);
    const { browser: usager } = await signedUpUsager(gateway);
    const agentEmail = freshEmail('admin');
    await operator.post(`/api/operator/tenants/${tenant.id}/members`, { email: agentEmail, role: 'administrateur', firstName: 'A', lastName: 'B', password: testPassword });
    const agent = new TestBrowser(gateway.app);
    await agent.post('/api/auth/signin', { email: agentEmail, password: testPassword });
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/operator/tenants'],
      ['POST', '/api/operator/tenants', { slug: freshSlug(), name: 'Intrus' }],
      ['POST', `/api/operator/tenants/${tenant.id}/members`, { email: freshEmail(), role: 'administrateur', firstName: 'I', lastName: 'N', password: testPassword }],
      ['POST', '/api/operator/experts', { email: freshEmail(), firstName: 'I', lastName: 'N', password: testPassword }],
    ];
    for (const [method, url, body] of calls) {
      const asAnonymous = await anonymous.request<ErrorBody>(method as 'GET', url, body === undefined ? {} : { body });
      expect(asAnonymous.status).toBe(401);
      for (const browser of [usager, agent]) {
        const refused = await browser.request<ErrorBody>(method as 'GET', url, body === undefined ? {} : { body });
        expect(refused.status).toBe(403);
        expect(refused.body.error.code).toBe('FORBIDDEN');
      }
    }
    // Nothing was created by the refused calls.
    const intruders = await withSql(gateway, async (sql) => (await sql.query(`select 1 from gateway.tenant where name = 'Intrus'`)).rowCount);
    expect(intruders).toBe(0);
  });

  describe('an agent of two tenants', () => {
    let alpha: Tenant;
    let beta: Tenant;
    let foreign: Tenant;
    let agent: TestBrowser;
    const email = freshEmail('agent');

    beforeAll(async () => {
      beta = await createTenant('Beta préfecture');
      alpha = await createTenant('Alpha préfecture');
      foreign = await createTenant('Gamma préfecture');
      await operator.post(`/api/operator/tenants/${beta.id}/members`, { email, role: 'instructeur', firstName: 'Dana', lastName: 'Double', password: testPassword });
      await operator.post(`/api/operator/tenants/${alpha.id}/members`, { email, role: 'administrateur', firstName: 'Dana', lastName: 'Double' });
      agent = new TestBrowser(gateway.app);
      await agent.post('/api/auth/signin', { email, password: testPassword });
    });

    it('starts in the first tenant by name, with the roles held there only', async () => {
      const me = await agent.get<Me>('/api/me');
      expect(me.body.account.currentTenant).toEqual({ id: alpha.id, name: 'Alpha préfecture' });
      expect(me.body.account.roles).toEqual(['usager', 'administrateur']);
      expect(me.body.account.memberships.map((membership) => membership.tenantName)).toEqual(['Alpha préfecture', 'Beta préfecture']);
    });

    it('sends the current tenant and the actor to the services', async () => {
      const response = await agent.get('/api/admin/procedures');
      expect(response.status).toBe(200);
      expect(fakes.lastCall(procedureContracts.list)?.ctx).toMatchObject({
        tenantId: alpha.id,
        actor: { email, name: 'Dana Double', roles: ['usager', 'administrateur'] },
      });
    });

    it('acts in another of its tenants with x-guichet-tenant, only among its own', async () => {
      const headers = { 'x-guichet-tenant': beta.id };
      const me = await agent.get<Me>('/api/me', { headers });
      expect(me.body.account.currentTenant?.id).toBe(beta.id);
      expect(me.body.account.roles).toEqual(['usager', 'instructeur']);
      // Not an administrateur in Beta.
      expect((await agent.get<ErrorBody>('/api/admin/procedures', { headers })).status).toBe(403);
      expect((await agent.get('/api/instructeur/procedures', { headers })).status).toBe(200);
      expect(fakes.lastCall(procedureContracts.list)?.ctx).toMatchObject({ tenantId: beta.id, actor: { roles: ['usager', 'instructeur'] } });
      // And not an instructeur in Alpha.
      expect((await agent.get<ErrorBody>('/api/instructeur/procedures')).status).toBe(403);

      const foreignTenant = await agent.get<ErrorBody>('/api/me', { headers: { 'x-guichet-tenant': foreign.id } });
      expect(foreignTenant.status).toBe(403);
      expect(foreignTenant.body.error.code).toBe('FORBIDDEN');
      const malformed = await agent.get<ErrorBody>('/api/me', { headers: { 'x-guichet-tenant': "alpha' or 1=1" } });
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.code).toBe('MALFORMED_REQUEST');
    });

    it('switches the session’s current tenant, but not to a tenant it does not belong to', async () => {
      const switched = await agent.put<Me>('/api/me/current-tenant', { tenantId: beta.id });
      expect(switched.status).toBe(200);
      expect(switched.body.account.currentTenant?.id).toBe(beta.id);
      expect((await agent.get<Me>('/api/me')).body.account.roles).toEqual(['usager', 'instructeur']);
      const refused = await agent.put<ErrorBody>('/api/me/current-tenant', { tenantId: foreign.id });
      expect(refused.status).toBe(403);
      expect((await agent.get<Me>('/api/me')).body.account.currentTenant?.id).toBe(beta.id);
      await agent.put('/api/me/current-tenant', { tenantId: alpha.id });
    });

    it('gives an usager no tenant and no agent role even when asking for one', async () => {
      const { browser } = await signedUpUsager(gateway);
      const asked = await browser.get<ErrorBody>('/api/me', { headers: { 'x-guichet-tenant': alpha.id } });
      expect(asked.status).toBe(403);
      expect((await browser.get<ErrorBody>('/api/admin/procedures')).status).toBe(403);
    });
  });
});
