import { randomUUID } from 'node:crypto';
import {
  dossierContracts,
  dossierLabelContracts,
  labelContracts,
  dossierInstructionContracts,
  groupContracts,
  procedureContracts,
  type BusContext,
  type DashboardFilter,
  type DashboardSort,
  type Dossier,
  type Procedure,
} from '@guichet/contracts';
import { expectEventually } from '@guichet/platform-testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { administrateurOf, field as aField, instructeurOf, subsidyForm, usager } from '../testing/dossier.factories';
import { startDossiersUnderTest, type DossiersUnderTest } from '../testing/dossiers.harness';

const tenant = randomUUID();

/** Who files what: names with and without accents, projects of each kind, budgets, dates. */
const filings = [
  { firstName: 'Amélie', lastName: 'Durand', name: 'Les Amis du Patrimoine', kind: 'Culture', budget: 1500.5, members: 120, founded: '1998-05-14', honour: true },
  { firstName: 'Élodie', lastName: 'Lefèvre', name: 'Club de Football de Brest', kind: 'Sport', budget: 800, members: 45, founded: '2010-09-01', honour: true },
  { firstName: 'Jean', lastName: 'Dupont', name: 'Épicerie Solidaire du Quartier', kind: 'Solidarité', budget: 12000, members: 300, founded: '2015-01-20', honour: true },
  { firstName: 'Zoé', lastName: 'Martin', name: 'Théâtre des Lilas', kind: 'Culture', budget: 50, members: 8, founded: '2021-03-03', honour: true },
  { firstName: 'Jean-Pierre', lastName: 'Dupontel', name: 'Vélo pour Tous', kind: 'Sport', budget: 4200, members: null, founded: null, honour: true },
] as const;

