import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierLabelContracts, GuichetError, labelContracts, type Label } from '@guichet/contracts';
import { signedUpUsager, tenantWithAgents } from '../testing/accounts';
import { FakeServices } from '../testing/fake-services';
import { startGatewayForTest, type GatewayUnderTest } from '../testing/gateway.test-app';
import { TestBrowser } from '../testing/test-browser';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

function aLabel(overrides: Partial<Label> = {}): Label {
  const now = new Date().toISOString();
  return { id: randomUUID(), procedureId: randomUUID(), name: 'Urgent', color: 'pink-tuile', version: 1, createdAt: now, updatedAt: now, ...overrides };
}

/** The labels routes, with the procedures and dossiers services played by fakes on the bus. */
describe('gateway: labels routes', () => {
  let gateway: GatewayUnderTest;
  let fakes: FakeServices;
  let instructeur: TestBrowser;
  let administrateur: TestBrowser;
  let tenant: { id: string; name: string };
  const procedureId = randomUUID();
  const labelId = randomUUID();
  const dossierId = randomUUID();
  const admin = `/api/admin/procedures/${procedureId}/labels`;

  beforeAll(async () => {
    gateway = await startGatewayForTest();
    fakes = new FakeServices(gateway.bus);
    ({ tenant, administrateur, instructeur } = await tenantWithAgents(gateway, 'Préfecture Étiquettes', 'etq'));
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('lets administrateurs list, create (201), rename or recolour, and delete labels, forwarded with the caller’s tenant', async () => {
    await fakes.on(labelContracts.list, () => ({ items: [aLabel({ procedureId })] }));
    await fakes.on(labelContracts.create, (payload) => aLabel({ procedureId: payload.procedureId, name: payload.name, color: payload.color }));
    await fakes.on(labelContracts.update, (payload) => aLabel({ id: payload.labelId, procedureId: payload.procedureId, name: payload.name ?? 'Urgent', color: payload.color ?? 'pink-tuile', version: 2 }));
    await fakes.on(labelContracts.delete, () => ({ deleted: true as const }));

    expect((await administrateur.get(admin)).status).toBe(200);
    const created = await administrateur.post<Label>(admin, { name: '  À relancer ', color: 'blue-ecume' });
    expect(created.status).toBe(201);
    expect(fakes.lastCall(labelContracts.create)?.payload).toEqual({ procedureId, name: 'À relancer', color: 'blue-ecume' });
    expect(fakes.lastCall(labelContracts.create)?.ctx).toMatchObject({ tenantId: tenant.id });
    const updated = await administrateur.patch<Label>(`${admin}/${labelId}`, { color: 'green-menthe' });
    expect(updated.status).toBe(200);
    expect(fakes.lastCall(labelContracts.update)?.payload).toEqual({ procedureId, labelId, color: 'green-menthe' });
    const deleted = await administrateur.delete(`${admin}/${labelId}`);
    expect(deleted).toMatchObject({ status: 200, body: { deleted: true } });
    expect(fakes.lastCall(labelContracts.delete)?.payload).toEqual({ procedureId, labelId });
  });

  it('refuses bad input field by field in French (422) without asking; a malformed id is 404', async () => {
    const before = fakes.calls(labelContracts.create).length;
    const cases: [unknown, string][] = [
      [{ name: '', color: 'blue-ecume' }, 'name'],
      [{ name: 'x'.repeat(51), color: 'blue-ecume' }, 'name'],
      [{ name: 'Rouge', color: 'red' }, 'color'],
      [{ name: 'Sans couleur' }, 'color'],
      [{ name: 'En trop', color: 'blue-ecume', position: 3 }, '_'],
    ];
    for (const [body, field] of cases) {
      const refused = await administrateur.post<ErrorBody>(admin, body);
      expect(refused.status).toBe(422);
      expect(Object.keys(refused.body.error.fields ?? {})).toEqual([field]);
    }
    expect((await administrateur.post<ErrorBody>(admin, { name: 'Rouge', color: 'red' })).body.error.fields).toEqual({ color: 'Valeur non autorisée.' });
    expect((await administrateur.post<ErrorBody>(admin, { name: 'x'.repeat(51), color: 'red' })).body.error.fields).toMatchObject({ name: 'Au plus 50 caractères.' });
    expect(fakes.calls(labelContracts.create).length).toBe(before);
    expect((await administrateur.patch(`${admin}/pas-un-id`, { name: 'A' })).status).toBe(404);
    expect((await instructeur.post(`/api/instructeur/dossiers/pas-un-id/labels`, { labelId })).status).toBe(404);
    expect((await instructeur.post<ErrorBody>(`/api/instructeur/dossiers/${dossierId}/labels`, { labelId: 'pas-un-id' })).body.error.fields).toEqual({ labelId: 'Format invalide.' });
  });

  it('passes on the services’ refusals: a name taken is 409 on the field, a label of another procedure 422 on labelId', async () => {
    await fakes.on(labelContracts.create, () => {
      throw new GuichetError('CONFLICT', 'Une étiquette de cette démarche porte déjà ce nom.', { name: 'Ce nom est déjà pris.' });
    });
    const taken = await administrateur.post<ErrorBody>(admin, { name: 'Urgent', color: 'pink-tuile' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields).toEqual({ name: 'Ce nom est déjà pris.' });
    await fakes.on(dossierLabelContracts.add, () => {
      throw new GuichetError('VALIDATION_FAILED', 'Cette étiquette n’existe pas dans la démarche de ce dossier.', { labelId: 'Choisissez une étiquette de cette démarche.' });
    });
    const foreign = await instructeur.post<ErrorBody>(`/api/instructeur/dossiers/${dossierId}/labels`, { labelId });
    expect(foreign.status).toBe(422);
    expect(foreign.body.error).toEqual({ code: 'VALIDATION_FAILED', message: 'Cette étiquette n’existe pas dans la démarche de ce dossier.', fields: { labelId: 'Choisissez une étiquette de cette démarche.' } });
  });

  it('lets instructeurs list the labels and put them on dossiers or take them off; the roles are checked first', async () => {
    await fakes.on(labelContracts.list, () => ({ items: [aLabel({ procedureId })] }));
    expect((await instructeur.get(`/api/instructeur/procedures/${procedureId}/labels`)).status).toBe(200);
    expect(fakes.lastCall(labelContracts.list)?.payload).toEqual({ procedureId });
    // The dashboard's label filter offers them to administrateurs too.
    expect((await administrateur.get(`/api/instructeur/procedures/${procedureId}/labels`)).status).toBe(200);

    const before = fakes.calls(dossierLabelContracts.add).length;
    // Writing labels is the administrateur's; putting them on dossiers the instructeur's.
    expect((await instructeur.post(admin, { name: 'Urgent', color: 'pink-tuile' })).status).toBe(403);
    expect((await administrateur.post(`/api/instructeur/dossiers/${dossierId}/labels`, { labelId })).status).toBe(403);
    const usager = await signedUpUsager(gateway);
    expect((await usager.browser.post(`/api/instructeur/dossiers/${dossierId}/labels`, { labelId })).status).toBe(403);
    expect((await usager.browser.get(admin)).status).toBe(403);
    expect((await new TestBrowser(gateway.app).post(`/api/instructeur/dossiers/${dossierId}/labels`, { labelId })).status).toBe(401);
    expect(fakes.calls(dossierLabelContracts.add).length).toBe(before);

    await fakes.on(dossierLabelContracts.remove, () => {
      throw new GuichetError('NOT_FOUND', 'Dossier introuvable.');
    });
    const missing = await instructeur.delete<ErrorBody>(`/api/instructeur/dossiers/${dossierId}/labels/${labelId}`);
    expect(missing.status).toBe(404);
    expect(fakes.lastCall(dossierLabelContracts.remove)?.payload).toEqual({ dossierId, labelId });
  });
});
