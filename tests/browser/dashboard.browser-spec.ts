import { type BrowserContext, type Page } from 'playwright-core';
import { describe, expect, inject, it } from 'vitest';
import { administrateur, type CreatedProcedure, createProcedure, demoPassword, signIn, testField, textOf } from './builder-helpers';
import { freshEmail, open, pagePerTest, seriousA11yViolations, settled, waitForHeading } from './support/browser';

const baseUrl = inject('browserBaseUrl');
const password = 'un mot de passe solide 2025';
/** The demo instructeur (tools/seed/seed.ts), put in the default group of each procedure made here. */
const instructeur = 'instructeur@demo.guichet.local';

type Filed = { procedure: CreatedProcedure; fields: { name: string; kind: string }; numbers: Record<string, number>; groupLabel: string };

async function signInThroughApi(context: BrowserContext, email: string, secret = demoPassword): Promise<void> {
  expect((await context.request.post('/api/auth/signin', { data: { email, password: secret } })).status()).toBe(200);
}

async function signOutThroughApi(context: BrowserContext): Promise<void> {
  expect((await context.request.post('/api/auth/signout')).ok()).toBe(true);
}

/**
 * A published procedure with a text field and a choice, the demo instructeur in its default group,
 * and three dossiers filed by three usagers. Everything through the API; the context ends signed out.
 */
async function fileDossiers(context: BrowserContext): Promise<Filed> {
  await signInThroughApi(context, administrateur);
  const name = testField('text', 'Nom du projet', { mandatory: true });
  const kind = testField('drop_down_list', 'Type de projet', { mandatory: true, options: { choices: ['Sport', 'Culture'] } });
  const procedure = await createProcedure(context, 'Tableau de bord', [name, kind], { publish: true });
  const groups = await context.request.get(`/api/admin/procedures/${procedure.id}/groups`);
  expect(groups.status()).toBe(200);
  const defaultGroup = ((await groups.json()) as { items: { id: string; label: string; isDefault: boolean }[] }).items.find((group) => group.isDefault);
  if (defaultGroup === undefined) throw new Error('the procedure has no default group');
  expect((await context.request.post(`/api/admin/procedures/${procedure.id}/groups/${defaultGroup.id}/members`, { data: { members: [{ email: instructeur }] } })).status()).toBeLessThan(300);
  // A second group, without the demo instructeur (and without dossiers: no rule routes to it).
  expect((await context.request.post(`/api/admin/procedures/${procedure.id}/groups`, { data: { label: 'Antenne Nord' } })).status()).toBe(201);
  await signOutThroughApi(context);

  const numbers: Record<string, number> = {};
  const projects = [
    { project: 'Jardin partagé', type: 'Culture', lastName: 'Demandeuse' },
    { project: 'Tournoi de quartier', type: 'Sport', lastName: 'Sportive' },
    { project: 'Club de lecture', type: 'Culture', lastName: 'Lectrice' },
  ];
  for (const { project, type, lastName } of projects) {
    expect((await context.request.post('/api/auth/signup', { data: { email: freshEmail('demandeur'), password, firstName: 'Camille', lastName } })).status()).toBe(201);
    const created = await context.request.post('/api/dossiers', { data: { procedureId: procedure.id } });
    expect(created.status()).toBe(201);
    const { id, number } = (await created.json()) as { id: string; number: number };
    expect((await context.request.patch(`/api/dossiers/${id}/values`, { data: { values: { [name.stableId]: project, [kind.stableId]: type } } })).status()).toBe(200);
    expect((await context.request.post(`/api/dossiers/${id}/submit`)).status()).toBe(200);
    await signOutThroughApi(context);
    numbers[project] = number;
  }
  return { procedure, fields: { name: name.stableId, kind: kind.stableId }, numbers, groupLabel: defaultGroup.label };
}

