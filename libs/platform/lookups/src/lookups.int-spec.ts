import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdresseAdapter } from './adresse.adapter';
import { AssociationAdapter } from './association.adapter';
import { EntrepriseAdapter } from './entreprise.adapter';
import { ReferentielAdapter } from './referentiel.adapter';
import { associationPath, associationPayload, banPayload, etablissementPath, etablissementPayload, RegisterDouble } from './testing';

/** The adapters over real HTTP (Node's fetch) against a local double of the registers. */
describe('lookup adapters against a local HTTP double', () => {
  const double = new RegisterDouble();
  let settings: { baseUrl: string; token: string; recipient: string };
  const siret = '55204944776279';

  beforeAll(async () => {
    const url = await double.start();
    settings = { baseUrl: url, token: 'jeton', recipient: '13002526500013' };
  });
  afterAll(async () => {
    await double.stop();
  });

  it('reads an establishment with the token and the required query parameters', async () => {
    double.on(etablissementPath(siret), { status: 200, json: etablissementPayload(siret) });
    const result = await new EntrepriseAdapter(settings).lookup(siret, { purpose: 'Dossier n° 7' });
    expect(result).toMatchObject({ status: 'found', data: { siret, raisonSociale: 'SOCIETE NATIONALE SNCF', naf: { code: '49.10Z' } } });
    const request = double.requestsTo(etablissementPath(siret)).at(-1);
    expect(request?.headers['authorization']).toBe('Bearer jeton');
    expect(request?.query.get('recipient')).toBe('13002526500013');
    expect(request?.query.get('object')).toBe('Dossier n° 7');
    expect(request?.query.get('context')).toBe('Guichet');
  });

  it('answers not_found on the register’s 404 and unavailable on 401, 503 and invalid JSON', async () => {
    expect(await new EntrepriseAdapter(settings).lookup('73282932000074')).toEqual({ status: 'not_found' });
    double.on(etablissementPath('11111111111111'), { status: 401, json: { errors: [{ code: '00101', title: 'Interdit' }] } });
    expect(await new EntrepriseAdapter(settings).lookup('11111111111111')).toMatchObject({ status: 'unavailable', reason: 'unauthorized' });
    double.on(etablissementPath('22222222222222'), { status: 503, json: { errors: [] } });
    expect(await new EntrepriseAdapter(settings).lookup('22222222222222')).toMatchObject({ status: 'unavailable', reason: 'server_error' });
    double.on(etablissementPath('33333333333333'), { status: 200, body: '{"data": {"siret": ' });
    expect(await new EntrepriseAdapter(settings).lookup('33333333333333')).toMatchObject({ status: 'unavailable', reason: 'invalid_response' });
  });

  it('gives up a slow register after the timeout', async () => {
    double.on(etablissementPath('44444444444444'), { status: 200, json: etablissementPayload('44444444444444'), delayMs: 2_000 });
    const started = Date.now();
    expect(await new EntrepriseAdapter(settings, { timeoutMs: 200 }).lookup('44444444444444')).toEqual({ status: 'unavailable', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  it('answers unavailable (network) when nothing listens', async () => {
    const closed = new RegisterDouble();
    const url = await closed.start();
    await closed.stop();
    expect(await new EntrepriseAdapter({ ...settings, baseUrl: url }).lookup(siret)).toMatchObject({ status: 'unavailable', reason: 'network' });
  });

  it('reads an association and address suggestions', async () => {
    double.on(associationPath('W301000624'), { status: 200, json: associationPayload('W301000624') });
    expect(await new AssociationAdapter(settings).lookup('W301000624')).toMatchObject({ status: 'found', data: { rna: 'W301000624', etat: 'active', dateCreation: '1955-07-08' } });
    double.on('/search/', (request) => ({
      status: 200,
      json: banPayload(request.query.get('q') ?? '', [{ label: '20 Avenue de Ségur 75007 Paris', housenumber: '20', street: 'Avenue de Ségur', postcode: '75007', city: 'Paris', citycode: '75107', context: '75, Paris, Île-de-France', lon: 2.3088, lat: 48.8506 }]),
    }));
    const result = await new AdresseAdapter({ baseUrl: settings.baseUrl }).lookup('20 avenue de ségur');
    expect(result).toMatchObject({ status: 'found', data: { suggestions: [{ citycode: '75107', departement: '75', postcode: '75007' }] } });
    expect(double.requestsTo('/search/').at(-1)?.query.get('q')).toBe('20 avenue de ségur');
  });

  it('reads a configured referential with its header', async () => {
    double.onPrefix('/ref/', (request) => (request.headers['x-cle'] === 'secret' ? { status: 200, json: { code: request.path.slice(5), libelle: 'Trouvé', cache: 'x' } } : { status: 403, json: {} }));
    const adapter = new ReferentielAdapter({ urlTemplate: `${settings.baseUrl}/ref/{id}`, headerName: 'X-Cle', headerValue: 'secret', properties: ['code', 'libelle'] });
    expect(await adapter.lookup('AB12')).toEqual({ status: 'found', data: { code: 'AB12', libelle: 'Trouvé' } });
    const wrongKey = new ReferentielAdapter({ urlTemplate: `${settings.baseUrl}/ref/{id}`, headerName: 'X-Cle', headerValue: 'autre', properties: ['code'] });
    expect(await wrongKey.lookup('AB12')).toMatchObject({ status: 'unavailable', reason: 'unauthorized' });
  });
});
