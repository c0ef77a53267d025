import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelContracts, procedureContracts, type ProcedureModel, type ProcedureTags } from '@guichet/contracts';
import { aProcedure } from '../testing/factories';
import { tenantWithAgents } from '../testing/accounts';
import { FakeServices } from '../testing/fake-services';
import { startGatewayForTest, type GatewayUnderTest } from '../testing/gateway.test-app';
import { type TestBrowser } from '../testing/test-browser';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const aModel = (overrides: Partial<ProcedureModel> = {}): ProcedureModel => ({ procedureId: randomUUID(), title: 'Subvention', description: '', tenantName: 'Préfecture A', fieldCount: 3, sharedAt: new Date().toISOString(), ...overrides });

/** The catalogue of models and cloning routes, with the procedures service played by fakes on the bus. */
describe('gateway: models and cloning routes', () => {
  let gateway: GatewayUnderTest;
  let fakes: FakeServices;
  let instructeur: TestBrowser;
  let administrateur: TestBrowser;
  let tenant: { id: string; name: string };
  const procedureId = randomUUID();

  beforeAll(async () => {
    gateway = await startGatewayForTest();
    fakes = new FakeServices(gateway.bus);
    const agents = await tenantWithAgents(gateway, 'Préfecture Modèles', 'mod');
    ({ tenant, administrateur, instructeur } = agents);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('lists the catalogue by pages with coerced query parameters, for administrateurs only', async () => {
    await fakes.on(modelContracts.list, () => ({ items: [aModel()], next: 'suite' }));
    const page = await administrateur.get<{ items: unknown[]; next: string }>('/api/admin/models?limit=5&q=subvention');
    expect(page.status).toBe(200);
    expect(page.body.next).toBe('suite');
    expect(fakes.lastCall(modelContracts.list)?.payload).toEqual({ limit: 5, q: 'subvention' });
    expect((await administrateur.get<ErrorBody>('/api/admin/models?limit=mille')).status).toBe(422);
    expect((await instructeur.get('/api/admin/models')).status).toBe(403);
  });

  it('shares and withdraws a model', async () => {
    await fakes.on(modelContracts.share, (payload) => aModel({ procedureId: payload.procedureId, description: payload.description }));
    const shared = await administrateur.put<ProcedureModel>(`/api/admin/procedures/${procedureId}/model`, { description: 'Éprouvé.' });
    expect(shared.status).toBe(200);
    expect(fakes.lastCall(modelContracts.share)?.payload).toEqual({ procedureId, description: 'Éprouvé.' });
    await fakes.on(modelContracts.unshare, () => ({ shared: false as const }));
    const withdrawn = await administrateur.delete<{ shared: boolean }>(`/api/admin/procedures/${procedureId}/model`);
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.shared).toBe(false);
  });

  it('clones with the caller’s tenant name, refuses unknown parts and keys before asking', async () => {
    const created = aProcedure({ tenantId: tenant.id });
    await fakes.on(modelContracts.clone, () => created);
    const cloned = await administrateur.post<{ id: string }>(`/api/admin/procedures/${procedureId}/clone`, { path: 'ma-copie', parts: { fields: true, groups: true } });
    expect(cloned.status).toBe(201);
    expect(cloned.body.id).toBe(created.id);
    expect(fakes.lastCall(modelContracts.clone)?.payload).toEqual({ sourceProcedureId: procedureId, path: 'ma-copie', tenantName: 'Préfecture Modèles', parts: { fields: true, groups: true, templates: false, settings: false, labels: true } });
    const before = fakes.calls(modelContracts.clone).length;
    const unknownPart = await administrateur.post<ErrorBody>(`/api/admin/procedures/${procedureId}/clone`, { path: 'ma-copie', parts: { annotations: true } });
    expect(unknownPart.status).toBe(422);
    const injected = await administrateur.post<ErrorBody>(`/api/admin/procedures/${procedureId}/clone`, { path: 'ma-copie', tenantName: 'Autre préfecture' });
    expect(injected.status).toBe(422);
    expect((await administrateur.post(`/api/admin/procedures/pas-un-id/clone`, { path: 'ma-copie' })).status).toBe(404);
    expect(fakes.calls(modelContracts.clone).length).toBe(before);
  });
  it('reads one model with its published form', async () => {
    await fakes.on(modelContracts.get, (payload) => ({ ...aModel({ procedureId: payload.procedureId }), fields: [] }));
    const model = await administrateur.get<ProcedureModel>(`/api/admin/models/${procedureId}`);
    expect(model.status).toBe(200);
    expect(model.body.procedureId).toBe(procedureId);
    expect((await administrateur.get('/api/admin/models/pas-un-id')).status).toBe(404);
    expect((await instructeur.get(`/api/admin/models/${procedureId}`)).status).toBe(403);
  });

  it('gives the template editors the tags, all of them or those of one dossier state', async () => {
    const catalogue: ProcedureTags = {
      tags: [
        { id: 'dossier_number', name: 'numéro du dossier', tag: '--numéro du dossier--', description: 'Numéro du dossier', kind: 'dossier', availableIn: ['brouillon', 'en_construction', 'accepte'] },
        { id: 'dossier_motivation', name: 'motivation', tag: '--motivation--', description: 'Motivation', kind: 'dossier', availableIn: ['accepte', 'refuse'] },
      ],
      mailTemplateStates: { initiated: 'en_construction', received: 'en_instruction', closed: 'accepte', refused: 'refuse', without_continuation: 'sans_suite', re_instructed: 'en_instruction' },
      attestationTemplateStates: { acceptation: 'accepte', refus: 'refuse' },
    };
    await fakes.on(procedureContracts.tags, () => catalogue);
    const all = await administrateur.get<ProcedureTags>(`/api/admin/procedures/${procedureId}/tags`);
    expect(all.status).toBe(200);
    expect(all.body).toEqual(catalogue);
    expect(fakes.lastCall(procedureContracts.tags)?.payload).toEqual({ procedureId });
    const submitted = await administrateur.get<ProcedureTags>(`/api/admin/procedures/${procedureId}/tags?state=en_construction`);
    expect(submitted.body.tags.map((tag) => tag.id)).toEqual(['dossier_number']);
    expect(submitted.body.mailTemplateStates).toEqual(catalogue.mailTemplateStates);
    const unknownState = await administrateur.get<ErrorBody>(`/api/admin/procedures/${procedureId}/tags?state=termine`);
    expect(unknownState.status).toBe(422);
    expect(unknownState.body.error.fields).toHaveProperty('state');
  });
});
