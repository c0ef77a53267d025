import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EntrepriseAdapter } from './entreprise.adapter';
import { guardedFetch } from './guarded-fetch';
import { ReferentielAdapter } from './referentiel.adapter';
import { etablissementPath, etablissementPayload, RegisterDouble } from './testing';

/** The call-time half of the SSRF guard, over real sockets and Node's resolver. */
describe('tenant register addresses: the private-address guard at call time', () => {
  const double = new RegisterDouble();
  let port = 0;
  const siret = '55204944776279';

  beforeAll(async () => {
    port = Number(new URL(await double.start()).port);
    double.on(etablissementPath(siret), { status: 200, json: etablissementPayload(siret) });
    double.on('/ecoles/0690001A', { status: 200, json: { nom: 'École Jules Ferry' } });
    double.on('/redirige', { status: 302, json: {} });
  });
  afterAll(async () => {
    await double.stop();
  });

  const referentiel = (host: string, allowedHosts: string[]) =>
    new ReferentielAdapter({ urlTemplate: `http://${host}:${port}/ecoles/{id}`, properties: ['nom'] }, { timeoutMs: 2_000, addressPolicy: { allowedHosts } });

  it('refuses a loopback literal and a name resolving to loopback, before any request reaches the register', async () => {
    const before = double.requests.length;
    expect(await referentiel('127.0.0.1', []).lookup('0690001A')).toMatchObject({ status: 'unavailable', reason: 'network', detail: 'EBLOCKEDADDRESS' });
    expect(await referentiel('localhost', []).lookup('0690001A')).toMatchObject({ status: 'unavailable', reason: 'network', detail: 'EBLOCKEDADDRESS' });
    expect(await referentiel('2130706433', []).lookup('0690001A')).toMatchObject({ status: 'unavailable', reason: 'network', detail: 'EBLOCKEDADDRESS' });
    const entreprise = new EntrepriseAdapter({ baseUrl: `http://127.0.0.1:${port}`, token: 'jeton', recipient: '13002526500013' }, { addressPolicy: { allowedHosts: [] } });
    expect(await entreprise.lookup(siret)).toMatchObject({ status: 'unavailable', reason: 'network', detail: 'EBLOCKEDADDRESS' });
    expect(double.requests.length).toBe(before);
  });

  it('reaches an allowed host, by literal or by name, with the headers and the answer intact', async () => {
    expect(await referentiel('127.0.0.1', ['127.0.0.1']).lookup('0690001A')).toEqual({ status: 'found', data: { nom: 'École Jules Ferry' } });
    expect(await referentiel('localhost', ['localhost']).lookup('0690001A')).toEqual({ status: 'found', data: { nom: 'École Jules Ferry' } });
    expect(await referentiel('127.0.0.1', ['127.0.0.1']).lookup('0750001B')).toEqual({ status: 'not_found' });
    const entreprise = new EntrepriseAdapter({ baseUrl: `http://127.0.0.1:${port}`, token: 'jeton', recipient: '13002526500013' }, { addressPolicy: { allowedHosts: ['127.0.0.1'] } });
    expect(await entreprise.lookup(siret)).toMatchObject({ status: 'found', data: { siret } });
    expect(double.requestsTo(etablissementPath(siret)).at(-1)?.headers['authorization']).toBe('Bearer jeton');
  });

  it('does not follow redirects, and gives up on time', async () => {
    const answer = await guardedFetch({ allowedHosts: ['127.0.0.1'] })(`http://127.0.0.1:${port}/redirige`, { method: 'GET' });
    expect(answer.status).toBe(302);
    double.on('/lent/1', { status: 200, json: { nom: 'x' }, delayMs: 2_000 });
    const slow = new ReferentielAdapter({ urlTemplate: `http://127.0.0.1:${port}/lent/{id}`, properties: ['nom'] }, { timeoutMs: 200, addressPolicy: { allowedHosts: ['127.0.0.1'] } });
    expect(await slow.lookup('1')).toMatchObject({ status: 'unavailable', reason: 'timeout' });
  });
});