describe('dossiers: the dashboard’s filters, search, field columns and saved preferences', () => {
  let t: DossiersUnderTest;
  let procedure: Procedure;
  let form: ReturnType<typeof subsidyForm>;
  const dossiers: Dossier[] = [];
  const alice = instructeurOf(tenant);
  const bob = instructeurOf(tenant);
  const admin = administrateurOf(tenant);

  beforeAll(async () => {
    t = await startDossiersUnderTest();
    await t.enrol(alice);
    await t.enrol(bob);
    form = subsidyForm();
    procedure = await t.publishedProcedure(tenant, form.list);
    for (const filing of filings) {
      const owner = usager();
      const created = await t.request(dossierContracts.create, { procedureId: procedure.id, usager: { email: 'ignored@example.fr', firstName: filing.firstName, lastName: filing.lastName } }, owner);
      const { fields } = form;
      const values: Record<string, unknown> = {
        ...form.complete,
        [fields.name.stableId]: filing.name,
        [fields.kind.stableId]: filing.kind,
        [fields.budget.stableId]: filing.budget,
        [fields.members.stableId]: filing.members,
        [fields.founded.stableId]: filing.founded,
        [fields.honour.stableId]: filing.honour,
      };
      await t.request(dossierContracts.updateValues, { dossierId: created.id, values }, owner);
      dossiers.push(await t.request(dossierContracts.submit, { dossierId: created.id }, owner));
    }
  });

  afterAll(async () => {
    await t?.stop();
  });

  const at = (index: number) => dossiers[index] as Dossier;
  const page = (extra: { filters?: DashboardFilter[]; search?: string; sort?: DashboardSort; fieldColumns?: string[]; after?: string; limit?: number } = {}, ctx: BusContext = alice) =>
    t.request(dossierInstructionContracts.dashboardPage, { procedureId: procedure.id, tab: 'tous', ...extra }, ctx);
  const numbers = async (extra: Parameters<typeof page>[0], ctx: BusContext = alice) => (await page(extra, ctx)).items.map((row) => row.number);
  const ofFilings = (...indexes: number[]) => indexes.map((index) => at(index).number).sort((a, b) => b - a);
  const field = (key: keyof ReturnType<typeof subsidyForm>['fields'], match: Extract<DashboardFilter, { column: 'field' }>['match']): DashboardFilter => ({
    column: 'field',
    stableId: form.fields[key].stableId,
    match,
  });

  it('finds dossiers by the usager’s name, accents and case ignored, each word as a prefix', async () => {
    expect(await numbers({ search: 'durand' })).toEqual(ofFilings(0));
    expect(await numbers({ search: 'ELODIE lefevre' })).toEqual(ofFilings(1));
    // « dupont » is a prefix of « Dupontel » too; both words must match.
    expect(await numbers({ search: 'Dupont' })).toEqual(ofFilings(2, 4));
    expect(await numbers({ search: 'dupont jean-pierre' })).toEqual(ofFilings(4));
  });

  it('finds dossiers by a value, by the number, and finds nothing for words no one wrote', async () => {
    expect(await numbers({ search: 'epicerie' })).toEqual(ofFilings(2));
    expect(await numbers({ search: 'théatre lilas' })).toEqual(ofFilings(3));
    expect(await numbers({ search: String(at(3).number) })).toContain(at(3).number);
    expect(await numbers({ search: 'patrimoine' })).toEqual(ofFilings(0));
    expect(await numbers({ search: 'astronomie' })).toEqual([]);
  });

  it('refuses a search without a letter or digit and one longer than 200 characters, at the search field', async () => {
    await expect(page({ search: '!!! ???' })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { search: expect.any(String) as string } });
    await expect(page({ search: 'a'.repeat(10_000) })).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('filters on field values: text contains (accents ignored), a choice, a number range, a date range, a checkbox, answered or not', async () => {
    expect(await numbers({ filters: [field('name', { op: 'contains', value: 'velo' })] })).toEqual(ofFilings(4));
    expect(await numbers({ filters: [field('name', { op: 'contains', value: '%' })] })).toEqual([]);
    expect(await numbers({ filters: [field('kind', { op: 'equals', values: ['Sport'] })] })).toEqual(ofFilings(1, 4));
    expect(await numbers({ filters: [field('kind', { op: 'equals', values: ['Sport', 'Culture'] })] })).toEqual(ofFilings(0, 1, 3, 4));
    expect(await numbers({ filters: [field('budget', { op: 'range', min: 800, max: 4200 })] })).toEqual(ofFilings(0, 1, 4));
    expect(await numbers({ filters: [field('founded', { op: 'range', min: '2010-01-01' })] })).toEqual(ofFilings(1, 2, 3));
    expect(await numbers({ filters: [field('founded', { op: 'filled', value: false })] })).toEqual(ofFilings(4));
    expect(await numbers({ filters: [field('honour', { op: 'is', value: true })] })).toEqual(ofFilings(0, 1, 2, 3, 4));
    expect(await numbers({ filters: [field('honour', { op: 'is', value: false })] })).toEqual([]);
    // Filters add up, and with the search.
    expect(await numbers({ filters: [field('kind', { op: 'equals', values: ['Culture'] }), field('budget', { op: 'range', max: 100 })] })).toEqual(ofFilings(3));
    expect(await numbers({ filters: [field('kind', { op: 'equals', values: ['Sport'] })], search: 'brest' })).toEqual(ofFilings(1));
  });

  it('filters on state, group, follower and dates', async () => {
    await t.request(dossierContracts.transition, { dossierId: at(1).id, event: 'passer_en_instruction' }, bob);
    expect(await numbers({ filters: [{ column: 'state', values: ['en_instruction'] }] })).toEqual(ofFilings(1));
    expect(await numbers({ filters: [{ column: 'follower', value: 'someone' }] })).toEqual(ofFilings(1));
    expect(await numbers({ filters: [{ column: 'follower', value: 'none' }] })).toEqual(ofFilings(0, 2, 3, 4));
    expect(await numbers({ filters: [{ column: 'follower', value: bob.actor!.email.toUpperCase() }] })).toEqual(ofFilings(1));
    expect(await numbers({ filters: [{ column: 'follower', value: 'me' }] }, bob)).toEqual(ofFilings(1));
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    expect(await numbers({ filters: [{ column: 'submittedAt', from: today, to: today }] })).toEqual(ofFilings(0, 1, 2, 3, 4));
    expect(await numbers({ filters: [{ column: 'submittedAt', to: '2000-01-01' }] })).toEqual([]);
    const groups = await t.request(groupContracts.list, { procedureId: procedure.id }, admin);
    const defaultGroup = groups.items[0]!.id;
    expect(await numbers({ filters: [{ column: 'group', values: [defaultGroup] }] })).toEqual(ofFilings(0, 1, 2, 3, 4));
    expect(await numbers({ filters: [{ column: 'group', values: [randomUUID()] }] })).toEqual([]);
  });

  it('filters on labels, shows each row’s labels by name, and refuses a label of another procedure', async () => {
    const urgent = await t.request(labelContracts.create, { procedureId: procedure.id, name: 'Urgent', color: 'pink-tuile' }, admin);
    const complete = await t.request(labelContracts.create, { procedureId: procedure.id, name: 'Complet', color: 'green-emeraude' }, admin);
    await t.request(dossierLabelContracts.add, { dossierId: at(2).id, labelId: urgent.id }, alice);
    await t.request(dossierLabelContracts.add, { dossierId: at(2).id, labelId: complete.id }, alice);
    await t.request(dossierLabelContracts.add, { dossierId: at(3).id, labelId: complete.id }, alice);
    expect(await numbers({ filters: [{ column: 'label', values: [urgent.id] }] })).toEqual(ofFilings(2));
    expect(await numbers({ filters: [{ column: 'label', values: [urgent.id, complete.id] }] })).toEqual(ofFilings(2, 3));
    const rows = (await page({ filters: [{ column: 'label', values: [complete.id] }] })).items;
    expect(rows.map((row) => row.labels.map((label) => label.name))).toEqual([['Complet'], ['Complet', 'Urgent']]);
    expect(rows[1]!.labels[0]).toEqual({ id: complete.id, name: 'Complet', color: 'green-emeraude' });
    const elsewhere = await t.publishedProcedure(tenant, subsidyForm().list);
    const foreign = await t.request(labelContracts.create, { procedureId: elsewhere.id, name: 'Ailleurs', color: 'blue-ecume' }, admin);
    await expect(page({ filters: [{ column: 'state', values: ['en_construction'] }, { column: 'label', values: [foreign.id] }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { 'filters.1.values': 'Cette étiquette n’est pas une étiquette de la démarche.' },
    });
  });

  it('keeps a label filter in the saved preferences (here an administrateur’s); read back, a label deleted since is left out, and the filter goes with its last label', async () => {
    const waiting = await t.request(labelContracts.create, { procedureId: procedure.id, name: 'En attente', color: 'blue-cumulus' }, admin);
    const gone = await t.request(labelContracts.create, { procedureId: procedure.id, name: 'Obsolète', color: 'brown-opera' }, admin);
    const alone = await t.request(labelContracts.create, { procedureId: procedure.id, name: 'Provisoire', color: 'beige-gris-galet' }, admin);
    const filters: DashboardFilter[] = [
      { column: 'label', values: [waiting.id, gone.id] },
      { column: 'state', values: ['en_construction'] },
      { column: 'label', values: [alone.id] },
    ];
    const saved = await t.request(dossierInstructionContracts.saveDashboardPreferences, { procedureId: procedure.id, columns: ['usager', 'labels'], filters, sort: { column: 'number', direction: 'asc' } }, admin);
    expect(saved.preferences.filters).toEqual(filters);
    expect((await t.request(dossierInstructionContracts.dashboardPreferences, { procedureId: procedure.id }, admin)).preferences.filters).toEqual(filters);

    await t.request(labelContracts.delete, { procedureId: procedure.id, labelId: gone.id }, admin);
    await t.request(labelContracts.delete, { procedureId: procedure.id, labelId: alone.id }, admin);
    await expectEventually(async () => {
      const read = await t.request(dossierInstructionContracts.dashboardPreferences, { procedureId: procedure.id }, admin);
      expect(read.preferences.filters).toEqual([{ column: 'label', values: [waiting.id] }, { column: 'state', values: ['en_construction'] }]);
    }, { timeoutMs: 15_000, description: 'the deleted labels left out of the saved filters' });
    // What is read back is a page the dashboard accepts; the deleted label itself is refused.
    await expect(page({ filters: [{ column: 'label', values: [waiting.id] }] })).resolves.toMatchObject({ items: [] });
    await expect(page({ filters: [{ column: 'label', values: [gone.id] }] })).rejects.toMatchObject({ fields: { 'filters.0.values': 'Cette étiquette n’est pas une étiquette de la démarche.' } });
  });

  it('refuses a filter on a field the procedure does not have, or used against its type, at the filter’s key', async () => {
    await expect(page({ filters: [{ column: 'field', stableId: randomUUID(), match: { op: 'filled', value: true } }] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { 'filters.0.stableId': 'Ce champ n’existe pas dans la démarche.' },
    });
    await expect(page({ filters: [{ column: 'state', values: ['accepte'] }, field('budget', { op: 'contains', value: '12' })] })).rejects.toMatchObject({
      code: 'VALIDATION_FAILED',
      fields: { 'filters.1.match.op': expect.stringContaining('Budget') as string },
    });
    await expect(page({ filters: [field('kind', { op: 'equals', values: ['Astronomie'] })] })).rejects.toMatchObject({ fields: { 'filters.0.match.values': expect.any(String) as string } });
    await expect(page({ fieldColumns: [randomUUID()] })).rejects.toMatchObject({ fields: { 'fieldColumns.0': expect.any(String) as string } });
  });

  it('filters on a field a new publication added from the next request (its fields are kept until procedures announces a change)', async () => {
    const before = aField({ label: 'Commune', type: 'text' });
    const republished = await t.publishedProcedure(tenant, [before]);
    const added = aField({ label: 'Thème du projet', type: 'drop_down_list', options: { choices: ['Sport', 'Culture'] } });
    const filtered = () => t.request(dossierInstructionContracts.dashboardPage, { procedureId: republished.id, tab: 'tous', filters: [{ column: 'field', stableId: added.stableId, match: { op: 'equals', values: ['Sport'] } }] }, alice);
    await expect(filtered()).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'filters.0.stableId': expect.any(String) as string } });
    await t.request(procedureContracts.updateDraft, { procedureId: republished.id, fields: [before, added] }, admin);
    await t.request(procedureContracts.publish, { procedureId: republished.id }, admin);
    await expect(filtered()).resolves.toMatchObject({ items: [] });
  });

  it('sorts on a field column, walks its pages without a gap or a repeat, and shows the columns’ values as text', async () => {
    const budget = form.fields.budget.stableId;
    const sort: DashboardSort = { column: `champ:${budget}`, direction: 'asc' };
    const seen: number[] = [];
    const texts: string[] = [];
    let after: string | undefined;
    do {
      const result = await page({ sort, limit: 2, fieldColumns: [budget, form.fields.honour.stableId], ...(after !== undefined ? { after } : {}) });
      seen.push(...result.items.map((row) => row.number));
      texts.push(...result.items.map((row) => row.fields[budget] ?? ''));
      expect(result.items.every((row) => row.fields[form.fields.honour.stableId] === 'Oui')).toBe(true);
      after = result.nextCursor ?? undefined;
    } while (after !== undefined);
    expect(seen).toEqual([3, 1, 0, 4, 2].map((index) => at(index).number));
    expect(texts).toEqual(['50', '800', '1500,5', '4200', '12000']);

    // Numbers sort as numbers, absent answers first when ascending.
    const byMembers = await numbers({ sort: { column: `champ:${form.fields.members.stableId}`, direction: 'asc' } });
    expect(byMembers).toEqual([4, 3, 1, 0, 2].map((index) => at(index).number));
    // Text sorts folded: « Épicerie » among the E, not after Z.
    const byName = await numbers({ sort: { column: `champ:${form.fields.name.stableId}`, direction: 'asc' } });
    expect(byName).toEqual([1, 2, 0, 3, 4].map((index) => at(index).number));
    await expect(page({ sort: { column: `champ:${form.fields.files.stableId}`, direction: 'asc' } })).rejects.toMatchObject({ fields: { 'sort.column': expect.any(String) as string } });
  });

  it('keeps each agent’s columns, filters and sort per procedure, refuses unknown fields, and starts from the defaults', async () => {
    const initial = await t.request(dossierInstructionContracts.dashboardPreferences, { procedureId: procedure.id }, alice);
    expect(initial.saved).toBe(false);
    expect(initial.preferences).toEqual({ columns: ['usager', 'state', 'group', 'submittedAt'], filters: [], sort: { column: 'number', direction: 'desc' } });
    expect(initial.fields.map((known) => known.label)).toEqual(['Nom de l’association', 'Courriel de contact', 'Téléphone', 'Nombre d’adhérents', 'Budget', 'Type de projet', 'Date de création', 'J’atteste sur l’honneur', 'Statuts']);
    expect(initial.fields.find((known) => known.label === 'Type de projet')).toMatchObject({ ops: ['equals', 'contains', 'filled'], sortable: true, choices: ['Culture', 'Sport', 'Solidarité'] });

    const chosen = {
      columns: ['usager', `champ:${form.fields.kind.stableId}`, `champ:${form.fields.budget.stableId}`] as const,
      filters: [field('kind', { op: 'equals', values: ['Sport'] })],
      sort: { column: `champ:${form.fields.budget.stableId}`, direction: 'desc' } as DashboardSort,
    };
    const saved = await t.request(dossierInstructionContracts.saveDashboardPreferences, { procedureId: procedure.id, ...chosen, columns: [...chosen.columns] }, alice);
    expect(saved.saved).toBe(true);
    const again = await t.request(dossierInstructionContracts.dashboardPreferences, { procedureId: procedure.id }, alice);
    expect(again).toMatchObject({ saved: true, preferences: { columns: [...chosen.columns], filters: chosen.filters, sort: chosen.sort } });
    // Bob's are his own.
    expect((await t.request(dossierInstructionContracts.dashboardPreferences, { procedureId: procedure.id }, bob)).saved).toBe(false);

    await expect(
      t.request(dossierInstructionContracts.saveDashboardPreferences, { procedureId: procedure.id, columns: [`champ:${randomUUID()}`], filters: [], sort: { column: 'number', direction: 'asc' } }, alice),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'columns.0': expect.any(String) as string } });
    await expect(
      t.request(dossierInstructionContracts.saveDashboardPreferences, { procedureId: procedure.id, columns: ['usager'], filters: [field('budget', { op: 'is', value: true })], sort: { column: 'number', direction: 'asc' } }, alice),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED', fields: { 'filters.0.match.op': expect.any(String) as string } });
    await expect(
      t.request(dossierInstructionContracts.saveDashboardPreferences, { procedureId: procedure.id, columns: ['nope' as 'usager'], filters: [], sort: { column: 'number', direction: 'asc' } }, alice),
    ).rejects.toMatchObject({ code: 'VALIDATION_FAILED' });
    // A refused save changed nothing.
    expect((await t.request(dossierInstructionContracts.dashboardPreferences, { procedureId: procedure.id }, alice)).preferences.filters).toEqual(chosen.filters);
    // Another tenant's agent has no such procedure.
    await expect(t.request(dossierInstructionContracts.dashboardPreferences, { procedureId: procedure.id }, instructeurOf(randomUUID()))).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
