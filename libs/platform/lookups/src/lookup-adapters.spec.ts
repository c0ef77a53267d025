import { describe, expect, it } from 'vitest';
import { AdresseAdapter } from './adresse.adapter';
import { AssociationAdapter } from './association.adapter';
import { EntrepriseAdapter } from './entreprise.adapter';
import type { FetchFunction } from './lookup.types';
import { ReferentielAdapter } from './referentiel.adapter';
import { associationPayload, banPayload, etablissementPayload } from './testing';

interface Call {
  url: string;
  init: RequestInit;
}

/** A fetch that records its calls and answers with `reply`. */
function fakeFetch(reply: (url: string) => Response | Promise<Response>): { fetch: FetchFunction; calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    fetch: async (url, init) => {
      calls.push({ url, init });
      return reply(url);
    },
  };
}

const json = (status: number, body: unknown): Response => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const failing = (error: Error): FetchFunction => () => Promise.reject(error);
const apiEntreprise = { baseUrl: 'https://entreprise.test/', token: 'jeton-secret', recipient: '13002526500013' };
const siret = '55204944776279';

describe('EntrepriseAdapter (API Entreprise v3, établissements)', () => {
  it('asks with the bearer token and the context/recipient/object parameters, and maps the establishment', async () => {
    const fake = fakeFetch(() => json(200, etablissementPayload(siret)));
    const result = await new EntrepriseAdapter(apiEntreprise, { fetch: fake.fetch }).lookup(siret, { purpose: 'Dossier n° 42' });
    const call = fake.calls[0];
    const url = new URL(call?.url ?? '');
    expect(`${url.origin}${url.pathname}`).toBe(`https://entreprise.test/v3/insee/sirene/etablissements/${siret}`);
    expect(Object.fromEntries(url.searchParams)).toEqual({ context: 'Guichet', recipient: '13002526500013', object: 'Dossier n° 42' });
    expect((call?.init.headers as Record<string, string>)['authorization']).toBe('Bearer jeton-secret');
    expect(call?.init.signal).toBeInstanceOf(AbortSignal);
    expect(result).toEqual({
      status: 'found',
      data: {
        siret,
        siren: '552049447',
        raisonSociale: 'SOCIETE NATIONALE SNCF',
        enseigne: 'SNCF ST DENIS',
        siegeSocial: true,
        adresse: { label: '2 PLACE AUX ETOILES 93210 SAINT-DENIS', streetAddress: '2 PLACE AUX ETOILES', postalCode: '93210', city: 'SAINT-DENIS', cityCode: '93066' },
        naf: { code: '49.10Z', libelle: 'Transport ferroviaire interurbain de voyageurs' },
        formeJuridique: { code: '5599', libelle: 'SA à conseil d’administration (s.a.i.)' },
        etatAdministratif: 'A',
        dateCreation: '1986-06-23',
        dateFermeture: null,
      },
    });
  });

  it('names a sole trader by first and last name', async () => {
    const payload = etablissementPayload(siret) as { data: { unite_legale: Record<string, unknown> } };
    payload.data.unite_legale['personne_morale_attributs'] = { raison_sociale: null };
    payload.data.unite_legale['personne_physique_attributs'] = { prenom_usuel: 'Jeanne', nom_usage: 'Martin' };
    const result = await new EntrepriseAdapter(apiEntreprise, { fetch: fakeFetch(() => json(200, payload)).fetch }).lookup(siret);
    expect(result.status === 'found' && result.data.raisonSociale).toBe('Jeanne Martin');
  });

  it('answers not_found on 404 and 422', async () => {
    for (const status of [404, 422]) {
      const result = await new EntrepriseAdapter(apiEntreprise, { fetch: fakeFetch(() => json(status, { errors: [{ code: '04003' }] })).fetch }).lookup(siret);
      expect(result).toEqual({ status: 'not_found' });
    }
  });

  it.each([
    [401, 'unauthorized'],
    [403, 'unauthorized'],
    [429, 'rate_limited'],
    [500, 'server_error'],
    [502, 'server_error'],
    [503, 'server_error'],
    [302, 'http_error'],
    [418, 'http_error'],
  ] as const)('answers unavailable on HTTP %i (%s)', async (status, reason) => {
    const result = await new EntrepriseAdapter(apiEntreprise, { fetch: fakeFetch(() => json(status, { errors: [] })).fetch }).lookup(siret);
    expect(result).toMatchObject({ status: 'unavailable', reason });
  });

  it('answers unavailable on invalid JSON and on a 200 that is not an establishment', async () => {
    const garbled = await new EntrepriseAdapter(apiEntreprise, { fetch: fakeFetch(() => new Response('<html>maintenance', { status: 200 })).fetch }).lookup(siret);
    expect(garbled).toMatchObject({ status: 'unavailable', reason: 'invalid_response' });
    const empty = await new EntrepriseAdapter(apiEntreprise, { fetch: fakeFetch(() => json(200, { data: null })).fetch }).lookup(siret);
    expect(empty).toMatchObject({ status: 'unavailable', reason: 'invalid_response' });
  });

  it('answers unavailable on a network error and on a timeout', async () => {
    const network = await new EntrepriseAdapter(apiEntreprise, { fetch: failing(new TypeError('fetch failed', { cause: Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }) })) }).lookup(siret);
    expect(network).toEqual({ status: 'unavailable', reason: 'network', detail: 'ECONNREFUSED' });
    // A fetch that only ends when its signal fires, as a silent server would.
    const silent: FetchFunction = (_url, init) => new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(init.signal?.reason)));
    const started = Date.now();
    const timeout = await new EntrepriseAdapter(apiEntreprise, { fetch: silent, timeoutMs: 50 }).lookup(siret);
    expect(timeout).toEqual({ status: 'unavailable', reason: 'timeout' });
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('does not call without a token or a recipient, nor for a malformed SIRET', async () => {
    const fake = fakeFetch(() => json(200, etablissementPayload(siret)));
    expect(await new EntrepriseAdapter({ ...apiEntreprise, token: ' ' }, { fetch: fake.fetch }).lookup(siret)).toEqual({ status: 'unavailable', reason: 'not_configured' });
    expect(await new EntrepriseAdapter({ ...apiEntreprise, recipient: '' }, { fetch: fake.fetch }).lookup(siret)).toEqual({ status: 'unavailable', reason: 'not_configured' });
    expect(await new EntrepriseAdapter(apiEntreprise, { fetch: fake.fetch }).lookup('123')).toEqual({ status: 'not_found' });
    expect(fake.calls).toHaveLength(0);
  });
});