/** The numbers of the rows shown, in order. */
async function shownNumbers(page: Page): Promise<number[]> {
  // The first cell is the row's checkbox (batches); the number comes next.
  const links = await page.locator('main tbody tr td:nth-child(2) a').allTextContents();
  return links.map((text) => Number(text.replace(/\D/g, '')));
}

/** Waits until the list shows these numbers, in this order. */
async function expectRows(page: Page, numbers: number[]): Promise<void> {
  await expect.poll(() => shownNumbers(page), { timeout: 15_000 }).toEqual(numbers);
}

const filterTag = (page: Page, label: string) => page.getByRole('list', { name: 'Filtres actifs' }).getByRole('button', { name: `Retirer le filtre ${label}` });
const header = (page: Page, label: string) => page.locator('main thead th', { hasText: label });

describe('tableau de bord de l’instructeur : recherche, filtres, colonnes et préférences', () => {
  let context: BrowserContext;
  let page: Page;

  pagePerTest(baseUrl, (opened) => ({ context, page } = opened));

  it('l’instructeur cherche un dossier, filtre sur un champ, ajoute une colonne ; tout est retrouvé au rechargement et à sa visite suivante', async () => {
    const { procedure, fields, numbers, groupLabel } = await fileDossiers(context);
    const jardin = numbers['Jardin partagé'] ?? 0;
    const tournoi = numbers['Tournoi de quartier'] ?? 0;
    const club = numbers['Club de lecture'] ?? 0;

    await signIn(page, instructeur);
    await open(page, `/instructeur/procedures/${procedure.id}?onglet=tous`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    await expectRows(page, [club, tournoi, jardin]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Full-text search on an answer, accents and case ignored; then on the usager's name.
    const search = page.getByLabel('Rechercher un dossier (numéro, nom, e-mail, réponses)');
    await search.fill('TOURNOI');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expectRows(page, [tournoi]);
    expect(new URL(page.url()).searchParams.get('q')).toBe('TOURNOI');
    await search.fill('lectrice');
    await page.getByRole('button', { name: 'Rechercher', exact: true }).click();
    await expectRows(page, [club]);
    await page.getByRole('button', { name: 'Effacer la recherche' }).click();
    await expectRows(page, [club, tournoi, jardin]);

    // A field filter: incomplete, it is stopped in the form; complete, it narrows the list and shows as a tag.
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    const form = page.locator('main form', { has: page.getByText('Ajouter un filtre') });
    await form.getByLabel('Filtrer sur').selectOption({ label: 'Type de projet' });
    await form.getByRole('button', { name: 'Ajouter le filtre' }).click();
    await form.getByText('Choisissez au moins une valeur.').waitFor();
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.getByText('Culture', { exact: true }).click();
    await form.getByRole('button', { name: 'Ajouter le filtre' }).click();
    await filterTag(page, 'Type de projet : Culture').waitFor();
    await expectRows(page, [club, jardin]);
    expect(JSON.parse(new URL(page.url()).searchParams.get('filtres') ?? '[]')).toEqual([{ column: 'field', stableId: fields.kind, match: { op: 'equals', values: ['Culture'] } }]);

    // A filter the server refuses (the end before the start): its message beside its tag, in French.
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await form.getByLabel('Filtrer sur').selectOption({ label: 'Date de dépôt' });
    await form.getByLabel('Du', { exact: true }).fill('2026-12-31');
    await form.getByLabel('Au', { exact: true }).fill('2026-01-01');
    await form.getByRole('button', { name: 'Ajouter le filtre' }).click();
    const refused = filterTag(page, 'Date de dépôt : du 31/12/2026 au 01/01/2026');
    await refused.waitFor();
    await page.getByRole('heading', { name: 'Les dossiers n’ont pas pu être chargés' }).waitFor();
    await expect.poll(() => refused.getAttribute('aria-describedby')).not.toBeNull();
    const describedBy = (await refused.getAttribute('aria-describedby')) ?? '';
    expect(await textOf(page.locator(`[id="${describedBy}"]`))).toBe('La date de fin doit être égale ou postérieure à la date de début.');
    expect(await seriousA11yViolations(page)).toEqual([]);
    await refused.click();
    await expectRows(page, [club, jardin]);

    // The group filter lists the groups whose dossiers the instructeur reads: theirs, not « Antenne Nord ».
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    await form.getByLabel('Filtrer sur').selectOption({ label: 'Groupe instructeur' });
    await form.getByText(groupLabel, { exact: true }).waitFor();
    expect(await form.getByRole('checkbox').count()).toBe(1);
    expect(await form.getByText('Antenne Nord').count()).toBe(0);
    await form.getByText(groupLabel, { exact: true }).click();
    await form.getByRole('button', { name: 'Ajouter le filtre' }).click();
    await filterTag(page, `Groupe : ${groupLabel}`).click();
    await expect.poll(() => filterTag(page, `Groupe : ${groupLabel}`).count()).toBe(0);
    await expectRows(page, [club, jardin]);

    // A field column, sorted by a click on its header.
    await page.getByRole('button', { name: 'Personnaliser les colonnes' }).click();
    await page.getByLabel('Ajouter une colonne').selectOption({ label: 'Nom du projet' });
    await page.getByRole('button', { name: 'Ajouter la colonne' }).click();
    await header(page, 'Nom du projet').waitFor();
    expect(await textOf(page.locator('main tbody tr', { has: page.getByRole('link', { name: `N° ${jardin}`, exact: true }) }))).toContain('Jardin partagé');
    await page.getByRole('list', { name: 'Colonnes affichées, dans l’ordre' }).getByRole('button', { name: 'Retirer la colonne Groupe' }).click();
    await expect.poll(() => header(page, 'Groupe').count()).toBe(0);
    expect(await seriousA11yViolations(page)).toEqual([]);
    // A first click sorts the names A→Z (the order of the numbers here), a second Z→A.
    await header(page, 'Nom du projet').getByRole('button').click();
    await expect.poll(() => header(page, 'Nom du projet').getAttribute('aria-sort')).toBe('ascending');
    await expectRows(page, [club, jardin]);
    await header(page, 'Nom du projet').getByRole('button').click();
    await expect.poll(() => header(page, 'Nom du projet').getAttribute('aria-sort')).toBe('descending');
    await expectRows(page, [jardin, club]);

    // Saved for the next visit (the last save, once it is through).
    const chosen = {
      columns: ['usager', 'state', 'submittedAt', `champ:${fields.name}`],
      filters: [{ column: 'field', stableId: fields.kind, match: { op: 'equals', values: ['Culture'] } }],
      sort: { column: `champ:${fields.name}`, direction: 'desc' },
    };
    await expect
      .poll(async () => ((await (await context.request.get(`/api/instructeur/procedures/${procedure.id}/preferences`)).json()) as { saved: boolean; preferences: unknown }), { timeout: 15_000 })
      .toMatchObject({ saved: true, preferences: chosen });

    // A reload keeps everything (it is in the URL).
    await page.reload();
    await settled(page);
    await filterTag(page, 'Type de projet : Culture').waitFor();
    expect(await header(page, 'Nom du projet').getAttribute('aria-sort')).toBe('descending');
    await expectRows(page, [jardin, club]);

    // The next visit, from an address without any choice: the saved columns, filter and sort come back.
    await open(page, '/instructeur');
    await open(page, `/instructeur/procedures/${procedure.id}?onglet=tous`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    await filterTag(page, 'Type de projet : Culture').waitFor();
    await expectRows(page, [jardin, club]);
    expect(await header(page, 'Nom du projet').getAttribute('aria-sort')).toBe('descending');
    expect(await header(page, 'Groupe').count()).toBe(0);
    expect(new URL(page.url()).searchParams.get('colonnes')).toBe(chosen.columns.join(','));
    expect(await seriousA11yViolations(page)).toEqual([]);

    // The back button: a removed filter comes back.
    await filterTag(page, 'Type de projet : Culture').click();
    await expectRows(page, [tournoi, jardin, club]);
    await page.goBack();
    await filterTag(page, 'Type de projet : Culture').waitFor();
    await expectRows(page, [jardin, club]);
  }, 180_000);

  it('l’instructeur filtre sur les étiquettes de la démarche ; le filtre est gardé dans l’adresse et retrouvé à sa visite suivante', async () => {
    const { procedure, numbers } = await fileDossiers(context);
    const jardin = numbers['Jardin partagé'] ?? 0;
    const tournoi = numbers['Tournoi de quartier'] ?? 0;
    const club = numbers['Club de lecture'] ?? 0;
    // The administrateur makes two labels; the instructeur puts « Urgent » on two dossiers (API).
    await signInThroughApi(context, administrateur);
    const created = await context.request.post(`/api/admin/procedures/${procedure.id}/labels`, { data: { name: 'Urgent', color: 'pink-tuile' } });
    expect(created.status()).toBe(201);
    const urgent = (await created.json()) as { id: string };
    expect((await context.request.post(`/api/admin/procedures/${procedure.id}/labels`, { data: { name: 'Complet', color: 'green-bourgeon' } })).status()).toBe(201);
    await signOutThroughApi(context);
    await signInThroughApi(context, instructeur);
    const listed = (await (await context.request.get(`/api/instructeur/procedures/${procedure.id}/tableau?onglet=tous`)).json()) as { items: { id: string; number: number }[] };
    for (const row of listed.items.filter((item) => item.number === jardin || item.number === club)) {
      expect((await context.request.post(`/api/instructeur/dossiers/${row.id}/labels`, { data: { labelId: urgent.id } })).status()).toBe(200);
    }

    await open(page, `/instructeur/procedures/${procedure.id}?onglet=tous`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    await expectRows(page, [club, tournoi, jardin]);
    await page.getByRole('button', { name: 'Filtrer', exact: true }).click();
    const form = page.locator('main form', { has: page.getByText('Ajouter un filtre') });
    await form.getByLabel('Filtrer sur').selectOption({ label: 'Étiquettes' });
    // None ticked: the contract's message.
    await form.getByText('Urgent', { exact: true }).waitFor();
    await form.getByRole('button', { name: 'Ajouter le filtre' }).click();
    await form.getByText('Choisissez au moins une étiquette.').waitFor();
    expect(await form.getByRole('checkbox').count()).toBe(2);
    expect(await seriousA11yViolations(page)).toEqual([]);
    await form.getByText('Urgent', { exact: true }).click();
    await form.getByRole('button', { name: 'Ajouter le filtre' }).click();
    await filterTag(page, 'Étiquettes : Urgent').waitFor();
    await expectRows(page, [club, jardin]);
    expect(JSON.parse(new URL(page.url()).searchParams.get('filtres') ?? '[]')).toEqual([{ column: 'label', values: [urgent.id] }]);
    expect(await seriousA11yViolations(page)).toEqual([]);

    // Saved, and found again at the next visit from an address without any choice.
    await expect
      .poll(async () => ((await (await context.request.get(`/api/instructeur/procedures/${procedure.id}/preferences`)).json()) as { preferences: { filters: unknown[] } }).preferences.filters, { timeout: 15_000 })
      .toEqual([{ column: 'label', values: [urgent.id] }]);
    await open(page, '/instructeur');
    await open(page, `/instructeur/procedures/${procedure.id}?onglet=tous`);
    await waitForHeading(page, procedure.title);
    await settled(page);
    await filterTag(page, 'Étiquettes : Urgent').waitFor();
    await expectRows(page, [club, jardin]);
    await filterTag(page, 'Étiquettes : Urgent').click();
    await expectRows(page, [club, tournoi, jardin]);
  }, 180_000);
});
