import { randomBytes, randomUUID } from 'node:crypto';
import { Client } from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierContracts, GuichetError, lookupContracts, type Procedure } from '@guichet/contracts';
import { etablissementPath, etablissementPayload, RegisterDouble } from '@guichet/platform-lookups-testing';
import { administrateurOf, aUsagerIdentity, field, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';
import { SecretCipher } from './secret-cipher';

async function refusal(promise: Promise<unknown>): Promise<GuichetError> {
  const error: unknown = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof GuichetError)) throw new Error(`expected a GuichetError, got ${String(error)}`);
  return error;
}

const internalMessage = 'Cette adresse mène au réseau interne de la plateforme (adresse locale, privée ou réservée) : un service de vérification doit être joignable sur internet.';
const siret = '55204944776279';

/**
 * Register settings at rest (tokens encrypted under LOOKUP_SECRETS_KEY) and the private-address
 * guard on tenants' register addresses, at save and at call time. The double listens on 127.0.0.1;
 * only the name `localhost` is in LOOKUP_ALLOWED_HOSTS, so the literal 127.0.0.1 stays refused.
 */
describe('dossiers: register secrets at rest and tenant addresses (SSRF guard)', () => {
  const tenantRegister = new RegisterDouble();
  const secretsKey = randomBytes(32).toString('base64');
  let t: DossiersUnderTest;
  let db: Client;
  let allowedUrl = '';
  let literalUrl = '';
  const siretField = field({ label: 'SIRET', type: 'siret' });
  const ecole = field({ label: 'École', type: 'referentiel', options: { referentielId: 'ecoles' } });

  beforeAll(async () => {
    literalUrl = await tenantRegister.start();
    allowedUrl = literalUrl.replace('127.0.0.1', 'localhost');
    t = await startDossiersUnderTest({
      API_ENTREPRISE_URL: 'http://127.0.0.1:9',
      API_ENTREPRISE_TOKEN: 'jeton-instance',
      API_ADRESSE_URL: 'http://127.0.0.1:9',
      LOOKUP_TIMEOUT_MS: '1000',
      LOOKUP_SECRETS_KEY: secretsKey,
      LOOKUP_ALLOWED_HOSTS: 'localhost',
    });
    db = new Client({ connectionString: t.platform.databaseUrl });
    await db.connect();
  });

  afterAll(async () => {
    await db?.end();
    await t?.stop();
    await tenantRegister.stop();
  });

  const rowOf = async (tenantId: string, kind: string) =>
    (await db.query<{ token: string | null; referentiels: { referentielId: string; headerValue: string | null }[] }>('select token, referentiels from dossiers.lookup_setting where tenant_id = $1 and kind = $2', [tenantId, kind])).rows[0];
  const publishedWith = (tenantId: string): Promise<Procedure> => t.publishedProcedure(tenantId, [siretField, ecole]);
  const saveValues = async (procedure: Procedure, values: Record<string, unknown>) => {
    const owner = usager();
    const dossier = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
    return t.request(dossierContracts.updateValues, { dossierId: dossier.id, values }, owner);
  };

  it('stores tokens and header values encrypted (no plain text in the column) and uses them decrypted', async () => {
    const tenantId = randomUUID();
    const admin = administrateurOf(tenantId);
    tenantRegister.on(etablissementPath(siret), (request) => (request.headers['authorization'] === 'Bearer jeton-secret-du-tenant' ? { status: 200, json: etablissementPayload(siret) } : { status: 401, json: {} }));
    tenantRegister.on('/ecoles/0690001A', (request) => (request.headers['x-api-key'] === 'cle-secrete-ecoles' ? { status: 200, json: { nom: 'École Jules Ferry' } } : { status: 403, json: {} }));
    await t.request(lookupContracts.putSettings, { kind: 'entreprise', enabled: true, baseUrl: allowedUrl, token: 'jeton-secret-du-tenant', recipient: '21940041300015' }, admin);
    await t.request(lookupContracts.putSettings, { kind: 'referentiel', enabled: true, definitions: [{ referentielId: 'ecoles', urlTemplate: `${allowedUrl}/ecoles/{id}`, headerName: 'X-Api-Key', headerValue: 'cle-secrete-ecoles', properties: ['nom'] }] }, admin);

    const entreprise = await rowOf(tenantId, 'entreprise');
    expect(entreprise?.token).toMatch(/^enc:v1:/u);
    expect(entreprise?.token).not.toContain('jeton-secret');
    const referentiel = await rowOf(tenantId, 'referentiel');
    expect(referentiel?.referentiels[0]?.headerValue).toMatch(/^enc:v1:/u);
    expect(JSON.stringify(referentiel)).not.toContain('cle-secrete');
    expect(new SecretCipher(secretsKey).decrypt(entreprise?.token ?? '', `lookup_setting:${tenantId}:entreprise:token`)).toBe('jeton-secret-du-tenant');

    const saved = await saveValues(await publishedWith(tenantId), { [siretField.stableId]: siret, [ecole.stableId]: '0690001A' });
    expect(saved.lookups?.[siretField.stableId]).toMatchObject({ status: 'found' });
    expect(saved.lookups?.[ecole.stableId]).toMatchObject({ status: 'found', data: { nom: 'École Jules Ferry' } });
  });

  it('reads a token stored in plain text before encryption, and encrypts it when the settings are next saved', async () => {
    const tenantId = randomUUID();
    await db.query(`insert into dossiers.lookup_setting (tenant_id, kind, enabled, base_url, token, recipient, referentiels, updated_at) values ($1, 'entreprise', true, $2, 'jeton-en-clair', '21940041300015', '[]', now())`, [tenantId, allowedUrl]);
    tenantRegister.on(etablissementPath(siret), (request) => (request.headers['authorization'] === 'Bearer jeton-en-clair' ? { status: 200, json: etablissementPayload(siret) } : { status: 401, json: {} }));
    const procedure = await publishedWith(tenantId);
    expect((await saveValues(procedure, { [siretField.stableId]: siret })).lookups?.[siretField.stableId]).toMatchObject({ status: 'found' });
    expect((await t.request(lookupContracts.getSettings, {}, administrateurOf(tenantId))).entreprise.tokenSet).toBe(true);

    // Saved without a token (the form never shows it): kept, and now encrypted.
    await t.request(lookupContracts.putSettings, { kind: 'entreprise', enabled: true, baseUrl: allowedUrl }, administrateurOf(tenantId));
    const row = await rowOf(tenantId, 'entreprise');
    expect(row?.token).toMatch(/^enc:v1:/u);
    expect(row?.token).not.toContain('jeton-en-clair');
    expect((await saveValues(procedure, { [siretField.stableId]: siret })).lookups?.[siretField.stableId]).toMatchObject({ status: 'found' });
  });

  it('treats a token that does not decrypt (another key) as absent, without failing the usager', async () => {
    const tenantId = randomUUID();
    const foreign = new SecretCipher(randomBytes(32).toString('base64')).encrypt('jeton', `lookup_setting:${tenantId}:entreprise:token`);
    await db.query(`insert into dossiers.lookup_setting (tenant_id, kind, enabled, base_url, token, recipient, referentiels, updated_at) values ($1, 'entreprise', true, $2, $3, '21940041300015', '[]', now())`, [tenantId, allowedUrl, foreign]);
    expect((await t.request(lookupContracts.getSettings, {}, administrateurOf(tenantId))).entreprise.tokenSet).toBe(false);
    const saved = await saveValues(await publishedWith(tenantId), { [siretField.stableId]: siret });
    expect(saved.lookups?.[siretField.stableId]).toMatchObject({ status: 'unavailable', reason: 'not_configured' });
  });

  it('refuses at save, with a French message on the field, addresses leading to internal networks', async () => {
    const admin = administrateurOf(randomUUID());
    for (const baseUrl of [literalUrl, 'http://169.254.169.254/latest', 'http://[::1]:8080', 'http://10.0.0.5', 'http://2130706433:8080', 'http://[::ffff:127.0.0.1]/', 'http://100.64.0.1']) {
      const error = await refusal(t.request(lookupContracts.putSettings, { kind: 'adresse', enabled: true, baseUrl }, admin));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields).toEqual({ baseUrl: internalMessage });
    }
    const referentiel = await refusal(
      t.request(
        lookupContracts.putSettings,
        {
          kind: 'referentiel',
          enabled: true,
          definitions: [
            { referentielId: 'public', urlTemplate: 'https://193.51.24.1/{id}', properties: ['nom'] },
            { referentielId: 'interne', urlTemplate: 'http://192.168.1.20/registre/{id}', properties: ['nom'] },
          ],
        },
        admin,
      ),
    );
    expect(referentiel.fields).toEqual({ 'definitions.1.urlTemplate': internalMessage });
    const entreprise = await refusal(t.request(lookupContracts.putSettings, { kind: 'entreprise', enabled: true, baseUrl: 'http://172.16.0.1', token: 'x' }, admin));
    expect(entreprise.fields).toEqual({ baseUrl: internalMessage });
    // Nothing was stored; an allowed host and a public address are accepted.
    expect((await t.request(lookupContracts.getSettings, {}, admin)).adresse.baseUrl).toBeNull();
    expect((await t.request(lookupContracts.putSettings, { kind: 'adresse', enabled: true, baseUrl: allowedUrl }, admin)).adresse.baseUrl).toBe(allowedUrl);
    expect((await t.request(lookupContracts.putSettings, { kind: 'adresse', enabled: true, baseUrl: 'https://193.51.24.1' }, admin)).adresse.baseUrl).toBe('https://193.51.24.1');
  });

  it('checks again at call time: an internal address stored anyway is never requested', async () => {
    const tenantId = randomUUID();
    await db.query(
      `insert into dossiers.lookup_setting (tenant_id, kind, enabled, base_url, token, recipient, referentiels, updated_at) values ($1, 'referentiel', true, null, null, null, $2, now())`,
      [tenantId, JSON.stringify([{ referentielId: 'ecoles', urlTemplate: `${literalUrl}/ecoles/{id}`, headerName: null, headerValue: null, properties: ['nom'] }])],
    );
    tenantRegister.on('/ecoles/0750001B', { status: 200, json: { nom: 'École interne' } });
    const before = tenantRegister.requestsTo('/ecoles/0750001B').length;
    const saved = await saveValues(await publishedWith(tenantId), { [ecole.stableId]: '0750001B' });
    expect(saved.lookups?.[ecole.stableId]).toMatchObject({ status: 'unavailable' });
    expect(tenantRegister.requestsTo('/ecoles/0750001B')).toHaveLength(before);
  });

  it('never sends the instance’s API Entreprise token to an address a tenant chose', async () => {
    const tenantId = randomUUID();
    const other = '73282932000074';
    tenantRegister.on(etablissementPath(other), { status: 200, json: etablissementPayload(other) });
    await t.request(lookupContracts.putSettings, { kind: 'entreprise', enabled: true, baseUrl: allowedUrl, recipient: '21940041300015' }, administrateurOf(tenantId));
    const saved = await saveValues(await publishedWith(tenantId), { [siretField.stableId]: other });
    expect(saved.lookups?.[siretField.stableId]).toMatchObject({ status: 'unavailable', reason: 'not_configured' });
    expect(tenantRegister.requestsTo(etablissementPath(other)).map((request) => request.headers['authorization'])).not.toContain('Bearer jeton-instance');
  });
});