describe('AssociationAdapter (API Entreprise v4, associations)', () => {
  it('maps title, object, seat address, creation date and state', async () => {
    const fake = fakeFetch(() => json(200, associationPayload('W301000624')));
    const result = await new AssociationAdapter(apiEntreprise, { fetch: fake.fetch }).lookup('W301000624');
    expect(new URL(fake.calls[0]?.url ?? '').pathname).toBe('/v4/djepva/api-association/associations/W301000624');
    expect((fake.calls[0]?.init.headers as Record<string, string>)['authorization']).toBe('Bearer jeton-secret');
    expect(result).toEqual({
      status: 'found',
      data: {
        rna: 'W301000624',
        siren: '389486242',
        titre: 'ASSOCIATION SPORTIVE SALINDROISE',
        objet: 'Pratique du rugby et de l’éducation physique.',
        adresse: { label: '4 RUE de Cambis 30340 Salindres', streetAddress: '4 RUE de Cambis', postalCode: '30340', city: 'Salindres', cityCode: '30305' },
        dateCreation: '1955-07-08',
        dateDissolution: null,
        etat: 'active',
      },
    });
  });

  it('maps 404 to not_found, 503 and non-JSON to unavailable, and needs a token', async () => {
    expect(await new AssociationAdapter(apiEntreprise, { fetch: fakeFetch(() => json(404, {})).fetch }).lookup('W301000624')).toEqual({ status: 'not_found' });
    expect(await new AssociationAdapter(apiEntreprise, { fetch: fakeFetch(() => json(503, {})).fetch }).lookup('W301000624')).toMatchObject({ status: 'unavailable', reason: 'server_error' });
    expect(await new AssociationAdapter(apiEntreprise, { fetch: fakeFetch(() => new Response('{"data":', { status: 200 })).fetch }).lookup('W301000624')).toMatchObject({ status: 'unavailable', reason: 'invalid_response' });
    expect(await new AssociationAdapter({ ...apiEntreprise, token: '' }).lookup('W301000624')).toEqual({ status: 'unavailable', reason: 'not_configured' });
  });
});

