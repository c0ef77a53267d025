import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GuichetError, lookupContracts, type LookupSettings } from '@guichet/contracts';
import { signedUpUsager, tenantWithAgents } from '../testing/accounts';
import { FakeServices } from '../testing/fake-services';
import { startGatewayForTest, type GatewayUnderTest } from '../testing/gateway.test-app';
import { TestBrowser } from '../testing/test-browser';

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

function someSettings(): LookupSettings {
  const register = { enabled: true, baseUrl: null, effectiveBaseUrl: 'https://entreprise.api.gouv.fr', tokenSet: true, instanceTokenSet: false, recipient: null, effectiveRecipient: '' };
  return {
    entreprise: register,
    association: register,
    adresse: { enabled: true, baseUrl: null, effectiveBaseUrl: 'https://api-adresse.data.gouv.fr' },
    referentiel: { enabled: true, definitions: [{ referentielId: 'ecoles', urlTemplate: 'https://ref.example.fr/{id}', headerName: 'X-Api-Key', headerValueSet: true, properties: ['nom'] }] },
  };
}

/** The lookup routes, with the dossiers service played by fakes on the bus. */
describe('gateway: external lookup routes', () => {
  let gateway: GatewayUnderTest;
  let fakes: FakeServices;
  let administrateur: TestBrowser;
  let instructeur: TestBrowser;
  let usager: TestBrowser;
  let tenant: { id: string };

  beforeAll(async () => {
    gateway = await startGatewayForTest();
    fakes = new FakeServices(gateway.bus);
    const agents = await tenantWithAgents(gateway, 'Préfecture Vérifications', 'lkp');
    ({ tenant, administrateur, instructeur } = agents);
    usager = (await signedUpUsager(gateway)).browser;
  });
  afterAll(async () => {
    await gateway?.stop();
  });

  it('reads the settings for administrateurs only, with no token even if a reply carried one', async () => {
    await fakes.on(lookupContracts.getSettings, () => ({ ...someSettings(), entreprise: { ...someSettings().entreprise, token: 'jeton-secret' } }) as LookupSettings);
    const response = await administrateur.get<LookupSettings>('/api/admin/lookups');
    expect(response.status).toBe(200);
    expect(response.body.entreprise.tokenSet).toBe(true);
    expect(JSON.stringify(response.body)).not.toContain('jeton-secret');
    expect(fakes.lastCall(lookupContracts.getSettings)?.ctx).toMatchObject({ tenantId: tenant.id });
    expect((await instructeur.get('/api/admin/lookups')).status).toBe(403);
    expect((await usager.get('/api/admin/lookups')).status).toBe(403);
  });

  it('sets a register, refusing other URLs than http(s) with French field messages before asking the service', async () => {
    await fakes.on(lookupContracts.putSettings, () => someSettings());
    const body = { kind: 'entreprise', enabled: true, baseUrl: 'https://entreprise.example.fr', token: 'jeton', recipient: '13002526500013' };
    const saved = await administrateur.put<LookupSettings>('/api/admin/lookups', body);
    expect(saved.status).toBe(200);
    expect(fakes.lastCall(lookupContracts.putSettings)?.payload).toEqual(body);

    const before = fakes.calls(lookupContracts.putSettings).length;
    const invalid = await administrateur.put<ErrorBody>('/api/admin/lookups', { kind: 'adresse', enabled: true, baseUrl: 'javascript:alert(1)' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.fields).toEqual({ baseUrl: 'Indiquez une adresse web complète commençant par https:// ou http:// (sans identifiant ni mot de passe).' });
    const template = await administrateur.put<ErrorBody>('/api/admin/lookups', { kind: 'referentiel', enabled: true, definitions: [{ referentielId: 'ecoles', urlTemplate: 'https://ref.example.fr/ecoles', properties: [] }] });
    expect(template.status).toBe(422);
    expect(template.body.error.fields).toEqual({
      'definitions.0.urlTemplate': 'L’adresse doit contenir {id}, remplacé par la valeur saisie.',
      'definitions.0.properties': 'Indiquez au moins une propriété à conserver.',
    });
    const recipient = await administrateur.put<ErrorBody>('/api/admin/lookups', { ...body, recipient: '123' });
    expect(recipient.body.error.fields).toEqual({ recipient: 'Le destinataire est le numéro SIRET de l’administration : 14 chiffres.' });
    expect(fakes.calls(lookupContracts.putSettings)).toHaveLength(before);
    expect((await instructeur.put('/api/admin/lookups', body)).status).toBe(403);
  });

  it('forwards the usager’s lookup with the dossier id; a malformed id is 404 and an unknown key 422', async () => {
    await fakes.on(lookupContracts.lookup, (payload) => (payload.query === 'inconnu' ? { status: 'not_found' as const, kind: 'adresse' as const, message: 'Aucune adresse ne correspond à cette recherche.' } : { status: 'found' as const, kind: 'adresse' as const, data: { suggestions: [] } }));
    const dossierId = randomUUID();
    const found = await usager.post<{ status: string }>(`/api/dossiers/${dossierId}/lookups`, { stableId: 'champ-adresse', query: '20 avenue de ségur' });
    expect(found.status).toBe(200);
    expect(found.body).toEqual({ status: 'found', kind: 'adresse', data: { suggestions: [] } });
    expect(fakes.lastCall(lookupContracts.lookup)?.payload).toEqual({ dossierId, stableId: 'champ-adresse', query: '20 avenue de ségur' });
    expect((await usager.post(`/api/dossiers/${dossierId}/lookups`, { stableId: 'champ-adresse', query: 'inconnu' })).body).toMatchObject({ status: 'not_found' });

    const before = fakes.calls(lookupContracts.lookup).length;
    expect((await usager.post(`/api/dossiers/pas-un-id/lookups`, { stableId: 'a', query: 'b' })).status).toBe(404);
    const extra = await usager.post<ErrorBody>(`/api/dossiers/${dossierId}/lookups`, { stableId: 'a', query: 'b', token: 'x' });
    expect(extra.status).toBe(422);
    expect(fakes.calls(lookupContracts.lookup)).toHaveLength(before);

    await fakes.on(lookupContracts.lookup, () => {
      throw new GuichetError('NOT_FOUND', 'Dossier introuvable.');
    });
    expect((await usager.post<ErrorBody>(`/api/dossiers/${dossierId}/lookups`, { stableId: 'a', query: 'b' })).body.error.code).toBe('NOT_FOUND');
    expect((await new TestBrowser(gateway.app).post(`/api/dossiers/${dossierId}/lookups`, { stableId: 'a', query: 'b' })).status).toBe(401);
  });
});
