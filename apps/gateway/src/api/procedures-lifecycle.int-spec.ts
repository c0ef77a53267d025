import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuichetError, procedureContracts } from '@guichet/contracts';
import { tenantWithAgents } from '../testing/accounts';
import { aProcedure } from '../testing/factories';
import { FakeServices } from '../testing/fake-services';
import { startGatewayForTest, type GatewayUnderTest } from '../testing/gateway.test-app';
import { TestBrowser } from '../testing/test-browser';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

/** Lifecycle, settings and diff routes of procedures, with the procedures service played by fakes on the bus. */
describe('gateway: procedure lifecycle, settings and diff routes', () => {
  let gateway: GatewayUnderTest;
  let fakes: FakeServices;
  let administrateur: TestBrowser;
  let instructeur: TestBrowser;
  let tenant: { id: string; name: string };
  const procedureId = randomUUID();
  const admin = `/api/admin/procedures/${procedureId}`;

  beforeAll(async () => {
    gateway = await startGatewayForTest();
    fakes = new FakeServices(gateway.bus);
    const agents = await tenantWithAgents(gateway, 'Préfecture Cycle', 'cyc');
    ({ tenant, administrateur, instructeur } = agents);
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('closes with a reason, forwarding the body and the administrateur’s tenant', async () => {
    const replacementProcedureId = randomUUID();
    const closure = { reason: 'autre_demarche' as const, details: null, replacementProcedureId, replacementPath: 'nouvelle-demarche', closedAt: new Date().toISOString(), automatic: false };
    await fakes.on(procedureContracts.close, (payload) => aProcedure({ id: payload.procedureId, tenantId: tenant.id, state: 'close', closure }));
    const closed = await administrateur.post<{ state: string; closure: unknown }>(`${admin}/close`, { reason: 'autre_demarche', replacementProcedureId });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ state: 'close', closure });
    expect(fakes.lastCall(procedureContracts.close)?.payload).toEqual({ procedureId, reason: 'autre_demarche', replacementProcedureId });
    expect(fakes.lastCall(procedureContracts.close)?.ctx).toMatchObject({ tenantId: tenant.id, actor: { roles: expect.arrayContaining(['administrateur']) as string[] } });
  });

  it('refuses a bad closure body with 422 and field paths, without asking the service', async () => {
    const before = fakes.received.length;
    const reason = await administrateur.post<ErrorBody>(`${admin}/close`, { reason: 'fini', replacementProcedureId: 'x', extra: true });
    expect(reason.status).toBe(422);
    expect(Object.keys(reason.body.error.fields ?? {}).sort()).toEqual(['_', 'reason', 'replacementProcedureId']);
    expect(reason.body.error.fields?.reason).toBe('Valeur non autorisée.');
    expect(Object.keys((await administrateur.post<ErrorBody>(`${admin}/close`, {})).body.error.fields ?? {})).toEqual(['reason']);
    expect(fakes.received.length).toBe(before);
  });

  it('maps an invalid transition to 409 PROCEDURE_INVALID_TRANSITION with the service’s French message', async () => {
    await fakes.on(procedureContracts.depublish, () => {
      throw new GuichetError('PROCEDURE_INVALID_TRANSITION', 'La démarche ne peut pas être dépubliée : elle est close.');
    });
    const refused = await administrateur.post<ErrorBody>(`${admin}/depublish`);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toEqual({ code: 'PROCEDURE_INVALID_TRANSITION', message: 'La démarche ne peut pas être dépubliée : elle est close.' });
    expect(fakes.lastCall(procedureContracts.depublish)?.payload).toEqual({ procedureId });

    await fakes.on(procedureContracts.republish, (payload) => aProcedure({ id: payload.procedureId, state: 'publiee' }));
    const republished = await administrateur.post<{ state: string }>(`${admin}/republish`);
    expect(republished.status).toBe(200);
    expect(republished.body.state).toBe('publiee');
  });

  it('updates settings with PATCH, trimmed and with defaults; a taken path is 409 on `path`', async () => {
    await fakes.on(procedureContracts.updateSettings, (payload) =>
      aProcedure({ id: payload.procedureId, settings: { ...aProcedure().settings, retentionMonths: payload.retentionMonths ?? 12, serviceContact: payload.serviceContact ?? null } }),
    );
    const updated = await administrateur.patch<{ settings: { retentionMonths: number } }>(`${admin}/settings`, {
      retentionMonths: 24,
      serviceContact: { organisation: ' Préfecture Cycle ', email: 'contact@cycle.gouv.fr' },
      declarativeMode: null,
    });
    expect(updated.status).toBe(200);
    expect(updated.body.settings.retentionMonths).toBe(24);
    expect(fakes.lastCall(procedureContracts.updateSettings)?.payload).toEqual({
      procedureId,
      retentionMonths: 24,
      serviceContact: { organisation: 'Préfecture Cycle', email: 'contact@cycle.gouv.fr', phone: '', address: '', openingHours: '' },
      declarativeMode: null,
    });

    await fakes.on(procedureContracts.updateSettings, () => {
      throw new GuichetError('CONFLICT', 'Cette adresse est déjà utilisée par une autre démarche.', { path: 'Cette adresse est déjà utilisée.' });
    });
    const taken = await administrateur.patch<ErrorBody>(`${admin}/settings`, { path: 'deja-prise' });
    expect(taken.status).toBe(409);
    expect(taken.body.error.fields).toEqual({ path: 'Cette adresse est déjà utilisée.' });
  });

  it('refuses bad settings with 422, each field with its French message, without asking the service', async () => {
    const before = fakes.received.length;
    const refused = await administrateur.patch<ErrorBody>(`${admin}/settings`, {
      retentionMonths: 61,
      svaSvr: { decision: 'sva', delay: 0, unit: 'days', resubmission: 'pause' },
      serviceContact: { organisation: 'Mairie', email: 'pas-un-email', phone: 'abc' },
      submissionMessage: 'x'.repeat(5001),
      procedureId: randomUUID(),
    });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toEqual({
      retentionMonths: 'Valeur trop grande (maximum 60).',
      'svaSvr.delay': 'Valeur trop petite (minimum 1).',
      'serviceContact.email': 'Adresse électronique invalide.',
      'serviceContact.phone': 'Numéro de téléphone invalide (par exemple 01 23 45 67 89 ou +33 1 23 45 67 89).',
      submissionMessage: 'Au plus 5000 caractères.',
      _: 'Champs inconnus : procedureId.',
    });
    expect(fakes.received.length).toBe(before);
  });

  it('serves the revision diff', async () => {
    const change = { kind: 'changed' as const, stableId: randomUUID(), label: 'Nom', path: 'x', summary: 'Libellé modifié', changes: [{ attribute: 'label', from: 'Nom', to: 'Nom complet', summary: 'Libellé : « Nom » → « Nom complet »' }] };
    const draftRevisionId = randomUUID();
    await fakes.on(procedureContracts.diff, () => ({ draftRevisionId, publishedRevisionId: null, changes: [change], annotationChanges: [] }));
    const diff = await administrateur.get<{ changes: unknown[] }>(`${admin}/diff`);
    expect(diff.status).toBe(200);
    expect(diff.body).toEqual({ draftRevisionId, publishedRevisionId: null, changes: [change], annotationChanges: [] });
    expect(fakes.lastCall(procedureContracts.diff)?.payload).toEqual({ procedureId });
  });

  it('keeps the admin routes for administrateurs; a malformed id is 404 without asking', async () => {
    const before = fakes.received.length;
    expect((await instructeur.post(`${admin}/close`, { reason: 'demarche_terminee' })).status).toBe(403);
    expect((await instructeur.get(`${admin}/diff`)).status).toBe(403);
    expect((await new TestBrowser(gateway.app).patch(`${admin}/settings`, { retentionMonths: 3 })).status).toBe(401);
    expect((await administrateur.get('/api/admin/procedures/pas-un-id/diff')).status).toBe(404);
    expect(fakes.received.length).toBe(before);
  });

  it('answers the public read of a closed procedure with its closure, for the web app to redirect', async () => {
    const closed = {
      state: 'close' as const,
      id: procedureId,
      path: 'ancienne-demarche',
      title: 'Ancienne démarche',
      tenant: { id: tenant.id, name: tenant.name },
      closure: { reason: 'autre_demarche' as const, details: null, replacementPath: 'nouvelle-demarche', closedAt: new Date().toISOString() },
    };
    await fakes.on(procedureContracts.getPublic, () => closed);
    const response = await new TestBrowser(gateway.app).get('/api/public/procedures/ancienne-demarche');
    expect(response.status).toBe(200);
    expect(response.body).toEqual(closed);
  });

  it('documents every new route in the OpenAPI document', async () => {
    const document = await new TestBrowser(gateway.app).get<{ paths: Record<string, Record<string, unknown>> }>('/api/openapi.json');
    const paths = document.body.paths;
    expect(Object.keys(paths['/api/admin/procedures/{procedureId}/close'] ?? {})).toEqual(['post']);
    expect(Object.keys(paths['/api/admin/procedures/{procedureId}/depublish'] ?? {})).toEqual(['post']);
    expect(Object.keys(paths['/api/admin/procedures/{procedureId}/republish'] ?? {})).toEqual(['post']);
    expect(Object.keys(paths['/api/admin/procedures/{procedureId}/settings'] ?? {})).toEqual(['patch']);
    expect(Object.keys(paths['/api/admin/procedures/{procedureId}/diff'] ?? {})).toEqual(['get']);
  });
});
