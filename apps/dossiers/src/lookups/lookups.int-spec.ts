import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dossierContracts, GuichetError, lookupContracts, type BusContext, type Dossier, type Procedure } from '@guichet/contracts';
import { associationPath, associationPayload, banPayload, etablissementPath, etablissementPayload, RegisterDouble } from '@guichet/platform-lookups-testing';
import { administrateurOf, aUsagerIdentity, field, instructeurOf, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';
import { unavailableMessage } from './dossier-lookups';

/** A Luhn-valid SIRET starting with `prefix` (13 digits), so the format check lets it through. */
function siretFrom(prefix: string): string {
  for (let key = 0; key <= 9; key += 1) {
    const candidate = `${prefix}${key}`;
    let sum = 0;
    [...candidate].reverse().forEach((char, index) => {
      let digit = Number(char);
      if (index % 2 === 1) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
      sum += digit;
    });
    if (sum % 10 === 0) return candidate;
  }
  throw new Error('unreachable');
}

const timeoutMs = 400;

async function refusal(promise: Promise<unknown>): Promise<GuichetError> {
  const error: unknown = await promise.then(() => undefined, (caught: unknown) => caught);
  if (!(error instanceof GuichetError)) throw new Error(`expected a GuichetError, got ${String(error)}`);
  return error;
}

/** Lookups when values are saved and submitted, per-tenant settings, and the usager's own lookups. */
describe('dossiers: external lookups (SIRET, RNA, referential, address)', () => {
  const register = new RegisterDouble();
  const tenantRegister = new RegisterDouble();
  let t: DossiersUnderTest;
  const tenantA = randomUUID();
  const tenantB = randomUUID();
  const fields = {
    name: field({ label: 'Nom', type: 'text' }),
    siret: field({ label: 'SIRET', type: 'siret', mandatory: true }),
    rna: field({ label: 'RNA', type: 'rna' }),
    ecole: field({ label: 'École', type: 'referentiel', options: { referentielId: 'ecoles' } }),
    adresse: field({ label: 'Adresse', type: 'address' }),
    withSiret: field({ label: 'Avez-vous un second établissement ?', type: 'yes_no' }),
  };
  const second = field({ label: 'Second SIRET', type: 'siret', condition: { kind: 'comparison', field: fields.withSiret.stableId, operator: 'eq', value: true } });
  let procedureA: Procedure;
  let procedureB: Procedure;
  let owner: BusContext;
  const known = siretFrom('5520494477627');
  const unknown = siretFrom('7328293200007');
  const down = siretFrom('4181660960006');
  const slow = siretFrom('1300252650001');

  beforeAll(async () => {
    const url = await register.start();
    await tenantRegister.start();
    register.on(etablissementPath(known), { status: 200, json: etablissementPayload(known) });
    register.on(etablissementPath(down), { status: 503, json: { errors: [{ code: '01000', title: 'Service indisponible' }] } });
    register.on(etablissementPath(slow), { status: 200, json: etablissementPayload(slow), delayMs: 3_000 });
    register.on(associationPath('W301000624'), { status: 200, json: associationPayload('W301000624') });
    t = await startDossiersUnderTest({
      API_ENTREPRISE_URL: url,
      API_ENTREPRISE_TOKEN: 'jeton-instance',
      API_ENTREPRISE_RECIPIENT: '13002526500013',
      API_ADRESSE_URL: url,
      LOOKUP_TIMEOUT_MS: String(timeoutMs),
      // The tenant's register double listens on this machine: allowed past the private-address guard.
      LOOKUP_ALLOWED_HOSTS: '127.0.0.1',
    });
    procedureA = await t.publishedProcedure(tenantA, [...Object.values(fields), second]);
    procedureB = await t.publishedProcedure(tenantB, [fields.siret]);
    owner = usager();
  });

  afterAll(async () => {
    await t?.stop();
    await register.stop();
    await tenantRegister.stop();
  });

  const create = (procedure: Procedure = procedureA): Promise<Dossier> => t.request(dossierContracts.create, { procedureId: procedure.id, usager: aUsagerIdentity() }, owner);
  const save = (dossier: Dossier, values: Record<string, unknown>) => t.request(dossierContracts.updateValues, { dossierId: dossier.id, values }, owner);
  const read = (dossier: Dossier) => t.request(dossierContracts.get, { dossierId: dossier.id }, owner);

  it('stores the company data of a known SIRET, asked with the instance token and the API Entreprise parameters', async () => {
    const dossier = await create();
    const saved = await save(dossier, { [fields.siret.stableId]: known.replace(/(\d{3})/gu, '$1 ') });
    expect(saved.warnings).toBeUndefined();
    expect(saved.lookups?.[fields.siret.stableId]).toMatchObject({ status: 'found', query: known, data: { siret: known, raisonSociale: 'SOCIETE NATIONALE SNCF', naf: { code: '49.10Z' } } });
    const request = register.requestsTo(etablissementPath(known)).at(-1);
    expect(request?.headers['authorization']).toBe('Bearer jeton-instance');
    expect(Object.fromEntries(request?.query ?? [])).toEqual({ context: 'Guichet', recipient: '13002526500013', object: `Dossier n° ${dossier.number}` });
    // Saving another value does not ask again for a value already found.
    const before = register.requestsTo(etablissementPath(known)).length;
    await save(dossier, { [fields.name.stableId]: 'Mon entreprise' });
    expect(register.requestsTo(etablissementPath(known))).toHaveLength(before);
    expect((await read(dossier)).lookups?.[fields.siret.stableId]?.status).toBe('found');
  });

  it('refuses an unknown SIRET with a field error and saves nothing of the request', async () => {
    const dossier = await create();
    await save(dossier, { [fields.name.stableId]: 'Avant' });
    const error = await refusal(save(dossier, { [fields.name.stableId]: 'Après', [fields.siret.stableId]: unknown }));
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual({ [`values.${fields.siret.stableId}`]: 'Aucun établissement n’est enregistré avec ce numéro SIRET.' });
    const stored = await read(dossier);
    expect(stored.values).toEqual({ [fields.name.stableId]: 'Avant' });
    expect(stored.lookups).toEqual({});
  });

  it('keeps a value unchecked when the register is down, says so, and still submits (after one more try)', async () => {
    const dossier = await create();
    const saved = await save(dossier, { [fields.siret.stableId]: down });
    expect(saved.values[fields.siret.stableId]).toBe(down);
    expect(saved.warnings).toEqual({ [`values.${fields.siret.stableId}`]: unavailableMessage });
    expect(saved.lookups?.[fields.siret.stableId]).toMatchObject({ status: 'unavailable', reason: 'server_error', query: down });
    const asked = register.requestsTo(etablissementPath(down)).length;
    const submitted = await t.request(dossierContracts.submit, { dossierId: dossier.id }, owner);
    expect(submitted.state).toBe('en_construction');
    expect(register.requestsTo(etablissementPath(down))).toHaveLength(asked + 1);
    expect(submitted.lookups?.[fields.siret.stableId]).toMatchObject({ status: 'unavailable', query: down });
  });

  it('checks at submission a value left unchecked once its register answers again', async () => {
    const recovering = siretFrom('3562053000001');
    register.on(etablissementPath(recovering), { status: 502, json: {} });
    const dossier = await create();
    expect((await save(dossier, { [fields.siret.stableId]: recovering })).lookups?.[fields.siret.stableId]?.status).toBe('unavailable');
    register.on(etablissementPath(recovering), { status: 200, json: etablissementPayload(recovering, 'SOCIETE RETABLIE') });
    const submitted = await t.request(dossierContracts.submit, { dossierId: dossier.id }, owner);
    expect(submitted.lookups?.[fields.siret.stableId]).toMatchObject({ status: 'found', data: { raisonSociale: 'SOCIETE RETABLIE' } });
  });

  it('refuses at submission an unchecked value the register now says does not exist', async () => {
    const vanishing = siretFrom('8000000000001');
    register.on(etablissementPath(vanishing), { status: 503, json: {} });
    const dossier = await create();
    await save(dossier, { [fields.siret.stableId]: vanishing });
    register.on(etablissementPath(vanishing), { status: 404, json: {} });
    const error = await refusal(t.request(dossierContracts.submit, { dossierId: dossier.id }, owner));
    expect(error.fields).toEqual({ [`values.${fields.siret.stableId}`]: 'Aucun établissement n’est enregistré avec ce numéro SIRET.' });
    expect((await read(dossier)).state).toBe('brouillon');
  });

  it('gives up a slow register after LOOKUP_TIMEOUT_MS and keeps the value unchecked', async () => {
    const dossier = await create();
    const started = Date.now();
    const saved = await save(dossier, { [fields.siret.stableId]: slow });
    expect(Date.now() - started).toBeLessThan(2_500);
    expect(saved.lookups?.[fields.siret.stableId]).toMatchObject({ status: 'unavailable', reason: 'timeout' });
    expect(saved.values[fields.siret.stableId]).toBe(slow);
  });

  it('drops the lookup of a value cleared or hidden by a condition', async () => {
    const dossier = await create();
    const withSecond = await save(dossier, { [fields.withSiret.stableId]: true, [second.stableId]: known, [fields.siret.stableId]: known });
    expect(Object.keys(withSecond.lookups ?? {}).sort()).toEqual([fields.siret.stableId, second.stableId].sort());
    const hidden = await save(dossier, { [fields.withSiret.stableId]: false });
    expect(hidden.values[second.stableId]).toBeUndefined();
    expect(Object.keys(hidden.lookups ?? {})).toEqual([fields.siret.stableId]);
    const cleared = await save(dossier, { [fields.siret.stableId]: null });
    expect(cleared.lookups).toEqual({});
  });

  it('checks an RNA number, and a referential only once the tenant declared it', async () => {
    const dossier = await create();
    const saved = await save(dossier, { [fields.rna.stableId]: 'w301000624', [fields.ecole.stableId]: '0690001A' });
    expect(saved.lookups?.[fields.rna.stableId]).toMatchObject({ status: 'found', data: { titre: 'ASSOCIATION SPORTIVE SALINDROISE', etat: 'active' } });
    expect(saved.lookups?.[fields.ecole.stableId]).toMatchObject({ status: 'unavailable', reason: 'not_configured' });
    expect(Object.keys(saved.warnings ?? {})).toEqual([`values.${fields.ecole.stableId}`]);

    tenantRegister.onPrefix('/ecoles/', (request) => (request.path === '/ecoles/0690001A' && request.headers['x-api-key'] === 'cle-ecoles' ? { status: 200, json: { nom: 'École Jules Ferry', ville: 'Lyon', interne: 'x' } } : { status: 404, json: {} }));
    await t.request(lookupContracts.putSettings, { kind: 'referentiel', enabled: true, definitions: [{ referentielId: 'ecoles', urlTemplate: `${tenantRegister.url}/ecoles/{id}`, headerName: 'X-Api-Key', headerValue: 'cle-ecoles', properties: ['nom', 'ville'] }] }, administrateurOf(tenantA));
    const checked = await save(dossier, { [fields.ecole.stableId]: '0690001A' });
    expect(checked.lookups?.[fields.ecole.stableId]).toMatchObject({ status: 'found', data: { nom: 'École Jules Ferry', ville: 'Lyon' } });
    const error = await refusal(save(dossier, { [fields.ecole.stableId]: '0750001B' }));
    expect(error.fields).toEqual({ [`values.${fields.ecole.stableId}`]: 'Cette valeur est introuvable dans le référentiel.' });
  });

  it('uses a tenant’s own API Entreprise address and token instead of the instance’s, and never returns the token', async () => {
    const admin = administrateurOf(tenantB);
    const tenantSiret = siretFrom('1234567800001');
    tenantRegister.on(etablissementPath(tenantSiret), (request) => (request.headers['authorization'] === 'Bearer jeton-du-tenant' ? { status: 200, json: etablissementPayload(tenantSiret, 'ENTREPRISE DU TENANT') } : { status: 401, json: {} }));
    const view = await t.request(lookupContracts.putSettings, { kind: 'entreprise', enabled: true, baseUrl: tenantRegister.url, token: 'jeton-du-tenant', recipient: '21940041300015' }, admin);
    expect(view.entreprise).toEqual({ enabled: true, baseUrl: tenantRegister.url, effectiveBaseUrl: tenantRegister.url, tokenSet: true, instanceTokenSet: true, recipient: '21940041300015', effectiveRecipient: '21940041300015' });
    expect(JSON.stringify(view)).not.toContain('jeton');

    const dossier = await create(procedureB);
    const saved = await save(dossier, { [fields.siret.stableId]: tenantSiret });
    expect(saved.lookups?.[fields.siret.stableId]).toMatchObject({ status: 'found', data: { raisonSociale: 'ENTREPRISE DU TENANT' } });
    expect(tenantRegister.requestsTo(etablissementPath(tenantSiret)).at(-1)?.query.get('recipient')).toBe('21940041300015');
    expect(register.requestsTo(etablissementPath(tenantSiret))).toHaveLength(0);

    // Saved again without a token: the token is kept; null removes it (the instance's applies again).
    const kept = await t.request(lookupContracts.putSettings, { kind: 'entreprise', enabled: true, baseUrl: tenantRegister.url }, admin);
    expect(kept.entreprise.tokenSet).toBe(true);
    const read = await t.request(lookupContracts.getSettings, {}, admin);
    expect(JSON.stringify(read)).not.toContain('jeton');
    expect((await t.request(lookupContracts.putSettings, { kind: 'entreprise', enabled: false, baseUrl: null, token: null }, admin)).entreprise).toMatchObject({ enabled: false, tokenSet: false, baseUrl: null });
    const disabled = await save(await create(procedureB), { [fields.siret.stableId]: known });
    expect(disabled.lookups?.[fields.siret.stableId]).toMatchObject({ status: 'unavailable', reason: 'disabled' });
  });

  it('lets only the tenant’s administrateurs read and change the settings, and validates them in French', async () => {
    expect((await refusal(t.request(lookupContracts.getSettings, {}, instructeurOf(tenantA)))).code).toBe('FORBIDDEN');
    expect((await refusal(t.request(lookupContracts.getSettings, {}, owner))).code).toBe('FORBIDDEN');
    const invalid = await refusal(t.request(lookupContracts.putSettings, { kind: 'adresse', enabled: true, baseUrl: 'ftp://ban.example.fr' }, administrateurOf(tenantA)));
    expect(invalid.code).toBe('VALIDATION_FAILED');
    expect(invalid.fields?.['baseUrl']).toMatch(/https:\/\//u);
  });

  describe('in repeated blocks', () => {
    const memberSiret = field({ label: 'SIRET du membre', type: 'siret' });
    const memberEcole = field({ label: 'École du membre', type: 'referentiel', options: { referentielId: 'ecoles' } });
    const memberName = field({ label: 'Nom du membre', type: 'text' });
    const block = field({ label: 'Membres', type: 'repetition', children: [memberName, memberSiret, memberEcole] });
    const rowA = randomUUID();
    const rowB = randomUUID();
    const keyOf = (rowId: string, child = memberSiret) => `${block.stableId}.rows.${rowId}.${child.stableId}`;
    const rows = (...items: [string, Record<string, unknown>][]) => ({ [block.stableId]: { rows: items.map(([rowId, values]) => ({ rowId, values })) } });
    let procedure: Procedure;

    beforeAll(async () => {
      procedure = await t.publishedProcedure(tenantA, [block]);
    });

    it('refuses, at the row’s field, a value no register knows, and saves nothing', async () => {
      const dossier = await create(procedure);
      const error = await refusal(save(dossier, rows([rowA, { [memberSiret.stableId]: known }], [rowB, { [memberSiret.stableId]: unknown, [memberName.stableId]: 'B' }])));
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.fields).toEqual({ [`values.${block.stableId}.rows.1.${memberSiret.stableId}`]: 'Aucun établissement n’est enregistré avec ce numéro SIRET.' });
      expect((await read(dossier)).values).toEqual({});
    });

    it('stores each row’s lookup under its row id, warns at its index, and the lookup follows the row', async () => {
      const dossier = await create(procedure);
      const saved = await save(dossier, rows([rowA, { [memberSiret.stableId]: known }], [rowB, { [memberSiret.stableId]: down }]));
      expect(saved.lookups?.[keyOf(rowA)]).toMatchObject({ status: 'found', query: known, data: { siret: known, raisonSociale: 'SOCIETE NATIONALE SNCF' } });
      expect(saved.lookups?.[keyOf(rowB)]).toMatchObject({ status: 'unavailable', reason: 'server_error', query: down });
      expect(saved.warnings).toEqual({ [`values.${block.stableId}.rows.1.${memberSiret.stableId}`]: unavailableMessage });

      // Rows swapped: the found lookup stays with its row and is not asked again; the unchecked one is.
      const askedKnown = register.requestsTo(etablissementPath(known)).length;
      const askedDown = register.requestsTo(etablissementPath(down)).length;
      const swapped = await save(dossier, rows([rowB, { [memberSiret.stableId]: down }], [rowA, { [memberSiret.stableId]: known }]));
      expect(register.requestsTo(etablissementPath(known))).toHaveLength(askedKnown);
      expect(register.requestsTo(etablissementPath(down))).toHaveLength(askedDown + 1);
      expect(swapped.lookups?.[keyOf(rowA)]).toMatchObject({ status: 'found', query: known });
      expect(swapped.warnings).toEqual({ [`values.${block.stableId}.rows.0.${memberSiret.stableId}`]: unavailableMessage });

      // A row removed takes its lookup with it.
      const removed = await save(dossier, rows([rowA, { [memberSiret.stableId]: known }]));
      expect(Object.keys(removed.lookups ?? {})).toEqual([keyOf(rowA)]);
      expect(Object.keys((await read(dossier)).lookups ?? {})).toEqual([keyOf(rowA)]);
    });

    it('looks up a row’s referential, and retries an unchecked row value at submission', async () => {
      const recovering = siretFrom('3562053000002');
      register.on(etablissementPath(recovering), { status: 502, json: {} });
      const dossier = await create(procedure);
      const saved = await save(dossier, rows([rowA, { [memberSiret.stableId]: recovering, [memberEcole.stableId]: '0690001A' }]));
      expect(saved.lookups?.[keyOf(rowA)]?.status).toBe('unavailable');
      // The referential was declared by the tenant in an earlier test.
      expect(saved.lookups?.[keyOf(rowA, memberEcole)]).toMatchObject({ status: 'found', data: { nom: 'École Jules Ferry' } });
      register.on(etablissementPath(recovering), { status: 200, json: etablissementPayload(recovering, 'SOCIETE RETABLIE') });
      const submitted = await t.request(dossierContracts.submit, { dossierId: dossier.id }, owner);
      expect(submitted.state).toBe('en_construction');
      expect(submitted.lookups?.[keyOf(rowA)]).toMatchObject({ status: 'found', data: { raisonSociale: 'SOCIETE RETABLIE' } });
    });
  });

  it('answers the owner’s lookups as they type: address suggestions, company data, unknown values', async () => {
    register.on('/search/', (request) => ({
      status: 200,
      json: banPayload(request.query.get('q') ?? '', [{ label: '20 Avenue de Ségur 75007 Paris', housenumber: '20', street: 'Avenue de Ségur', postcode: '75007', city: 'Paris', citycode: '75107', context: '75, Paris, Île-de-France', lon: 2.3088, lat: 48.8506 }]),
    }));
    const dossier = await create();
    const lookup = (stableId: string, query: string, ctx: BusContext = owner) => t.request(lookupContracts.lookup, { dossierId: dossier.id, stableId, query }, ctx);
    expect(await lookup(fields.adresse.stableId, '20 avenue de ségur')).toMatchObject({ status: 'found', kind: 'adresse', data: { suggestions: [{ citycode: '75107', departement: '75', region: '11' }] } });
    expect(await lookup(fields.siret.stableId, known)).toMatchObject({ status: 'found', kind: 'entreprise', data: { siret: known } });
    expect(await lookup(fields.siret.stableId, unknown)).toEqual({ status: 'not_found', kind: 'entreprise', message: 'Aucun établissement n’est enregistré avec ce numéro SIRET.' });
    expect(await lookup(fields.siret.stableId, down)).toMatchObject({ status: 'unavailable', kind: 'entreprise', message: unavailableMessage });
    expect((await read(dossier)).lookups).toEqual({});

    expect((await refusal(lookup(fields.name.stableId, 'x'))).fields).toEqual({ stableId: 'Ce champ du formulaire ne permet pas de recherche.' });
    expect((await refusal(lookup(fields.siret.stableId, '123'))).fields?.['query']).toMatch(/14 chiffres/u);
    expect((await refusal(lookup(fields.adresse.stableId, 'ab'))).fields).toEqual({ query: 'Saisissez au moins 3 caractères.' });
    expect((await refusal(lookup(fields.siret.stableId, known, usager()))).code).toBe('NOT_FOUND');
  });
});