describe('AdresseAdapter (Base Adresse Nationale)', () => {
  const payload = banPayload('8 bd du port', [
    { label: '8 Boulevard du Port 80000 Amiens', housenumber: '8', street: 'Boulevard du Port', postcode: '80000', city: 'Amiens', citycode: '80021', context: '80, Somme, Hauts-de-France', lon: 2.290084, lat: 49.897443 },
    { label: 'Boulevard du Port 97400 Saint-Denis', street: 'Boulevard du Port', postcode: '97400', city: 'Saint-Denis', citycode: '97411', context: '974, La Réunion', lon: 55.45, lat: -20.88 },
  ]);

  it('searches with q and limit and maps the GeoJSON features to suggestions', async () => {
    const fake = fakeFetch(() => json(200, payload));
    const regions: Record<string, string> = { '80': '32', '974': '04' };
    const result = await new AdresseAdapter({ baseUrl: 'https://ban.test', regionOfDepartement: (code) => regions[code] }, { fetch: fake.fetch }).lookup(' 8 bd du port ');
    const url = new URL(fake.calls[0]?.url ?? '');
    expect(url.pathname).toBe('/search/');
    expect(Object.fromEntries(url.searchParams)).toEqual({ q: '8 bd du port', limit: '5' });
    expect(result).toEqual({
      status: 'found',
      data: {
        suggestions: [
          { label: '8 Boulevard du Port 80000 Amiens', housenumber: '8', street: 'Boulevard du Port', postcode: '80000', city: 'Amiens', citycode: '80021', departement: '80', region: '32', lon: 2.290084, lat: 49.897443 },
          { label: 'Boulevard du Port 97400 Saint-Denis', housenumber: null, street: 'Boulevard du Port', postcode: '97400', city: 'Saint-Denis', citycode: '97411', departement: '974', region: '04', lon: 55.45, lat: -20.88 },
        ],
      },
    });
  });

  it('answers not_found for no feature or a query too short (without calling), unavailable for a body that is not GeoJSON', async () => {
    const none = fakeFetch(() => json(200, banPayload('zzz', [])));
    expect(await new AdresseAdapter({ baseUrl: 'https://ban.test' }, { fetch: none.fetch }).lookup('zzzz')).toEqual({ status: 'not_found' });
    const short = fakeFetch(() => json(200, payload));
    expect(await new AdresseAdapter({ baseUrl: 'https://ban.test' }, { fetch: short.fetch }).lookup('8 ')).toEqual({ status: 'not_found' });
    expect(short.calls).toHaveLength(0);
    expect(await new AdresseAdapter({ baseUrl: 'https://ban.test' }, { fetch: fakeFetch(() => json(200, { hits: [] })).fetch }).lookup('rue de la paix')).toMatchObject({ status: 'unavailable', reason: 'invalid_response' });
    expect(await new AdresseAdapter({ baseUrl: 'https://ban.test' }, { fetch: fakeFetch(() => json(504, {})).fetch }).lookup('rue de la paix')).toMatchObject({ status: 'unavailable', reason: 'server_error' });
  });
});

describe('ReferentielAdapter (administrator-configured HTTP register)', () => {
  const definition = { urlTemplate: 'https://ref.test/api/ecoles/{id}?format=json', headerName: 'X-Api-Key', headerValue: 'cle', properties: ['nom', 'adresse.commune', 'absent'] };

  it('fills the template with the encoded value, sends the header and keeps only the listed properties', async () => {
    const fake = fakeFetch(() => json(200, { nom: 'École Jules Ferry', adresse: { commune: 'Lyon', rue: 'secret' }, interne: 1 }));
    const result = await new ReferentielAdapter(definition, { fetch: fake.fetch }).lookup('0690001 A/B');
    expect(fake.calls[0]?.url).toBe('https://ref.test/api/ecoles/0690001%20A%2FB?format=json');
    expect((fake.calls[0]?.init.headers as Record<string, string>)['X-Api-Key']).toBe('cle');
    expect(result).toEqual({ status: 'found', data: { nom: 'École Jules Ferry', 'adresse.commune': 'Lyon' } });
  });

  it('reads a list answer as its first item; 404, null and [] are not_found; a scalar is invalid', async () => {
    expect(await new ReferentielAdapter(definition, { fetch: fakeFetch(() => json(200, [{ nom: 'A' }, { nom: 'B' }])).fetch }).lookup('1')).toEqual({ status: 'found', data: { nom: 'A' } });
    for (const reply of [json(404, { error: 'inconnu' }), json(200, null), json(200, []), new Response('Not Found', { status: 404 })]) {
      expect(await new ReferentielAdapter(definition, { fetch: fakeFetch(() => reply).fetch }).lookup('1')).toEqual({ status: 'not_found' });
    }
    expect(await new ReferentielAdapter(definition, { fetch: fakeFetch(() => json(200, 42)).fetch }).lookup('1')).toMatchObject({ status: 'unavailable', reason: 'invalid_response' });
  });

  it('is not configured without the {id} placeholder', async () => {
    const fake = fakeFetch(() => json(200, {}));
    expect(await new ReferentielAdapter({ ...definition, urlTemplate: 'https://ref.test/api' }, { fetch: fake.fetch }).lookup('1')).toEqual({ status: 'unavailable', reason: 'not_configured' });
    expect(fake.calls).toHaveLength(0);
  });
});
