import { beforeAll, describe, expect, it } from 'vitest';
import { aPdf } from '../factories';
import { aPublishedProcedure, aSubmittedDossier, aTenantWithAgents, signUp, type PublishedProcedure, type TenantAgents } from './support/platform';

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}
interface Page {
  items: { id: string; number: number; fields: Record<string, string> }[];
  nextCursor: string | null;
}

/**
 * The instructeur's dashboard through the gateway: search, filters in the URL, field columns and
 * sorts, saved preferences, and every bad input answered with a field-level 4xx in the query's own
 * terms (never a 500).
 */
describe('dashboard over HTTP: search, filters, field columns, preferences', () => {
  let tenant: TenantAgents;
  let procedure: PublishedProcedure;
  const dossiers: { id: string; number: number }[] = [];
  const monuments = ['Château de Vincennes', 'Abbaye de Fontevraud', 'Cité de Carcassonne', 'Château de Chambord'];

  beforeAll(async () => {
    tenant = await aTenantWithAgents();
    procedure = await aPublishedProcedure(tenant);
    const pdf = await aPdf();
    for (const monument of monuments) {
      const usager = (await signUp()).client;
      dossiers.push(await aSubmittedDossier(usager, procedure, pdf, monument));
    }
  });

  const tableau = (query: Record<string, string>) => tenant.instructeur.get<Page & ErrorBody>(`/api/instructeur/procedures/${procedure.id}/tableau?${new URLSearchParams({ onglet: 'tous', ...query }).toString()}`);
  const numbers = async (query: Record<string, string>) => {
    const response = await tableau(query);
    expect(response.status).toBe(200);
    return response.body.items.map((item) => item.number);
  };
  const of = (...indexes: number[]) => indexes.map((index) => dossiers[index]!.number).sort((a, b) => b - a);

  it('searches (accents and case ignored), filters through JSON in the URL, and adds both up', async () => {
    expect(await numbers({ q: 'chateau' })).toEqual(of(0, 3));
    expect(await numbers({ q: 'CITÉ carcass' })).toEqual(of(2));
    const contains = JSON.stringify([{ column: 'field', stableId: procedure.fields.text, match: { op: 'contains', value: 'abbaye' } }]);
    expect(await numbers({ filtres: contains })).toEqual(of(1));
    const submittedToday = JSON.stringify([{ column: 'state', values: ['en_construction'] }]);
    expect(await numbers({ filtres: submittedToday, q: 'chambord' })).toEqual(of(3));
  });

  it('sorts on a field and returns the chosen field columns as text', async () => {
    const response = await tableau({ tri: `champ:${procedure.fields.text}`, ordre: 'asc', champs: `${procedure.fields.text},${procedure.fields.date}` });
    expect(response.status).toBe(200);
    expect(response.body.items.map((item) => item.fields[procedure.fields.text])).toEqual(['Abbaye de Fontevraud', 'Château de Chambord', 'Château de Vincennes', 'Cité de Carcassonne']);
    expect(response.body.items.every((item) => item.fields[procedure.fields.date] === '14/05/2026')).toBe(true);
  });

  it('keeps the instructeur’s columns, filters and sort for the next visit', async () => {
    const path = `/api/instructeur/procedures/${procedure.id}/preferences`;
    const before = await tenant.instructeur.get<{ saved: boolean; fields: { stableId: string }[] }>(path);
    expect(before.status).toBe(200);
    expect(before.body.saved).toBe(false);
    expect(before.body.fields.map((field) => field.stableId)).toEqual([procedure.fields.text, procedure.fields.date, procedure.fields.piece]);
    const choice = {
      columns: ['usager', `champ:${procedure.fields.text}`],
      filters: [{ column: 'field', stableId: procedure.fields.date, match: { op: 'range', min: '2026-01-01' } }],
      sort: { column: `champ:${procedure.fields.text}`, direction: 'asc' },
    };
    const saved = await tenant.instructeur.put(path, choice);
    expect(saved.status).toBe(200);
    const after = await tenant.instructeur.get<{ saved: boolean; preferences: unknown }>(path);
    expect(after.body).toMatchObject({ saved: true, preferences: choice });
    const refused = await tenant.instructeur.put<ErrorBody>(path, { ...choice, columns: ['colonne-inconnue'] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields).toHaveProperty(['columns.0']);
    // The usager has no dashboard.
    const usager = (await signUp()).client;
    expect((await usager.get(path)).status).toBe(403);
  });

  it('deletes a decided dossier from the lists into « supprimés » and restores it; refuses an open one, a bad body and who does not instruct it', async () => {
    const path = (dossier: { id: string }) => `/api/instructeur/dossiers/${dossier.id}/supprimer`;
    const open = await tenant.instructeur.post<ErrorBody>(path(dossiers[1]!), { hidden: true });
    expect({ status: open.status, code: open.body.error.code }).toEqual({ status: 409, code: 'DOSSIER_NOT_PROCESSED' });
    const malformed = await tenant.instructeur.post<ErrorBody>(path(dossiers[1]!), { hidden: 'oui' });
    expect(malformed.status).toBe(422);
    expect(malformed.body.error.fields).toHaveProperty('hidden');
    expect((await tenant.admin.post(path(dossiers[1]!), { hidden: true })).status).toBe(403);
    expect((await (await signUp()).client.post(path(dossiers[1]!), { hidden: true })).status).toBe(403);

    const decided = dossiers[1]!;
    for (const event of ['passer_en_instruction', 'accepter']) expect((await tenant.instructeur.post(`/api/instructeur/dossiers/${decided.id}/transitions`, { event })).status).toBe(200);
    expect((await tenant.instructeur.post<{ hiddenByAdministrationAt: string | null }>(path(decided), { hidden: true })).body.hiddenByAdministrationAt).toEqual(expect.any(String));
    expect(await numbers({ onglet: 'supprimes' })).toEqual([decided.number]);
    expect(await numbers({})).not.toContain(decided.number);
    expect((await tenant.instructeur.post<{ hiddenByAdministrationAt: string | null }>(path(decided), { hidden: false })).body.hiddenByAdministrationAt).toBeNull();
    expect(await numbers({ onglet: 'supprimes' })).toEqual([]);
  });

  it('answers bad input with a field-level 4xx named as in the query, never a 500', async () => {
    const cases: [Record<string, string>, string][] = [
      [{ tri: 'inconnu' }, 'tri'],
      [{ tri: `champ:${procedure.fields.piece}` }, 'tri'],
      [{ filtres: '[{"column":' }, 'filtres'],
      [{ filtres: JSON.stringify([{ column: 'nope' }]) }, 'filtres.0'],
      [{ filtres: JSON.stringify([{ column: 'field', stableId: '00000000-0000-4000-8000-000000000000', match: { op: 'filled', value: true } }]) }, 'filtres.0.stableId'],
      [{ filtres: JSON.stringify([{ column: 'field', stableId: procedure.fields.date, match: { op: 'range', min: 3 } }]) }, 'filtres.0.match.min'],
      [{ filtres: JSON.stringify([{ column: 'submittedAt', from: '2026-02-30' }]) }, 'filtres.0.from'],
      [{ q: 'x'.repeat(10_000) }, 'q'],
      [{ q: '*** ???' }, 'q'],
      [{ champs: 'pas-un-champ' }, 'champs'],
      [{ after: 'forge' }, 'after'],
    ];
    for (const [query, key] of cases) {
      const response = await tableau(query);
      expect({ query, status: response.status }).toEqual({ query, status: 422 });
      expect(response.body.error.code).toBe('VALIDATION_FAILED');
      expect(Object.keys(response.body.error.fields ?? {}).some((field) => field === key || field.startsWith(`${key}.`))).toBe(true);
    }
  });
});
